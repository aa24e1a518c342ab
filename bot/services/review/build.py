"""Building the nightly pipeline review of one team for one evening (docs/domain.md §8)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.domain.cadence import CadenceTable, no_need_keys
from bot.domain.classification import GRADES, STAGES
from bot.domain.review import (
    CLOSED_STAGES,
    MOVE_KINDS,
    NO_STAGE,
    DealLine,
    LogLine,
    MoveLine,
    RepReview,
    TaskLine,
    TeamReview,
    a_deal_aging,
    a_drought,
    is_new_a,
    is_stalled,
    move_kind,
)
from bot.domain.teams import Team
from bot.services.context import ServiceContext
from bot.services.review.complaints import with_complaints
from bot.services.review.files import with_file_gaps
from store.models import Task
from store.repositories.customers import DealRow
from store.repositories.tasks import TaskRow
from store.uow import UnitOfWork

DROUGHT_SPAN = 3
T = TypeVar("T")


def build_review(ctx: ServiceContext, team_name: str, day: date,
                 now: datetime) -> TeamReview | None:
    """The review of `team_name` for the local day `day`; None when no team has that name."""
    team = team_named(ctx, team_name)
    if team is None:
        return None
    zone = ZoneInfo(team.timezone)
    start, end = _bounds(day, zone)
    as_of = min(now, end)  # a past evening is seen as it stood at its midnight
    window = team.calendar.recent(day, DROUGHT_SPAN)
    members = team.members
    with ctx.uow().reading() as uow:
        deals = uow.customers.deals_for_owners(members, CLOSED_STAGES)
        table = ctx.directory.cadence
        no_need = uow.customers.owned_tagged_with(members, no_need_keys(table))
        a_since = uow.classifications.last_moved_to(
            [d.id for d in deals if d.likelihood == "A"], "likelihood", "A")
        lines = {deal.id: _deal_line(deal, as_of, table, deal.id in no_need,
                                     a_since.get(deal.id, deal.created_at))
                 for deal in deals}
        _with_next_steps(uow, lines, members)
        since = _bounds(window[0], zone)[0] if window else start
        moves = uow.classifications.for_owners(members, min(since, start), end)
        done = uow.tasks.done_for_owners(members, start, end)
        logs = uow.follow_ups.recorded_by_authors(members, start, end)
        overdue = uow.tasks.overdue_with_customers(members, as_of)
        # Read while the session is open: the rows are not used after it closes.
        today = [(MoveLine(customer_id=c.customer_id, customer=name, axis=c.axis, old=c.old,
                           new=c.new, actor=c.actor, at=c.at,
                           kind=move_kind(c.axis, c.old, c.new)), owner)
                 for c, name, owner in moves if start <= c.at < end]
        new_a_days = {c.at.astimezone(zone).date() for c, _, _ in moves
                      if is_new_a(c.axis, c.old, c.new)}
        kinds = Counter(m.kind for m, _ in today)
        stages = [d.stage for d in deals]
        grades = [d.likelihood for d in deals]
        # Grouped once by person: per rep scans would grow with reps times deals.
        mine = _by((d.owner_id, lines[d.id]) for d in deals)
        moved = _by((owner, m) for m, owner in today)
        finished = _by((t.owner_id, _task_line(t)) for t in done)
        logged = _by((f.author_id, LogLine(follow_up_id=f.id, customer=n or f.customer_guess,
                                           summary=f.summary or f.raw_text, at=f.contact_at))
                     for f, n in logs if f.contact_at >= start)  # not yesterday's, told today
        late = _by((t.owner_id, _task_line(t)) for t in overdue)
        reps = tuple(_rep(m, mine.get(m, []), moved.get(m, []), finished.get(m, []),
                          logged.get(m, []), late.get(m, [])) for m in members)
        reps, summary = with_complaints(uow, ctx.workspace_id, team.name, reps, as_of)
        reps = with_file_gaps(uow, ctx.workspace_id, reps, as_of)
    return TeamReview(
        team=team.name, day=day, timezone=team.timezone,
        a_drought=a_drought(new_a_days, day, team.calendar, DROUGHT_SPAN),
        drought_days=window,
        by_stage=tuple((s or NO_STAGE, n) for s, n in _counts(stages, (*STAGES, None))),
        by_likelihood=_counts(grades, (*GRADES, None)),
        moves=tuple((kind, kinds[kind]) for kind in MOVE_KINDS),
        overdue_count=len(overdue), reps=reps, complaints=summary)


def team_named(ctx: ServiceContext, name: str) -> Team | None:
    """The team of that name in the configuration, if any."""
    return next((t for t in ctx.directory.teams if t.name == name), None)


def _bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """00:00 to 24:00 of a local day, as aware times (24:00 is the next day's midnight)."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def _deal_line(deal: DealRow, as_of: datetime, table: CadenceTable,
               no_need: bool, a_since: datetime) -> DealLine:
    is_a = deal.likelihood == "A"
    return DealLine(
        customer_id=deal.id, customer=deal.name, stage=deal.stage or NO_STAGE,
        a_since=a_since if is_a else None, aging=is_a and a_deal_aging(a_since, as_of),
        likelihood=deal.likelihood, tier=deal.value_tier, last_contact=deal.last_contact,
        next_step=deal.next_step, due_at=deal.due_at,
        # Never logged: counted from when its file was made, so a new file is not stalled.
        stalled=is_stalled(deal.last_contact or deal.created_at, deal.value_tier, as_of,
                           table, no_need))


