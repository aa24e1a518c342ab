"""Posting the nightly review in the team channel: one parent message with the team's
picture, then one thread reply per rep (docs/domain.md section 8)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.domain.periods import evening_due
from bot.domain.review import TeamReview
from bot.domain.teams import Team
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue, queue_thread
from bot.services.figures.chart_posts import queue_chart
from bot.services.ports import Receipt
from bot.services.review.build import build_review, team_named
from bot.services.review.payload import review_to_payload
from bot.services.views import to_payload
from store.models import Notification
from store.uow import UnitOfWork

REVIEW_BUILD = "review_build"  # a job in the outbox: build the review, queue its messages
REVIEW_TEAM = "review_team"
REVIEW_REP = "review_rep"


@dataclass(frozen=True)
class ReviewPost:
    """What became of a request to post a team's review."""

    status: str  # queued | already | no_workspace
    team: str
    day: date
    channel: str | None = None
    ts: str | None = None  # the posted parent's, once Slack has it


def review_job(team: Team) -> str:
    """The periodic_runs job name of a team's review (its period is the local day)."""
    return f"review:{team.name}"


def post_due_reviews(ctx: ServiceContext, now: datetime) -> int:
    """Queue tonight's review for every team whose review time has come on a working day.

    "Posted" is the team's day in periodic_runs, claimed in the same transaction as the
    queueing: a restart catches up until local midnight, a second copy does not repeat it.
    """
    queued = 0
    for team in ctx.directory.teams:
        day = evening_due(now, ZoneInfo(team.timezone), team.review_time, team.calendar)
        if day is None:
            continue
        with ctx.uow() as uow:  # a cheap look first: building a review is not free
            if uow.periodic.is_done(review_job(team), day.isoformat()):
                continue
        queued += post_review(ctx, team, day, now).status == "queued"
    return queued


def post_review(ctx: ServiceContext, team: Team, day: date, now: datetime, *,
                again: bool = False, workspace_id: str | None = None) -> ReviewPost:
    """Claim the team's day and queue the job that builds and posts its review; `again`
    posts a further copy when the day's review was posted already (the day stays claimed).

    The building (seconds for a large team) is left to the sender, off Slack's 3-second
    request path and off the scheduler's tick; the claim and the job commit together.
    """
    workspace = workspace_id or ctx.workspace_id
    if workspace is None:
        return ReviewPost(status="no_workspace", team=team.name, day=day)
    with ctx.uow() as uow:
        first = uow.periodic.claim(review_job(team), day.isoformat(), now)
        if not first and not again:
            return _posted(uow, workspace, team, day)
        key = _key(team, day) if first else f"{_key(team, day)}:again:{now.isoformat()}"
        queue(ctx, uow, workspace_id=workspace, kind=REVIEW_BUILD, recipient=team.channel,
              payload={"team": team.name, "day": day.isoformat(), "key": key}, now=now,
              dedupe_key=f"{key}:build")
        uow.commit()
    return ReviewPost(status="queued", team=team.name, day=day, channel=team.channel)


def build_and_queue(ctx: ServiceContext, note_id: int, now: datetime) -> bool:
    """Run a claimed build job: build the review (outside any transaction), then queue the
    parent and its thread replies and mark the job done in one transaction."""
    with ctx.uow() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        spec, workspace = dict(job.payload), job.workspace_id
    team = team_named(ctx, spec["team"])
    day = date.fromisoformat(spec["day"])
    review = build_review(ctx, team.name, day, now) if team is not None else None
    with ctx.uow() as uow:
        job = uow.session.get(Notification, note_id)
        if job is None or job.status != "pending":
            return False
        job.status, job.sent_at = ("done" if review else "cancelled"), now
        if team is not None and review is not None:  # (a team gone from the file: nothing)
            _queue_post(ctx, uow, workspace, team, review, spec["key"], now)
        uow.commit()
    return review is not None


def _queue_post(ctx: ServiceContext, uow: UnitOfWork, workspace: str, team: Team,
                review: TeamReview, key: str, now: datetime) -> None:
    lang = team.language
    parent = {"review": review_to_payload(replace(review, reps=())), "lang": lang,
              "reps": [rep.user_id for rep in review.reps]}
    replies = [{"team": team.name, "day": review.day.isoformat(), "timezone": team.timezone,
                "lang": lang, "rep": to_payload(rep)} for rep in review.reps]
    parent_id = queue_thread(ctx, uow, workspace_id=workspace, kind=REVIEW_TEAM,
                             channel=team.channel, payload=parent, reply_kind=REVIEW_REP,
                             replies=replies, now=now, dedupe_key=key)
    if parent_id is not None:  # the team's chart, in the thread too (docs/figures.md)
        queue_chart(ctx, uow, workspace, team, parent_id, now, now)


def record_thread(ctx: ServiceContext, uow: UnitOfWork, note: Notification, receipt: Receipt,
                  now: datetime) -> None:
    """Once a review's parent is posted, its thread is where each rep's messages are logs."""
    if not receipt.ts:
        return
    review = note.payload.get("review") or {}
    uow.review_threads.add(note.workspace_id, receipt.channel or note.recipient, receipt.ts,
                           str(review.get("team")), date.fromisoformat(review["day"]),
                           note.payload.get("reps") or (), now)


def _key(team: Team, day: date) -> str:
    return f"review:{team.name}:{day.isoformat()}"


def _posted(uow: UnitOfWork, workspace_id: str, team: Team, day: date) -> ReviewPost:
    note = uow.notifications.by_key(workspace_id, _key(team, day))
    return ReviewPost(status="already", team=team.name, day=day,
                      channel=(note.slack_channel if note else None) or team.channel,
                      ts=note.slack_ts if note else None)
