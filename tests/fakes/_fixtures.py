"""Read-only access to the shared Slack fixtures (never copied into this repo)."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any


def _shared_fixtures() -> Path:
    """The fixtures sit beside the checkout (/work/main) or beside the folder of worktrees
    (/work/wt/NAME): the nearest ancestor with shared/slack-fixtures."""
    root = Path(__file__).resolve().parents[2]
    for folder in root.parents:
        if (folder / "shared" / "slack-fixtures").is_dir():
            return folder / "shared" / "slack-fixtures"
    return root.parent / "shared" / "slack-fixtures"


FIXTURES_DIR: Path = _shared_fixtures()


@cache
def _load(relative_path: str) -> Any:
    with (FIXTURES_DIR / relative_path).open(encoding="utf-8") as f:
        return json.load(f)


def load_fixture(relative_path: str) -> Any:
    """Return a fresh deep copy of a fixture file, e.g. ``"web-api/chat.postMessage.ok.json"``."""
    return copy.deepcopy(_load(relative_path))


def deep_merge(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """Merge ``overrides`` into a copy of ``base``; nested dicts merge, other values replace."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


# Identity of the fake workspace, taken from Bolt's own mock auth.test answer for a bot token.
_AUTH = _load("web-api/auth.test.bot_token.bolt_python_mock.json")["body"]
TEAM_ID: str = _AUTH["team_id"]
BOT_USER_ID: str = _AUTH["user_id"]
BOT_ID: str = _AUTH["bot_id"]
APP_ID: str = "A111"  # the anonymised app id used throughout the SDK fixtures
