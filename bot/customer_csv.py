"""`python -m bot import|export FILE.csv --workspace T…`: customer files in and out as CSV.

Files are UTF-8. Import accepts a byte-order mark (Excel's "CSV UTF-8" writes one); export
writes one, so Excel shows Chinese names right when the file is double-clicked.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

from sqlalchemy import Engine

from bot.config import Settings
from bot.domain.customer_file import header_problems, spreadsheet_safe
from bot.services.context import ServiceContext
from bot.services.customers.csv_import import (
    ImportReport,
    SkippedRow,
    export_columns,
    export_customers,
    import_customers,
)
from bot.teamconfig import ConfigError, load_directory
from store.engine import make_engine, make_session_factory
from store.migrate import is_current
from store.uow import UnitOfWork

ACTOR = "csv-import"  # who the audit trail names for imported files
_WORKSPACE = re.compile(r"^[TE][A-Z0-9]{2,31}$")
_USER = re.compile(r"^[UW][A-Z0-9]{2,31}$")


class UsageError(Exception):
    """The command line or the file cannot be used at all (exit code 2)."""


def run_import(argv: list[str], settings: Settings, now: datetime, *,
               stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Import customers from a CSV file; 0 if every row was imported, 1 if some were
    skipped, 2 on a usage error (nothing imported)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = _parser("import", "import customers from a UTF-8 CSV file")
    parser.add_argument("--owner", help="owner (Slack user id) of rows without one")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
        if args.owner is not None and not _USER.match(args.owner):
            raise UsageError(f"--owner {args.owner!r} is not a Slack user id like U0123ABCD")
        rows, shape = _read(Path(args.file))
        ctx, engine = _context(settings)
    except UsageError as exc:
        print(f"error: {exc}", file=err)
        return 2
    except SystemExit as exc:  # argparse has printed the usage
        return 2 if exc.code else 0
    try:
        report = import_customers(ctx, args.workspace, rows, ACTOR, now,
                                  default_owner=args.owner)
    finally:
        engine.dispose()
    report.skipped = sorted([*report.skipped, *shape], key=lambda s: s.line)
    _print_report(report, args.workspace, out)
    return 1 if report.skipped else 0


def run_export(argv: list[str], settings: Settings, now: datetime, *,
               stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Export every customer of a workspace to a UTF-8 CSV file (with BOM); 2 on usage errors."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = _parser("export", "export customers to a UTF-8 CSV file")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
        ctx, engine = _context(settings)
    except UsageError as exc:
        print(f"error: {exc}", file=err)
        return 2
    except SystemExit as exc:
        return 2 if exc.code else 0
    try:
        rows = export_customers(ctx, args.workspace)
    finally:
        engine.dispose()
    try:
        with Path(args.file).open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=export_columns(ctx))
            writer.writeheader()
            # A cell starting with = + - @ would run as a formula in Excel (CSV injection).
            writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    except OSError as exc:
        print(f"error: cannot write {args.file}: {exc.strerror}", file=err)
        return 2
    print(f"exported {len(rows)} customers of {args.workspace} to {args.file}", file=out)
    return 0


def _parser(command: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"python -m bot {command}", description=description)
    parser.add_argument("file", help="the CSV file (columns: docs/customers-csv.md)")
    parser.add_argument("--workspace", required=True, type=_workspace,
                        help="the Slack workspace (team id, T…) the customers belong to")
    return parser


def _workspace(value: str) -> str:
    if not _WORKSPACE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a Slack team id like T0123ABCD")
    return value


def _context(settings: Settings) -> tuple[ServiceContext, Engine]:
    # The team file (CRM_CONFIG) as the bot reads it: the owners' zones and working days
    # place an imported key date's next look, and its named dates are the extra columns.
    try:
        directory = load_directory(settings.config_path)
    except ConfigError as exc:
        raise UsageError(str(exc)) from exc
    engine = make_engine(settings.database_url)
    if not is_current(engine):
        engine.dispose()
        raise UsageError("the database is not at the newest schema: run `python -m bot migrate`")
    try:  # the teams' zones, calendars and revisit plans: a won import starts one
        directory = load_directory(settings.config_path)
    except ConfigError as exc:
        engine.dispose()
        raise UsageError(str(exc)) from exc
    factory = make_session_factory(engine)
    return ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                          default_tz=settings.default_tz), engine


def _read(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[SkippedRow]]:
    """The rows with the line each starts on, and rows of the wrong shape."""
    try:
        # Read it all first: a file that is not UTF-8 is refused before anything is written.
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 (byte {exc.start}); in Excel save it as "
                         "\"CSV UTF-8\"") from exc
    records = _records(text)
    first = next(records, None)
    if first is None:
        raise UsageError(f"{path} is empty: it needs a header row")
    header = [h.strip() for h in first[1]]
    problems = header_problems(header)
    if problems:
        raise UsageError("; ".join(problems))
    rows: list[tuple[int, dict[str, str]]] = []
    shape: list[SkippedRow] = []
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            shape.append(SkippedRow(line, (f"{len(cells)} values but the header has "
                                           f"{len(header)} columns",)))
            continue
        rows.append((line, {h: (cells[i] if i < len(cells) else "")
                            for i, h in enumerate(header) if h}))
    return rows, shape


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the line each starts on (a quoted value may span several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    before = 0
    try:
        for cells in reader:
            yield before + 1, cells
            before = reader.line_num
    except csv.Error as exc:
        raise UsageError(f"line {reader.line_num}: {exc}") from exc


def _print_report(report: ImportReport, workspace: str, out: TextIO) -> None:
    print(f"imported {report.imported} customers into {workspace}, "
          f"skipped {len(report.skipped)}", file=out)
    for skipped in report.skipped:
        for problem in skipped.problems:
            print(f"line {skipped.line}: {problem}", file=out)
