"""The leads' daily digest of their team's overdue tasks and of the prospects about to return
to the team's pool (their owners were warned), once per team per working day."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.periods import daily_period_due
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from bot.services.language import own_language
from bot.services.views import overdue_view, to_payload

LEAD_DIGEST = "lead_digest"
RETURNING_LISTED = 30  # prospects about to return named in one digest
TASKS_LISTED = 40  # overdue tasks named in one digest (the message shows 40, then "N more")


def send_lead_digests(ctx: ServiceContext, now: datetime) -> int:
    """Queue today's digest for every team whose digest time has come and that has not had it.

    "Had it" is a row in periodic_runs, written in the same transaction as the digest: a
    restart at digest time catches up, a second copy of the bot does not repeat it.
    """
    queued = 0
    policy = ctx.directory.reminders
    for team in ctx.directory.teams:
        period = daily_period_due(now, ZoneInfo(team.timezone), policy.digest_time,
                                  team.calendar)
        if period is None:
            continue
        with ctx.uow() as uow:
            if not uow.periodic.claim(f"{LEAD_DIGEST}:{team.name}", period.isoformat(), now):
                continue
            overdue = uow.tasks.overdue_totals(team.members, now)
            by_workspace = {
                workspace: [to_payload(overdue_view(row)) for row in uow.tasks.overdue_listed(
                    workspace, team.members, now, TASKS_LISTED)] for workspace in overdue}
            returning: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for state, customer in uow.pool.warned(team.name, RETURNING_LISTED):
                returning[customer.workspace_id].append(
                    {"customer_id": customer.id, "customer": customer.name,
                     "owner": customer.owner_id, "until": to_payload(state.protected_until)})
            for workspace_id in sorted({*by_workspace, *returning}):
                queue(ctx, uow, workspace_id=workspace_id, kind=LEAD_DIGEST, recipient=team.lead,
                      now=now, payload={"team": team.name, "date": period.isoformat(),
                                        "tasks": by_workspace.get(workspace_id, []),
                                        # how many there are; the oldest are listed
                                        "overdue": overdue.get(workspace_id, 0),
                                        "returning": returning.get(workspace_id, []),
                                        "tz": team.timezone,
                                        # A DM: read in the lead's own language.
                                        "lang": own_language(ctx, team.lead, uow)},
                      dedupe_key=f"{LEAD_DIGEST}:{team.name}:{period.isoformat()}")
                queued += 1
            uow.commit()
    return queued
