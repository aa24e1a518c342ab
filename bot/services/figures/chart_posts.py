"""The team's chart, uploaded into a thread (the nightly review's, the weekly report's): a
job renders it on a sending thread, then queues the upload as a thread reply of its own
kind, so a failed upload leaves the text posted before it as it is."""

from __future__ import annotations

import base64
from datetime import datetime

from bot.domain.figures import Figures
from bot.domain.teams import Team
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.figures.charts import TrendPoint, render_charts
from bot.services.figures.compute import team_people, weekly_trend
from bot.services.ports import Receipt
from bot.services.review.build import team_named
from store.models import Notification
from store.uow import UnitOfWork

CHART_BUILD = "chart_build"  # a job in the outbox: render the chart, queue its upload
FIGURES_CHART = "figures_chart"  # the upload, a reply in its parent's thread
TREND_WEEKS = 8


def queue_chart(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, team: Team,
                parent_id: int, at: datetime, now: datetime) -> None:
    """Queue the job that renders the team's chart (figures as they stood `at`) and then
    queues it as a reply in the thread of message `parent_id`."""
    queue(ctx, uow, workspace_id=workspace_id, kind=CHART_BUILD, recipient=team.channel,
          payload={"team": team.name, "at": at.isoformat(), "lang": team.language,
                   "parent_id": parent_id}, now=now, dedupe_key=f"chart:{parent_id}")


def trend_points(weeks: tuple[Figures, ...]) -> list[TrendPoint]:
    """The weekly figures the trend chart draws."""
    return [TrendPoint(week=f"{w.period.first_day:%m-%d}", timeliness=w.tasks.rate,
                       conversion=w.conversion.rate, reach=w.revisits.reach_rate,
                       resolution=w.complaints.resolution_rate, new_a=w.new_a,
                       open_a=w.open_a, aging_a=w.aging_a) for w in weeks]


def build_chart(ctx: ServiceContext, note_id: int, now: datetime) -> bool:
    """Run a claimed chart job on a sending thread (not the sender's loop, which composes
    every message): read the figures, render the PNG outside any transaction, then queue
    the upload in the parent's thread and mark the job done together."""
    with ctx.uow() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        spec, workspace = dict(job.payload), job.workspace_id
        team = team_named(ctx, str(spec.get("team")))
        pipeline = uow.figures.pipeline(workspace, team_people(team)) if team else []
    at = datetime.fromisoformat(spec["at"])
    png = None
    if team is not None:
        trend = trend_points(weekly_trend(ctx, workspace, team, at, TREND_WEEKS))
        png = render_charts(pipeline, trend, spec.get("lang") or team.language)
    with ctx.uow() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        job.status, job.sent_at = ("done" if png else "cancelled"), now
        if team is not None and png is not None:
            queue(ctx, uow, workspace_id=workspace, kind=FIGURES_CHART,
                  recipient=team.channel, parent_id=int(spec["parent_id"]), now=now,
                  payload={"team": team.name, "at": spec["at"], "lang": spec.get("lang"),
                           "png": base64.b64encode(png).decode(),
                           "pipeline": [list(row) for row in pipeline],
                           "trend": [vars(point) for point in trend]})
        uow.commit()
    return png is not None


def record_chart_file(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                      receipt: Receipt, now: datetime) -> None:
    """After an upload: keep the file's id (a lead's Home tab shows the team's latest chart
    by it) and drop the picture's bytes from the row, which is kept."""
    payload = {k: v for k, v in note.payload.items() if k != "png"}
    file_id = receipt.data.get("file") if receipt.data else None
    note.payload = {**payload, "file_id": file_id} if file_id else payload