def _with_next_steps(uow: UnitOfWork, lines: dict[int, DealLine],
                     members: Sequence[str]) -> None:
    """An A deal's next step is its soonest open task; the last log's next step otherwise."""
    tasks: dict[int, Task] = {}
    for task in sorted(uow.tasks.open_on_deals_of(members, "A"), key=_due_order):
        if task.customer_id in lines:  # an open deal (not a won one still marked A)
            tasks.setdefault(task.customer_id, task)
    for customer_id, task in tasks.items():
        lines[customer_id] = replace(lines[customer_id], next_step=task.title,
                                     due_at=task.due_at)


def _due_order(task: Task) -> tuple[bool, datetime, int]:
    far = datetime.max.replace(tzinfo=task.created_at.tzinfo)
    return (task.due_at is None, task.due_at or far, task.id)


def _by(pairs: Iterable[tuple[str, T]]) -> dict[str, list[T]]:
    """Items grouped by the person they belong to, in their order."""
    out: dict[str, list[T]] = {}
    for person, item in pairs:
        out.setdefault(person, []).append(item)
    return out


def _rep(member: str, mine: list[DealLine], moved: list[MoveLine], done: list[TaskLine],
         logs: list[LogLine], overdue: list[TaskLine]) -> RepReview:
    a_deals = sorted((d for d in mine if d.likelihood == "A"), key=_deal_order)
    return RepReview(
        user_id=member, a_deals=tuple(a_deals),
        b_count=sum(d.likelihood == "B" for d in mine),
        c_count=sum(d.likelihood == "C" for d in mine),
        unrated_count=sum(d.likelihood is None for d in mine),
        moved=tuple(moved), tasks_done=tuple(done), logs=tuple(logs), overdue=tuple(overdue),
        stalled=tuple(sorted((d for d in mine if d.stalled), key=_deal_order)))


def _deal_order(line: DealLine) -> tuple[int, str, int]:
    """Furthest down the funnel first, then by name."""
    return (-STAGES.index(line.stage) if line.stage in STAGES else 0,
            line.customer.casefold(), line.customer_id)


def _task_line(task: TaskRow) -> TaskLine:
    return TaskLine(task_id=task.id, title=task.title, customer=task.customer,
                    due_at=task.due_at, done_at=task.done_at)


def _counts(values: list[str | None], order: tuple[str | None, ...]
            ) -> tuple[tuple[str | None, int], ...]:
    found = Counter(values)
    return tuple((value, found[value]) for value in order if found[value])


def display_names(ctx: ServiceContext, user_ids: Sequence[str]) -> dict[str, str]:
    """The cached Slack display names of these people, where known (for printed text)."""
    with ctx.uow() as uow:
        return uow.people.names_of(user_ids)
