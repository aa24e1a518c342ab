"""Whose time zone is what: Slack's profile when known, else the team's, else the default."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from bot.services.context import ServiceContext
from bot.services.delivery.outbox import queue, queue_once_each
from store.models import Person
from store.uow import UnitOfWork

PROFILE_REFRESH = "refresh_profile"
PROFILE_MAX_AGE = timedelta(days=1)


def user_timezone(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user_id: str,
                  now: datetime) -> str:
    """The zone to read this user's times in; queues a profile look-up when it is unknown."""
    tz_name, ask_slack = read_timezone(ctx, uow, workspace_id, user_id, now)
    if ask_slack:
        queue_profile_look_up(ctx, uow, workspace_id, user_id, now)
    return tz_name


def read_timezone(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user_id: str,
                  now: datetime) -> tuple[str, bool]:
    """This user's zone, and whether Slack should be asked for their profile (never asked,
    or asked over a day ago); reads only, so a read-only unit of work will do."""
    person = uow.people.get(workspace_id, user_id)
    return _zone(ctx, person, user_id), _stale(person, now)


def queue_profile_look_up(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str,
                          user_id: str, now: datetime) -> None:
    """Ask Slack for this user's profile soon, at most once a day (users.info is a Web API
    call, so it never runs on the acknowledgement path)."""
    queue(ctx, uow, workspace_id=workspace_id, kind=PROFILE_REFRESH, recipient=user_id,
          payload={}, now=now, dedupe_key=_profile_key(user_id, now))


def user_timezones(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str,
                   user_ids: Iterable[str], now: datetime) -> dict[str, str]:
    """The zones of many users at once (a sweep's owners), by user, in a few statements
    however many they are; a profile look-up queued for each one unknown or stale (as
    `user_timezone`)."""
    wanted = list(dict.fromkeys(user_ids))
    people = uow.people.of(workspace_id, wanted)
    queue_once_each(ctx, uow, workspace_id=workspace_id, kind=PROFILE_REFRESH,
                    recipients={_profile_key(user, now): user for user in wanted
                                if _stale(people.get(user), now)}, payload={}, now=now)
    return {user: _zone(ctx, people.get(user), user) for user in wanted}


def _stale(person: Person | None, now: datetime) -> bool:
    return person is None or person.tz_checked_at is None or (
        now - person.tz_checked_at > PROFILE_MAX_AGE)


def _profile_key(user_id: str, now: datetime) -> str:
    return f"profile:{user_id}:{now.date().isoformat()}"


def _zone(ctx: ServiceContext, person: Person | None, user_id: str) -> str:
    if person is not None and person.tz:
        return person.tz
    team = ctx.directory.team_of(user_id)
    return team.timezone if team else ctx.default_tz
