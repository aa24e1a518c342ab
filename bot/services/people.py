"""Whose time zone is what: Slack's profile when known, else the team's, else the default."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue
from store.uow import UnitOfWork

PROFILE_REFRESH = "refresh_profile"
PROFILE_MAX_AGE = timedelta(days=1)


def user_timezone(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user_id: str,
                  now: datetime) -> str:
    """The zone to read this user's times in; queues a profile look-up when it is unknown."""
    person = uow.people.get(workspace_id, user_id)
    if person is None or person.tz_checked_at is None or (
            now - person.tz_checked_at > PROFILE_MAX_AGE):
        # users.info is a Web API call, so it never runs on the acknowledgement path.
        queue(ctx, uow, workspace_id=workspace_id, kind=PROFILE_REFRESH, recipient=user_id,
              payload={}, now=now, dedupe_key=f"profile:{user_id}:{now.date().isoformat()}")
    if person is not None and person.tz:
        return person.tz
    team = ctx.directory.team_of(user_id)
    return team.timezone if team else ctx.default_tz
