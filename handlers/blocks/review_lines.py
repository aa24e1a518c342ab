"""The nightly review as lines of words, shared by the printed preview and the Slack post.

Pure: what is said and in what order lives here once; how a person is named and how user
text is made safe is the caller's `Style` (plain text for a terminal, mrkdwn for Slack).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.catalog import tr
from bot.domain.review import (
    FILE_GAPS_LISTED,
    NO_STAGE,
    DealLine,
    MoveLine,
    RepReview,
    TaskLine,
    TeamReview,
)
from handlers.blocks.classes import STAGE_WORDS
from handlers.blocks.i18n import t
from handlers.blocks.i18n_complaints import PRIORITY, STATUS, word
from handlers.blocks.text import weekday_text


def _as_is(text: str) -> str:
    return text


@dataclass(frozen=True)
class Style:
    """How names and user text are shown: `text(value, limit)` must make user text safe."""

    lang: str
    person: Callable[[str], str]
    text: Callable[[str | None, int], str]
    strong: Callable[[str], str] = field(default=_as_is)


@dataclass(frozen=True)
class Section:
    """One part of a rep's review: a titled list (with the customer each item is about), or
    a single line when `line` is set."""

    title: str
    items: tuple[str, ...] = ()
    customers: tuple[int | None, ...] = ()
    line: str | None = None
    count: int | None = None  # how many there are, when only the first are listed

    @property
    def size(self) -> int:
        return len(self.items) if self.count is None else self.count


def title(review: TeamReview, s: Style) -> str:
    """"Nightly review: East, Mon 2026-11-23 (Asia/Shanghai)"."""
    return t(s.lang, "rv_title", team=s.text(review.team, 100), day=_day(review, s.lang),
             tz=review.timezone)


def drought(review: TeamReview, s: Style) -> str | None:
    """The warning at the top after working days without a new A deal, or None."""
    if not review.a_drought:
        return None
    days = ", ".join(_short_day(d, s.lang) for d in review.drought_days)
    return t(s.lang, "rv_drought", n=str(len(review.drought_days)), days=days)


def team_lines(review: TeamReview, s: Style) -> list[str]:
    """The team's picture: open deals by stage and likelihood, today's moves, overdue."""
    total = sum(n for _, n in review.by_stage)
    stages = ", ".join(f"{stage(v, s.lang)} {n}" for v, n in review.by_stage)
    grades = ", ".join(f"{g or t(s.lang, 'rv_unrated')} {n}" for g, n in review.by_likelihood)
    moves = ", ".join(f"{t(s.lang, 'rv_' + kind)} {n}" for kind, n in review.moves)
    return [t(s.lang, "rv_open", n=str(total)) + (f" ({stages})" if stages else ""),
            t(s.lang, "rv_by_likelihood", grades=grades or t(s.lang, "rv_none")),
            t(s.lang, "rv_today", moves=moves),
            t(s.lang, "rv_overdue_count", n=str(review.overdue_count)),
            *complaint_figures(review, s)]


def complaint_figures(review: TeamReview, s: Style) -> list[str]:
    """The team's complaint figures (open now; last 30 days), when it has had any."""
    f = review.complaints
    if f is None or (f.count == 0 and f.open_count == 0):
        return []
    ack = "-" if f.median_ack_minutes is None \
        else f"{f.median_ack_minutes:.0f} {tr(s.lang, 'min')}"
    fix = "-" if f.median_resolve_hours is None \
        else f"{f.median_resolve_hours:.1f} {tr(s.lang, 'h')}"
    return [t(s.lang, "rv_complaint_figures", open=str(f.open_count), count=str(f.count),
              resolved=str(f.resolved), ack=ack, fix=fix, breaches=str(f.breaches))]


def rep_sections(rep: RepReview, zone: ZoneInfo, s: Style) -> list[Section]:
    """One rep's part: A deals first, B/C counts, moves, follow-ups, overdue, stalled."""
    done = [t(s.lang, "rv_done", task=task(x, zone, s)) for x in rep.tasks_done]
    logged = [t(s.lang, "rv_logged", at=_time(g.at, zone),
                customer=s.text(g.customer, 100) or t(s.lang, "rv_no_customer"),
                summary=s.text(g.summary, 120)) for g in rep.logs]
    complaints = tuple(
        t(s.lang, "rv_complaint", number=str(c.number), customer=s.text(c.customer, 100),
          priority=word(s.lang, PRIORITY, c.priority), status=word(s.lang, STATUS, c.status),
          owner=s.person(c.owner_id),
          age=f"{c.age_hours:.0f}") for c in rep.complaints)
    first = [Section(t(s.lang, "rv_complaints"), complaints,
                     tuple(c.customer_id for c in rep.complaints))] if complaints else []
    return [
        *first,
        Section(t(s.lang, "rv_a_deals"), tuple(deal(d, zone, s) for d in rep.a_deals),
                tuple(d.customer_id for d in rep.a_deals)),
        Section("", line=t(s.lang, "rv_counts", b=str(rep.b_count), c=str(rep.c_count),
                           u=str(rep.unrated_count))),
        Section(t(s.lang, "rv_moved"), tuple(move(m, zone, s) for m in rep.moved),
                tuple(m.customer_id for m in rep.moved)),
        Section(t(s.lang, "rv_follow_ups"), tuple(done + logged)),
        Section(t(s.lang, "rv_overdue"), tuple(task(x, zone, s) for x in rep.overdue)),
        Section(t(s.lang, "rv_stalled"),
                tuple(t(s.lang, "rv_stalled_line", customer=s.text(d.customer, 100),
                        stage=stage(d.stage, s.lang), tier=d.tier or "-",
                        last=when(d.last_contact, zone, s.lang)) for d in rep.stalled),
                tuple(d.customer_id for d in rep.stalled)),
        *incomplete_files(rep, zone, s),
    ]


