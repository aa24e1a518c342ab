"""Refreshing a person's Home tab: when they open it, and a few seconds after a change that
affects it (debounced: changes close together publish once), through the delivery lanes
(views.publish is paced to Slack's tier 4). A job builds the view on a sending thread, then
queues its publication."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.figure_periods import WEEK
from bot.domain.review import a_deal_aging
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.figures.chart_posts import FIGURES_CHART
from bot.services.figures.compute import compute_figures
from bot.services.figures.payload import team_figures_to_payload
from bot.services.home.view import SECTIONS, HomeView, home_to_payload
from bot.services.language import own_language
from bot.services.views import task_view
from store.models import Notification
from store.uow import UnitOfWork

HOME_BUILD = "home_build"  # a job: build the view, queue its publication
HOME_VIEW = "home_view"  # views.publish
DEBOUNCE_SECONDS = 5
SHOWN, EXPANDED = 5, 30  # items per list, and in the list a "more" button opened
RETURN_WINDOW = timedelta(days=7)  # prospects whose protection ends this soon


def refresh_home(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
                 now: datetime, *, opened: bool = False, expand: str | None = None) -> None:
    """Queue a rebuild of the user's Home tab in this unit of work: at once when they opened
    it, else at the end of the current few seconds, one per person however many changes."""
    bucket = int(now.timestamp()) // DEBOUNCE_SECONDS
    due = now if opened or expand else datetime.fromtimestamp(
        (bucket + 1) * DEBOUNCE_SECONDS, UTC)
    why = "open" if opened else f"more:{expand}" if expand else "change"
    queue(ctx, uow, workspace_id=workspace_id, kind=HOME_BUILD, recipient=user,
          payload={"expand": expand if expand in SECTIONS else None}, now=now, due_at=due,
          dedupe_key=f"home:{user}:{why}:{bucket}")


def refresh_homes(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str,
                  users: Iterable[str | None], now: datetime) -> None:
    """After a change (a log, a move, a claim, a revisit's answer): queue a debounced
    rebuild of the Home tab of each person it touches, once each."""
    for user in dict.fromkeys(u for u in users if u):
        refresh_home(ctx, uow, workspace_id, user, now)


def open_home(ctx: ServiceContext, workspace_id: str, user: str, now: datetime,
              expand: str | None = None) -> None:
    """The person opened their Home tab (or asked for more of one list): rebuild it now."""
    with ctx.uow() as uow:
        refresh_home(ctx, uow, workspace_id, user, now, opened=True, expand=expand)
        uow.commit()


def build_home(ctx: ServiceContext, note_id: int, now: datetime) -> bool:
    """Run a claimed build job: build the view, then queue its publication."""
    with ctx.uow().reading() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        user, workspace, expand = job.recipient, job.workspace_id, job.payload.get("expand")
    view = home_for(ctx, workspace, user, now, expand)
    with ctx.uow() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        job.status, job.sent_at = "done", now
        queue(ctx, uow, workspace_id=workspace, kind=HOME_VIEW, recipient=user,
              payload=home_to_payload(view), now=now)
        uow.commit()
    return True


def home_for(ctx: ServiceContext, workspace: str, user: str, now: datetime,
             expand: str | None = None) -> HomeView:
    """What the user's Home tab shows now: their lists, and their team's week if they lead
    one (the figures of bot/services/figures/compute.py)."""
    with ctx.uow().reading() as uow:
        view = _view(ctx, uow, workspace, user, now, expand)
    led = next((t for t in ctx.directory.teams if t.lead == user), None)
    if led is None:
        return view
    figures = team_figures_to_payload(compute_figures(ctx, workspace, led, WEEK, now, reps=[]))
    with ctx.uow().reading() as uow:
        late = uow.tasks.overdue_counts(workspace, led.members, now)
        chart = uow.home.latest_chart_file(workspace, led.channel, FIGURES_CHART)
    return replace(view, team=led.name, figures=figures, late_reps=tuple(late),
                   chart_file=chart)


def _view(ctx: ServiceContext, uow: UnitOfWork, workspace: str, user: str, now: datetime,
          expand: str | None) -> HomeView:
    team = ctx.directory.team_of(user)
    lang = own_language(ctx, user, uow)  # the reader's own: their choice, Slack's, the team's
    person = uow.people.get(workspace, user)
    tz = person.tz if person is not None else None
    zone = ZoneInfo(tz or (team.timezone if team else ctx.default_tz))
    week_end = datetime.combine(now.astimezone(zone).date() + timedelta(days=8),
                                datetime.min.time(), tzinfo=zone)
    tasks = list(uow.tasks.open_for_owner(workspace, user))
    names = {c.id: c for c in uow.customers.by_ids(
        sorted({t.customer_id for t in tasks if t.customer_id}))}
    views = [task_view(t, names.get(t.customer_id or 0), now) for t in tasks
             if t.due_at is not None and t.due_at < week_end]
    views.sort(key=lambda v: (v.due or now, v.id))
    overdue = [v for v in views if v.overdue]
    upcoming = [v for v in views if not v.overdue]
    revisits = list(uow.revisits.open_for(workspace, user, unassigned=False, limit=100))
    people = {c.id: c.name for c in uow.customers.by_ids(
        sorted({r.customer_id for r in revisits}))}
    a_deals = uow.home.a_deals(workspace, user)
    since = uow.classifications.last_moved_to([cid for cid, *_ in a_deals], "likelihood", "A")
    deals = [(cid, name, stage or "no_stage", a_deal_aging(since.get(cid, made), now))
             for cid, name, stage, made in a_deals]
    complaints = [(c.number, c.customer_name, c.priority, c.status)
                  for c in uow.home.open_complaints(workspace, user)]
    returning = [(cid, name, at.isoformat())
                 for cid, name, at in uow.home.returning(workspace, user, now + RETURN_WINDOW)]
    lists: dict[str, list[Any]] = {"overdue": overdue, "upcoming": upcoming,
             "revisits": [(people.get(r.customer_id, "?"), r.step, r.due_day.isoformat())
                          for r in revisits],
             "a_deals": sorted(deals, key=lambda d: (not d[3], d[1])),
             "complaints": complaints, "returning": returning}
    def kept(key: str) -> tuple[Any, ...]:
        return tuple(lists[key][:EXPANDED if key == expand else SHOWN])

    return HomeView(user=user, lang=lang, tz=zone.key, expanded=expand,
                    counts={k: len(v) for k, v in lists.items()}, overdue=kept("overdue"),
                    upcoming=kept("upcoming"), revisits=kept("revisits"),
                    a_deals=kept("a_deals"), complaints=kept("complaints"),
                    returning=kept("returning"))
