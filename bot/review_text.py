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

from bot.config import Settings
from bot.domain.classification import STAGE_NAMES
from bot.domain.review import DealLine, MoveLine, RepReview, TaskLine, TeamReview
from bot.domain.teams import TeamDirectory
from bot.services.context import ServiceContext
from bot.services.review import build_review, team_named
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


def render_text(review: TeamReview) -> str:
    """The review as plain text: the team's picture first, then one part per rep."""
    zone = ZoneInfo(review.timezone)
    out = [f"Nightly review: {clean(review.team)}, {review.day:%a %Y-%m-%d} "
           f"({review.timezone})"]
    if review.a_drought:
        days = ", ".join(f"{d:%a %m-%d}" for d in review.drought_days)
        out.append(f"WARNING: no new A-likelihood deal for {len(review.drought_days)} "
                   f"working days in a row ({days}).")
    total = sum(n for _, n in review.by_stage)
    stages = ", ".join(f"{_stage(s)} {n}" for s, n in review.by_stage)
    grades = ", ".join(f"{g or 'unrated'} {n}" for g, n in review.by_likelihood)
    out += ["", "Team",
            f"  Open deals: {total}" + (f" ({stages})" if stages else ""),
            f"  By likelihood: {grades or 'none'}",
            "  Today: " + ", ".join(f"{kind} {n}" for kind, n in review.moves),
            f"  Overdue tasks: {review.overdue_count}"]
    for rep in review.reps:
        out += ["", *_rep(rep, zone)]
    return "\n".join(out) + "\n"


def _rep(rep: RepReview, zone: ZoneInfo) -> list[str]:
    out = [f"{rep.user_id}"]
    out.append(f"  A deals ({len(rep.a_deals)}):" if rep.a_deals else "  A deals: none")
    out += [f"    - {_deal(d, zone)}" for d in rep.a_deals]
    out.append(f"  B deals: {rep.b_count}, C deals: {rep.c_count}, "
               f"unrated: {rep.unrated_count}")
    out += _section("Moved today", [_move(m, zone) for m in rep.moved])
    done = [f"done {_task(t, zone)}" for t in rep.tasks_done]
    logged = [f"logged {_time(g.at, zone)} {clean(g.customer) or '(no customer)'}: "
              f"{clean(g.summary)[:120]}" for g in rep.logs]
    out += _section("Follow-ups today", done + logged)
    out += _section("Overdue", [_task(t, zone) for t in rep.overdue])
    out += _section("Stalled", [f"{clean(d.customer)} ({_stage(d.stage)}, tier "
                                f"{d.tier or '-'}), last contact {_when(d.last_contact, zone)}"
                                for d in rep.stalled])
    return out


def _section(title: str, lines: list[str]) -> list[str]:
    if not lines:
        return [f"  {title}: none"]
    return [f"  {title} ({len(lines)}):", *(f"    - {line}" for line in lines)]


def _deal(d: DealLine, zone: ZoneInfo) -> str:
    step = clean(d.next_step) or "no next step"
    due = f", due {_when(d.due_at, zone)}" if d.due_at else ""
    flag = " [STALLED]" if d.stalled else ""
    return (f"{clean(d.customer)} ({_stage(d.stage)}){flag}: last contact "
            f"{_when(d.last_contact, zone)}; next: {step}{due}")


def _move(m: MoveLine, zone: ZoneInfo) -> str:
    old = _stage(m.old) if m.axis == "stage" else (m.old or "-")
    new = _stage(m.new) if m.axis == "stage" else (m.new or "-")
    kind = f"{m.kind}: " if m.kind else ""
    change = f"set to {new}" if m.old is None else f"{old} -> {new}"
    return f"{kind}{clean(m.customer)} {m.axis} {change} ({_time(m.at, zone)})"


def _task(t: TaskLine, zone: ZoneInfo) -> str:
    about = f" [{clean(t.customer)}]" if t.customer else ""
    due = f" (due {_when(t.due_at, zone)})" if t.due_at else ""
    return f"{clean(t.title)[:120]}{about}{due}"


def _stage(value: str | None) -> str:
    return STAGE_NAMES[value][0] if value in STAGE_NAMES else (value or "-")


def _when(at: datetime | None, zone: ZoneInfo) -> str:
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if at else "never"


def _time(at: datetime, zone: ZoneInfo) -> str:
    return at.astimezone(zone).strftime("%H:%M")


def run(argv: list[str], settings: Settings, directory: TeamDirectory, now: datetime, *,
        stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print a team's review for a day; 0 when printed, 2 on a usage error."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = argparse.ArgumentParser(prog="python -m bot review", description=__doc__)
    parser.add_argument("--team", required=True, help="the team's name in the configuration")
    parser.add_argument("--date", type=date.fromisoformat, default=None,
                        help="YYYY-MM-DD (default: today in the team's time zone)")
    parser.add_argument("--print", dest="print_only", action="store_true", required=True,
                        help="print the review instead of posting it (required for now)")
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage
        return 2 if exc.code else 0
    names = ", ".join(t.name for t in directory.teams) or "none configured (set CRM_CONFIG)"
    engine = make_engine(settings.database_url)
    try:
        if not is_current(engine):
            print("error: the database is not at the newest schema: run "
                  "`python -m bot migrate`", file=err)
            return 2
        factory = make_session_factory(engine)
        ctx = ServiceContext(uow=lambda: UnitOfWork(factory), directory=directory,
                             default_tz=settings.default_tz)
        team = team_named(ctx, args.team)
        if team is None:
            print(f"error: no team is called {clean(args.team)!r}; teams: {names}", file=err)
            return 2
        day = args.date or now.astimezone(ZoneInfo(team.timezone)).date()
        review = build_review(ctx, team.name, day, now)
    finally:
        engine.dispose()
    assert review is not None  # the team was found above
    out.write(render_text(review))
    return 0
