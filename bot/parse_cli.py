"""`python -m bot parse`: print the reading of a free-text log as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.parsing import parse_log, warm_up
from bot.domain.reading import KnownCustomer, reading_json


class RowError(ValueError):
    """A row of --jsonl that cannot be read; reported for that row, the batch goes on."""


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise RowError(f"unknown tz: {name!r}") from exc


def _parse_now(value: object, default: datetime, tz: ZoneInfo) -> datetime:
    """ISO 8601; without an offset it is wall-clock time in the rep's zone."""
    if value is None or value == "":
        return default
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise RowError(f"bad now: {value!r}") from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)


def _customers(value: object) -> list[KnownCustomer]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RowError("customers must be a list of {name, contacts}")
    out = []
    for item in value:
        if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
            raise RowError("each customer needs a name")
        contacts = item.get("contacts") or []
        if not isinstance(contacts, list) or not all(isinstance(c, str) for c in contacts):
            raise RowError("contacts must be a list of names")
        out.append(KnownCustomer(item["name"], tuple(contacts)))
    return out


def read_row(row: object, default_now: datetime, default_tz: str) -> dict[str, object]:
    """The reading of one --jsonl row ({text, now?, tz?, customers?, id?})."""
    if not isinstance(row, Mapping):
        raise RowError("a row must be a JSON object")
    text = row.get("text")
    if not isinstance(text, str):
        raise RowError("missing text")
    tz = _zone(str(row.get("tz") or default_tz))
    now = _parse_now(row.get("now"), default_now, tz)
    customers = _customers(row.get("customers"))
    parsed = parse_log(text, now=now, tz=tz, known_customers=customers)
    result = reading_json(parsed)
    return {"id": row["id"], **result} if "id" in row else result


def _read_or_error(row: object, number: int, default_now: datetime,
                   default_tz: str) -> dict[str, object]:
    try:
        return read_row(row, default_now, default_tz)
    except RowError as exc:
        error: dict[str, object] = {"error": str(exc), "line": number}
    except Exception as exc:  # one row's failure (a parser bug, a native panic) stays that row's
        error = {"error": f"could not read: {type(exc).__name__}", "line": number}
    if isinstance(row, Mapping) and "id" in row:
        error["id"] = row["id"]
    return error


def _jsonl(stdin: TextIO, stdout: TextIO, default_now: datetime, default_tz: str) -> int:
    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            result: dict[str, object] = {"error": f"bad JSON: {exc.msg}", "line": number}
        else:
            result = _read_or_error(row, number, default_now, default_tz)
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
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
    parser.add_argument("--now", help="reference time, ISO 8601; without an offset it is "
                                      "wall-clock time in --tz (default: now)")
    parser.add_argument("--tz", help=f"rep's IANA time zone (default: {default_tz})")
    parser.add_argument("--jsonl", action="store_true",
                        help="read {text, now, tz, customers} lines on stdin")
    parser.add_argument("text", nargs="*", help="the log message")
    args = parser.parse_args(argv)
    warm_up()
    if args.jsonl:
        return _jsonl(stdin or sys.stdin, out, now, args.tz or default_tz)
    if not args.text:
        parser.error("TEXT is required unless --jsonl is given")
    try:
        result = read_row({"text": " ".join(args.text), "now": args.now,
                           "tz": args.tz or default_tz}, now, default_tz)
    except RowError as exc:
        parser.error(str(exc))
    out.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0
