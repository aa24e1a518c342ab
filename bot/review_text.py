"""`python -m bot review --team NAME [--date YYYY-MM-DD] --print`: a lead's preview of the
evening's review, printed as plain text and posted nowhere."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from datetime import date, datetime
from typing import TextIO
from zoneinfo import ZoneInfo

from babel.lists import format_list

from bot.catalog import babel_locale, tr
from bot.config import Settings
from bot.domain.language import locale_language
from bot.domain.review import TeamReview
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.review.build import build_review, display_names, team_named
from handlers.blocks import review_lines as lines
from handlers.blocks.i18n import t
from handlers.blocks.review_lines import Section, Style
from store.engine import make_engine, make_session_factory
from store.migrate import is_current
from store.uow import UnitOfWork

# C0 and C1 controls, and the bidirectional overrides that can reorder a printed line.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str | None) -> str:
    """User text made safe to print: line breaks become spaces, control characters go."""
    if text is None:
        return ""
    return _CONTROL.sub("", re.sub(r"[\r\n\t]+", " ", text)).strip()


def render_text(review: TeamReview, names: dict[str, str] | None = None,
                lang: str = "en") -> str:
    """The review as plain text: the team's picture first, then one part per rep, each
    person named by `names` (cached display names) when known, by their id otherwise."""
    known = names or {}
    style = Style(lang=lang, person=lambda user: clean(known.get(user)) or user,
                  text=lambda value, limit: clean(value)[:limit])
    zone = ZoneInfo(review.timezone)
    out = [lines.title(review, style)]
    warning = lines.drought(review, style)
    if warning:
        out.append(warning)
    out += ["", t(lang, "rv_team"), *(f"  {line}" for line in lines.team_lines(review, style))]
    for rep in review.reps:
        out += ["", style.person(rep.user_id)]
        for part in lines.rep_sections(rep, zone, style):
            out += _section(part, lang)
    return "\n".join(out) + "\n"


def _section(part: Section, lang: str) -> list[str]:
    if part.line is not None:
        return [f"  {part.line}"]
    if not part.items:
        return [f"  {part.title}: {lines.none_word(lang)}"]
    return [f"  {part.title} ({part.size}):", *(f"    - {item}" for item in part.items)]


def run(argv: list[str], settings: Settings, directory: TeamDirectory, now: datetime, *,
        stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print a team's review for a day; 0 when printed, 2 on a usage error."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    # The review reads in its team's language, as the channel does; what the tool itself
    # says is in the terminal's (LANG).
    lang = locale_language(settings.terminal_locale)
    parser = argparse.ArgumentParser(prog="python -m bot review", description=__doc__)
    parser.add_argument("--team", required=True, help="the team's name in the configuration")
    parser.add_argument("--date", type=date.fromisoformat, default=None,
                        help="YYYY-MM-DD (default: today in the team's time zone)")
    parser.add_argument("--print", dest="print_only", action="store_true", required=True,
                        help="print the review instead of posting it (required: the bot posts "
                             "it at review_time, and /review posts it now)")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage
        return 2 if exc.code else 0
    known = format_list([x.name for x in directory.teams], locale=babel_locale(lang)) \
        if directory.teams else tr(lang, "none configured (set CRM_CONFIG)")
    engine = make_engine(settings.database_url)
    try:
        if not is_current(engine):
            print(tr(lang, "error: {problem}", problem=tr(
                lang, "The database is not at the newest schema: run `python -m bot migrate`.")),
                file=err)
            return 2
        factory = make_session_factory(engine)
        ctx = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                             default_tz=settings.default_tz)
        team = team_named(ctx, args.team)
        if team is None:
            print(tr(lang, "error: no team is called “{team}”; teams: {known}",
                     team=clean(args.team), known=known), file=err)
            return 2
        day = args.date or now.astimezone(ZoneInfo(team.timezone)).date()
        review = build_review(ctx, team.name, day, now)
        assert review is not None  # the team was found above
        names = display_names(ctx, [team.lead, *team.members])
    finally:
        engine.dispose()
    out.write(render_text(review, names, team.language))
    return 0
