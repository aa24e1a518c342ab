"""`python -m bot parse`: print the reading of a free-text log as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.domain.parsing import parse_log, warm_up


def _parse_now(value: str | None, default: datetime) -> datetime:
    if not value:
        return default
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise ValueError(f"--now must carry an offset: {value!r}")
    return parsed


def _one(text: str, now: datetime, tz: ZoneInfo) -> dict[str, object]:
    return parse_log(text, now=now, tz=tz).to_json()


def _jsonl(stdin: TextIO, stdout: TextIO, default_now: datetime, default_tz: str) -> int:
    for line in stdin:
        if not line.strip():
            continue
        row = json.loads(line)
        tz = ZoneInfo(row.get("tz") or default_tz)
        now = _parse_now(row.get("now"), default_now)
        stdout.write(json.dumps(_one(str(row["text"]), now, tz), ensure_ascii=False) + "\n")
    stdout.flush()
    return 0


def run(
    argv: list[str],
    *,
    default_tz: str,
    now: datetime,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run the `parse` sub-command; returns the process exit code."""
    out = stdout or sys.stdout
    parser = argparse.ArgumentParser(prog="python -m bot parse", description=__doc__)
    parser.add_argument("--now", help="reference time, ISO 8601 with offset (default: now)")
    parser.add_argument("--tz", help=f"rep's IANA time zone (default: {default_tz})")
    parser.add_argument("--jsonl", action="store_true", help="read {text, now, tz} lines on stdin")
    parser.add_argument("text", nargs="*", help="the log message")
    args = parser.parse_args(argv)
    warm_up()
    if args.jsonl:
        return _jsonl(stdin or sys.stdin, out, now, args.tz or default_tz)
    if not args.text:
        parser.error("TEXT is required unless --jsonl is given")
    tz = ZoneInfo(args.tz or default_tz)
    result = _one(" ".join(args.text), _parse_now(args.now, now), tz)
    out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0
