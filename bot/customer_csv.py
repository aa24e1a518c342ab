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

from bot.catalog import tr, trn
from bot.config import Settings
from bot.domain.customer_file import header_problems, spreadsheet_safe
from bot.domain.language import locale_language
from bot.domain.problems import Problem, problem
from bot.services.context import ServiceContext
from bot.services.customers.csv_import import (
    ImportReport,
    SkippedRow,
    export_columns,
    export_customers,
    import_customers,
)
from bot.teamconfig import ConfigError, load_directory
from handlers.blocks.problems import problem_text
from store.engine import make_engine, make_session_factory
from store.migrate import is_current
from store.uow import UnitOfWork

ACTOR = "csv-import"  # who the audit trail names for imported files
_WORKSPACE = re.compile(r"^[TE][A-Z0-9]{2,31}$")
_USER = re.compile(r"^[UW][A-Z0-9]{2,31}$")


class UsageError(Exception):
    """The command line or the file cannot be used at all (exit code 2): its problems."""

    def __init__(self, *problems: Problem) -> None:
        super().__init__(problems[0].code if problems else "")
        self.problems = problems


def _say(lang: str, said: Problem) -> str:
    """A problem in the terminal's language, as plain text."""
    return problem_text(lang, said, 2000, mrkdwn=False)


def _error(lang: str, exc: UsageError, err: TextIO) -> int:
    print(tr(lang, "error: {problem}", problem="; ".join(_say(lang, p) for p in exc.problems)),
          file=err)
    return 2


def run_import(argv: list[str], settings: Settings, now: datetime, *,
               stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Import customers from a CSV file; 0 if every row was imported, 1 if some were
    skipped, 2 on a usage error (nothing imported)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    lang = locale_language(settings.terminal_locale)  # the importer's, at their terminal
    parser = _parser("import", "import customers from a UTF-8 CSV file", lang)
    parser.add_argument("--owner", help="owner (Slack user id) of rows without one")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
        if args.owner is not None and not _USER.match(args.owner):
            raise UsageError(problem("owner_not_user", typed=args.owner[:60]))
        rows, shape = _read(Path(args.file))
        ctx, engine = _context(settings)
    except UsageError as exc:
        return _error(lang, exc, err)
    except SystemExit as exc:  # argparse has printed the usage
        return 2 if exc.code else 0
    try:
        report = import_customers(ctx, args.workspace, rows, ACTOR, now,
                                  default_owner=args.owner)
    finally:
        engine.dispose()
    report.skipped = sorted([*report.skipped, *shape], key=lambda s: s.line)
    _print_report(report, args.workspace, out, lang)
    return 1 if report.skipped else 0


def run_export(argv: list[str], settings: Settings, now: datetime, *,
               stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Export every customer of a workspace to a UTF-8 CSV file (with BOM); 2 on usage errors."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    lang = locale_language(settings.terminal_locale)
    parser = _parser("export", "export customers to a UTF-8 CSV file", lang)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
        ctx, engine = _context(settings)
    except UsageError as exc:
        return _error(lang, exc, err)
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
        return _error(lang, UsageError(problem("cannot_write", path=args.file,
                                               reason=exc.strerror or "")), err)
    print(trn(lang, "exported {n} customer of {workspace} to {file}",
              "exported {n} customers of {workspace} to {file}", len(rows),
              workspace=args.workspace, file=args.file), file=out)
    return 0


def _parser(command: str, description: str, lang: str) -> argparse.ArgumentParser:
    # The options' help is argparse's English, like its "usage:"; what the tool says is not.
    def workspace(value: str) -> str:
        if not _WORKSPACE.match(value):
            raise argparse.ArgumentTypeError(_say(lang, problem("workspace_not_team",
                                                                typed=value[:60])))
        return value

    parser = argparse.ArgumentParser(prog=f"python -m bot {command}", description=description)
    parser.add_argument("file", help="the CSV file (columns: docs/customers-csv.md)")
    parser.add_argument("--workspace", required=True, type=workspace,
                        help="the Slack workspace (team id, T…) the customers belong to")
    return parser


def _context(settings: Settings) -> tuple[ServiceContext, Engine]:
    # The team file (CRM_CONFIG) as the bot reads it: the owners' zones and working days
    # place an imported key date's next look, and its named dates are the extra columns.
    try:
        directory = load_directory(settings.config_path)
    except ConfigError as exc:
        raise UsageError(problem("config", reason=str(exc))) from exc
    engine = make_engine(settings.database_url)
    if not is_current(engine):
        engine.dispose()
        raise UsageError(problem("schema_old"))
    try:  # the teams' zones, calendars and revisit plans: a won import starts one
        directory = load_directory(settings.config_path)
    except ConfigError as exc:
        engine.dispose()
        raise UsageError(problem("config", reason=str(exc))) from exc
    factory = make_session_factory(engine)
    return ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                          default_tz=settings.default_tz), engine


def _read(path: Path) -> tuple[list[tuple[int, dict[str, str]]], list[SkippedRow]]:
    """The rows with the line each starts on, and rows of the wrong shape."""
    try:
        # Read it all first: a file that is not UTF-8 is refused before anything is written.
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(problem("cannot_read", path=str(path),
                                 reason=exc.strerror or "")) from exc
    except UnicodeDecodeError as exc:
        raise UsageError(problem("not_utf8", path=str(path), byte=exc.start)) from exc
    records = _records(text)
    first = next(records, None)
    if first is None:
        raise UsageError(problem("empty_file", path=str(path)))
    header = [h.strip() for h in first[1]]
    problems = header_problems(header)
    if problems:
        raise UsageError(*problems)
    rows: list[tuple[int, dict[str, str]]] = []
    shape: list[SkippedRow] = []
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            shape.append(SkippedRow(line, (problem("wrong_width", values=len(cells),
                                                   n=len(header)),)))
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
        raise UsageError(problem("csv_broken", line=reader.line_num, reason=str(exc))) from exc


def _print_report(report: ImportReport, workspace: str, out: TextIO, lang: str) -> None:
    print(trn(lang, "imported {n} customer into {workspace}, skipped {skipped}",
              "imported {n} customers into {workspace}, skipped {skipped}", report.imported,
              workspace=workspace, skipped=len(report.skipped)), file=out)
    for skipped in report.skipped:
        for said in skipped.problems:
            print(tr(lang, "line {line}: {problem}", line=skipped.line,
                     problem=_say(lang, said)), file=out)
