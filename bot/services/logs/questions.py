"""The rep's morning message, once a working day at the digest time: every unanswered "which
customer?" asked again (also under its promises' reminders) until the rep answers it or
withdraws the log, and the rep's prospects about to return to the pool (their return warning
went out: bot/services/pool/morning.py), with the warning's buttons."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.periods import daily_period_due
from bot.domain.sharing import offered_ids
from bot.domain.workdays import WorkCalendar
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.pool.morning import RETURNING_LISTED, still_warned, warned_by_owner
from bot.services.views import follow_up_view, to_payload
from store.models import FollowUp, Notification, Task
from store.uow import UnitOfWork

QUESTIONS = "open_questions"
WAITING = "needs_customer"
# A morning message asks at most this many (the newest); the rest are counted. Each question
# is a few blocks, and Slack takes 50 blocks a message.
MAX_ASKED = 10

Choices = tuple[tuple[int, str], ...]  # (customer id, name) a log's buttons offer


def waiting_question(uow: UnitOfWork, task: Task) -> FollowUp | None:
    """The log of a task made before its customer was known, while that is still asked."""
    if task.customer_id is not None or task.follow_up_id is None:
        return None
    row = uow.follow_ups.get(task.workspace_id, task.follow_up_id)
    return row if row is not None and row.status == WAITING else None


def offered_choices(uow: UnitOfWork, row: FollowUp) -> Choices:
    """The existing customers the log's question offered, as they are named now (the same
    buttons as its first reply; one since deleted is no longer offered)."""
    found = (uow.customers.get(row.workspace_id, cid) for cid in
             sorted(offered_ids(row.offered_customers)))
    return tuple((c.id, c.name) for c in found if c is not None)


def send_open_questions(ctx: ServiceContext, now: datetime) -> int:
    """Queue, for each team whose morning has come (its digest time, on its working days),
    one message per member whose logs still ask "which customer?" — each log once — or whose
    prospects are about to return to the pool; and the same for reps in no team, on their
    own morning."""
    queued = 0
    for team in ctx.directory.teams:
        period = daily_period_due(now, ZoneInfo(team.timezone),
                                  ctx.directory.reminders.digest_time, team.calendar)
        if period is None:
            continue
        day = period.isoformat()
        with ctx.uow() as uow:
            # Claimed in the same transaction as the messages: a restart catches up, a second
            # copy of the bot does not repeat them.
            if not uow.periodic.claim(f"{QUESTIONS}:{team.name}", day, now):
                continue
            asked: dict[tuple[str, str], list[int]] = defaultdict(list)
            for row in uow.follow_ups.waiting_for_customer(sorted(set(team.members))):
                asked[(row.workspace_id, row.author_id)].append(row.id)
            returning = warned_by_owner(uow, team.name, set(team.members))
            for workspace_id, author in sorted({*asked, *returning}):
                queued += _ask(ctx, uow, workspace_id, author, asked.get((workspace_id, author),
                                                                         []),
                               returning.get((workspace_id, author), []), team.timezone, day,
                               now)
            uow.commit()
    return queued + _ask_reps_in_no_team(ctx, now)


def _ask_reps_in_no_team(ctx: ServiceContext, now: datetime) -> int:
    """A rep in no team has no team morning: theirs is the digest time in their own zone, on
    the default working days. Each tick reads only the waiting logs' authors; the message's
    key (per person and day) is what makes it once a day."""
    members = {person for team in ctx.directory.teams for person in team.members}
    queued = 0
    with ctx.uow() as uow:
        returning = {k: v for k, v in warned_by_owner(uow, None).items() if k[1] not in members}
        zones = _zones_of(uow, returning)
        reps = set(uow.follow_ups.authors_waiting_outside(members)) | {
            (ws, owner, zones.get((ws, owner))) for ws, owner in returning}
        due: dict[str, dict[str, tuple[str, str, str]]] = defaultdict(dict)
        for workspace_id, author, known in reps:
            zone = known or ctx.default_tz
            period = daily_period_due(now, ZoneInfo(zone),
                                      ctx.directory.reminders.digest_time, WorkCalendar())
            if period is not None:
                day = period.isoformat()
                due[workspace_id][_key(author, day)] = (author, day, zone)
        for workspace_id, wanted in due.items():
            for key in sorted(wanted.keys() - uow.notifications.queued_keys(workspace_id,
                                                                              sorted(wanted))):
                author, day, zone = wanted[key]
                log_ids = [row.id for row in uow.follow_ups.waiting_for_customer([author])
                           if row.workspace_id == workspace_id]
                queued += _ask(ctx, uow, workspace_id, author, log_ids,
                               returning.get((workspace_id, author), []), zone, day, now)
        uow.commit()
    return queued


def _zones_of(uow: UnitOfWork, people: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The known zones of (workspace, user) pairs, one read per workspace."""
    by_workspace: dict[str, list[str]] = defaultdict(list)
    for workspace_id, user in people:
        by_workspace[workspace_id].append(user)
    return {(workspace_id, user): person.tz
            for workspace_id, users in by_workspace.items()
            for user, person in uow.people.of(workspace_id, users).items() if person.tz}


def _key(author: str, day: str) -> str:
    # Per person and day: a rep in two teams is asked once.
    return f"{QUESTIONS}:{author}:{day}"


def _ask(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, author: str,
         log_ids: list[int], returning: list[dict[str, Any]], zone: str, day: str,
         now: datetime) -> int:
    return int(queue(ctx, uow, workspace_id=workspace_id, kind=QUESTIONS, recipient=author,
                     now=now, payload={"date": day, "logs": log_ids[:MAX_ASKED],
                                       "more": max(0, len(log_ids) - MAX_ASKED),
                                       "returning": returning[:RETURNING_LISTED],
                                       "returning_more": max(0, len(returning) -
                                                             RETURNING_LISTED),
                                       "tz": zone},
                     dedupe_key=_key(author, day)))


def compose_questions(uow: UnitOfWork, note: Notification) -> dict[str, Any] | None:
    """The morning message as it stands when sent: a question answered or withdrawn since
    it was queued is left out, so is a prospect no longer about to return to this rep, and
    nothing is sent when nothing is left."""
    payload = dict(note.payload or {})
    questions = []
    for log_id in payload.get("logs") or ():
        row = uow.follow_ups.get(note.workspace_id, int(log_id))
        if row is None or row.status != WAITING or row.author_id != note.recipient:
            continue
        tasks = uow.tasks.all_for_follow_up(row.id)  # as its first reply listed them
        view = follow_up_view(row, None, tasks[0] if tasks else None, more=tasks[1:])
        questions.append({"follow_up": to_payload(view),
                          "choices": to_payload(offered_choices(uow, row))})
    returning = still_warned(uow, note.workspace_id, note.recipient,
                             list(payload.get("returning") or ()))
    if not questions and not returning:
        return None
    return {"date": payload.get("date"), "questions": questions,
            "more": int(payload.get("more") or 0) if questions else 0,
            "returning": returning,
            "returning_more": int(payload.get("returning_more") or 0) if returning else 0,
            "tz": payload.get("tz") or "UTC"}
