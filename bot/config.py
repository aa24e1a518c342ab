"""Settings, read once from the environment (the only reader of os.environ)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from store.crypto import Keyring

SLACK_DEFAULT_API_URL = "https://slack.com/api/"


PACING = ("process", "shared")


class SettingsError(ValueError):
    """A setting in the environment is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot reads from its environment, validated."""

    database_url: str = "sqlite:///crm.db"
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = SLACK_DEFAULT_API_URL
    default_tz: str = "UTC"
    sweep_seconds: float = 30.0
    config_path: Path | None = None
    port: int = 3000
    encryption_keys: str | None = None
    # Where Slack's pace is kept: in each process, or in the database for every copy that
    # sends (several workers): bot/services/delivery/shared_pacing.py.
    pacing: str = "process"
    # The terminal's locale (LC_ALL, LC_MESSAGES or LANG: "zh_CN"), for the shell and the
    # command-line tools; None when unset or "C".
    terminal_locale: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        # Secrets must never reach logs or tracebacks, so the repr names only what is set.
        hidden = {"slack_bot_token", "slack_signing_secret", "slack_app_token",
                  "encryption_keys"}
        shown = ", ".join(
            f"{k}={'***' if k in hidden and v else v!r}"
            for k, v in self.__dict__.items()
            if k != "extra"
        )
        return f"Settings({shown})"

    @property
    def secrets(self) -> tuple[str, ...]:
        """The secret values, so log filters can redact them."""
        values = (self.slack_bot_token, self.slack_signing_secret, self.slack_app_token)
        keys = tuple(k.strip() for k in (self.encryption_keys or "").split(",") if k.strip())
        return tuple(v for v in values if v) + keys


def load_settings(environ: Mapping[str, str] | None = None, *,
                  dotenv_path: Path | None = None) -> Settings:
    """Read the settings from `environ`, or from the process environment and a .env file.

    The .env file is `dotenv_path`, by default `.env` in the working directory (as the README
    says); its values never override the environment and are not written into os.environ.
    """
    if environ is None:
        environ = {**_dotenv_values(dotenv_path or Path.cwd() / ".env"), **os.environ}
    env = environ
    default_tz = env.get("CRM_DEFAULT_TZ", "UTC") or "UTC"
    try:
        ZoneInfo(default_tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise SettingsError(f"CRM_DEFAULT_TZ: {default_tz!r} is not an IANA time zone") from exc
    try:
        sweep = float(env.get("CRM_SWEEP_SECONDS", "30"))
    except ValueError as exc:
        raise SettingsError("CRM_SWEEP_SECONDS must be a number of seconds") from exc
    if sweep <= 0:
        raise SettingsError("CRM_SWEEP_SECONDS must be positive")
    try:
        port = int(env.get("PORT", "3000"))
    except ValueError as exc:
        raise SettingsError("PORT must be a whole number") from exc
    api_url = env.get("SLACK_API_URL") or SLACK_DEFAULT_API_URL
    if not api_url.endswith("/"):
        api_url += "/"  # slack_sdk joins method names with urljoin
    pacing = env.get("CRM_PACING", "process") or "process"
    if pacing not in PACING:
        raise SettingsError(f"CRM_PACING must be one of {', '.join(PACING)}, not {pacing!r}")
    config = env.get("CRM_CONFIG")
    keys = env.get("CRM_ENCRYPTION_KEYS") or None
    try:
        Keyring.from_setting(keys)
    except ValueError as exc:  # its message names the setting and position, never the key
        raise SettingsError(str(exc)) from exc
    return Settings(
        database_url=env.get("DATABASE_URL") or "sqlite:///crm.db",
        slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
        slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        slack_app_token=env.get("SLACK_APP_TOKEN") or None,
        slack_api_url=api_url,
        default_tz=default_tz,
        sweep_seconds=sweep,
        config_path=Path(config) if config else None,
        port=port,
        encryption_keys=keys,
        pacing=pacing,
        terminal_locale=terminal_locale(env),
    )


def terminal_locale(environ: Mapping[str, str]) -> str | None:
    """The terminal's language as POSIX names it ("zh_CN.UTF-8" -> "zh_CN"), the first of
    LC_ALL, LC_MESSAGES and LANG that is set; None for none or "C"."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").split(".")[0].split("@")[0]
        if value:
            return None if value in ("C", "POSIX") else value
    return None


def _dotenv_values(path: Path) -> dict[str, str]:
    # python-dotenv's own search (find_dotenv) starts from the *calling module's* folder, so
    # a .env in the checkout was read whatever the working directory: an explicit path only.
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}