def incomplete_files(rep: RepReview, zone: ZoneInfo, s: Style) -> list[Section]:
    """The rep's files still incomplete a day after they were made, oldest first; the
    first few by name, the rest counted. Nothing when there are none."""
    if not rep.incomplete:
        return []
    shown = rep.incomplete[:FILE_GAPS_LISTED]
    items = tuple(t(s.lang, "rv_gap", customer=s.text(g.customer, 100),
                    missing=", ".join(t(s.lang, "rv_f_" + key) for key in g.missing),
                    made=when(g.made_at, zone, s.lang)) for g in shown)
    count = max(rep.incomplete_count, len(rep.incomplete))
    if count > len(shown):
        items += (t(s.lang, "rv_gap_more", n=str(count - len(shown))),)
    return [Section(t(s.lang, "rv_incomplete"), items, tuple(g.customer_id for g in shown),
                    count=count)]


def none_word(lang: str) -> str:
    """"none" / "无"."""
    return t(lang, "rv_none")


def deal(d: DealLine, zone: ZoneInfo, s: Style) -> str:
    """An A deal: stage, stalled flag, last contact, next step and its due time."""
    step = s.text(d.next_step, 150) or t(s.lang, "rv_no_step")
    due = t(s.lang, "rv_due", when=when(d.due_at, zone, s.lang)) if d.due_at else ""
    flag = (t(s.lang, "rv_aging_flag") if d.aging else "") + (
        t(s.lang, "rv_stalled_flag") if d.stalled else "")
    return t(s.lang, "rv_deal", customer=s.text(d.customer, 100), stage=stage(d.stage, s.lang),
             flag=flag, last=when(d.last_contact, zone, s.lang), step=step, due=due)


def move(m: MoveLine, zone: ZoneInfo, s: Style) -> str:
    """A move today: "upgraded: Acme likelihood B -> A (12:00)"."""
    old = stage(m.old, s.lang) if m.axis == "stage" else (m.old or "-")
    new = stage(m.new, s.lang) if m.axis == "stage" else (m.new or "-")
    kind = f"{t(s.lang, 'rv_' + m.kind)}: " if m.kind else ""
    change = t(s.lang, "rv_set_to", new=new) if m.old is None else f"{old} -> {new}"
    return (f"{kind}{s.text(m.customer, 100)} {t(s.lang, 'rv_axis_' + m.axis)} {change} "
            f"({_time(m.at, zone)})")


def task(x: TaskLine, zone: ZoneInfo, s: Style) -> str:
    """A task: its title, customer and due time."""
    about = f" [{s.text(x.customer, 100)}]" if x.customer else ""
    due = f" ({t(s.lang, 'rv_due_short', when=when(x.due_at, zone, s.lang))})" \
        if x.due_at else ""
    return f"{s.text(x.title, 120)}{about}{due}"


def stage(value: str | None, lang: str) -> str:
    """A stage as people read it, "-" when unset."""
    if value in STAGE_WORDS:
        return tr(lang, STAGE_WORDS[value])
    if value == NO_STAGE:
        return t(lang, "rv_no_stage")
    return value or "-"


def when(at: datetime | None, zone: ZoneInfo, lang: str) -> str:
    """A moment in the team's zone, "never" when there was none."""
    return at.astimezone(zone).strftime("%Y-%m-%d %H:%M") if at else t(lang, "rv_never")


def _time(at: datetime, zone: ZoneInfo) -> str:
    return at.astimezone(zone).strftime("%H:%M")


def _day(review: TeamReview, lang: str) -> str:
    """"Fri 2026-11-27", "2026-11-27 周五": the weekday's name from Babel's locale data."""
    return tr(lang, "{weekday} {day}", weekday=weekday_text(review.day, lang),
              day=review.day.isoformat())


def _short_day(day: date, lang: str) -> str:
    return tr(lang, "{weekday} {day}", weekday=weekday_text(day, lang),
              day=day.strftime("%m-%d"))
