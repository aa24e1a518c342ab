"""The weekly report of team figures in each team channel (docs/figures.md): last week
against the week before, with the team's chart in its thread; posted once per team and week
at the configured weekday and time, caught up after a restart until the week ends."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.figure_periods import WEEK, weekly_report_due
from bot.domain.teams import Team
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue, queue_thread
from bot.services.figures.chart_posts import queue_chart
from bot.services.figures.compute import compute_figures
from bot.services.figures.payload import team_figures_to_payload
from bot.services.review.build import team_named
from store.models import Notification

REPORT_BUILD = "report_build"  # a job in the outbox: compute the figures, queue the report
WEEKLY_REPORT = "weekly_report"


def report_job(team: Team) -> str:
    """The periodic_runs job of a team's weekly report (its period: the week's Monday)."""
    return f"weekly_report:{team.name}"


def post_due_reports(ctx: ServiceContext, now: datetime) -> int:
    """Queue the weekly report of every team whose report time has come this week.

    "Posted" is the team's week in periodic_runs, claimed in the transaction that queues the
    job: a second copy of the bot, or the next tick, finds it claimed; a restart catches up.
    """
    workspace = ctx.workspace_id
    if workspace is None:
        return 0
    queued = 0
    for team in ctx.directory.teams:
        week = weekly_report_due(now, ZoneInfo(team.timezone), team.report_day,
                                 team.report_time)
        if week is None:
            continue
        with ctx.uow() as uow:
            if uow.periodic.is_done(report_job(team), week.isoformat()) or \
                    not uow.periodic.claim(report_job(team), week.isoformat(), now):
                continue
            key = f"report:{team.name}:{week.isoformat()}"
            queue(ctx, uow, workspace_id=workspace, kind=REPORT_BUILD, recipient=team.channel,
                  payload={"team": team.name, "week": week.isoformat(), "key": key}, now=now,
                  dedupe_key=f"{key}:build")
            uow.commit()
            queued += 1
    return queued


def build_report(ctx: ServiceContext, note_id: int, now: datetime) -> bool:
    """Run a claimed report job on a sending thread: compute last week's figures outside
    any transaction, then queue the report and its chart and mark the job done together."""
    with ctx.uow() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        spec, workspace = dict(job.payload), job.workspace_id
    team = team_named(ctx, str(spec.get("team")))
    week_start = datetime.combine(date.fromisoformat(spec["week"]), time(0),
                                  tzinfo=ZoneInfo(team.timezone)) if team else None
    found = compute_figures(ctx, workspace, team, WEEK, now, ending_at=week_start) \
        if team is not None and week_start is not None else None
    with ctx.uow() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        job.status, job.sent_at = ("done" if found else "cancelled"), now
        if team is not None and found is not None and week_start is not None:
            parent = queue_thread(
                ctx, uow, workspace_id=workspace, kind=WEEKLY_REPORT, channel=team.channel,
                payload={"figures": team_figures_to_payload(found), "lang": team.language},
                reply_kind=WEEKLY_REPORT, replies=[], now=now, dedupe_key=spec["key"])
            if parent is not None:
                # The chart as the week stood at its last moment: last week is its newest.
                queue_chart(ctx, uow, workspace, team, parent,
                            week_start - timedelta(microseconds=1), now)
        uow.commit()
    return found is not None
