"""A rep's own time zone: asked of Slack before their first log is read, or set by them
(`/settings timezone Asia/Shanghai`), and then kept by every time the bot resolves."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

from bot.services.context import ServiceContext
from bot.services.people import PROFILE_REFRESH
from bot.services.ports import DeliveryError, Notifier, OutgoingMessage, Receipt
from bot.services.tasks import lifecycle as task_service
from store.models import FollowUp, Notification
from store.uow import UnitOfWork

log = logging.getLogger(__name__)
ZONE_WORDS = ("timezone", "time zone", "tz", "zone", "时区", "時區")


@dataclass(frozen=True)
class ZoneSetting:
    """The answer to /settings: what was done, the zone in force and where it comes from
    ("you", "slack", "team", "default"), and what was typed when it was not a zone."""

    status: str  # "shown" | "set" | "unknown_zone" | "usage"
    zone: str
    source: str
    typed: str = ""


@lru_cache(maxsize=1)
def _zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def zone_named(text: str) -> str | None:
    """The IANA zone `text` names, whatever its case ("asia/shanghai"), or None."""
    return _zones_by_folded_name().get(text.strip().casefold())


def look_up_author(ctx: ServiceContext, notifier: Notifier | None, follow_up_id: int,
                   now: datetime) -> None:
    """Before a received log is read: its author's zone, asked of Slack if never asked."""
    if notifier is None:
        return
    with ctx.uow().reading() as uow:
        row = uow.session.get(FollowUp, follow_up_id)
        if row is None or row.status != "received":
            return
        workspace_id, author = row.workspace_id, row.author_id
    look_up_before_reading(ctx, notifier, workspace_id, author, now)


def look_up_before_reading(ctx: ServiceContext, notifier: Notifier | None, workspace_id: str,
                           user_id: str, now: datetime) -> None:
    """Ask Slack for a person's zone (users.info) when it was never asked, so their first log
    is read in their own zone; the reader calls this, never the acknowledgement path. If
    Slack fails, the queued daily look-up tries again and the team's zone is used meanwhile."""
    if notifier is None:
        return
    with ctx.uow().reading() as uow:
        person = uow.people.get(workspace_id, user_id)
        if person is not None and (person.tz or person.tz_checked_at is not None):
            return
    try:
        receipt = notifier.deliver(OutgoingMessage(id=0, workspace_id=workspace_id,
                                                   kind=PROFILE_REFRESH, recipient=user_id))
    except DeliveryError:
        log.warning("profile look-up for a new author failed; reading in the team's zone")
        return
    with ctx.uow() as uow:
        save_profile(ctx, uow, workspace_id, user_id, receipt.data, now)
        uow.commit()


def save_looked_up_profile(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                           receipt: Receipt, now: datetime) -> None:
    """A queued profile look-up (users.info) was answered: keep what Slack said."""
    save_profile(ctx, uow, note.workspace_id, note.recipient, receipt.data, now)


def save_profile(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user_id: str,
                 data: dict[str, Any], now: datetime) -> None:
    """Keep what users.info said; a zone the person set themselves is not overridden."""
    tz = data.get("tz")
    tz = zone_named(tz) if isinstance(tz, str) else None
    person = uow.people.get(workspace_id, user_id)
    if person is not None and person.tz_set_by_user:
        tz = person.tz
    uow.people.save_tz(workspace_id, user_id, tz, data.get("name"), now)
    locale = data.get("locale")
    uow.people.save_locale(workspace_id, user_id, locale if isinstance(locale, str) else None)
    if tz:
        reanchor_open_tasks(ctx, uow, workspace_id, user_id, tz, now)


def reanchor_open_tasks(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
                        tz: str, now: datetime) -> None:
    """Tasks read in an assumed zone keep their wall-clock time in the person's real zone."""
    new_zone = ZoneInfo(tz)
    for task in uow.tasks.open_for_owner(workspace_id, user):
        if task.tz == tz or task.due_at is None:
            continue
        wall = task.due_at.astimezone(ZoneInfo(task.tz)).replace(tzinfo=None)
        task.tz = tz
        task_service.set_due(ctx, task, wall.replace(tzinfo=new_zone), task.due_precision)
        task.updated_at = now
        if task.status == "open":
            task_service.schedule(ctx, uow, task, now)


def zone_settings(ctx: ServiceContext, workspace_id: str, user_id: str, text: str,
                  now: datetime) -> ZoneSetting:
    """`/settings` shows your zone; `/settings timezone Asia/Shanghai` sets or corrects it
    (your open tasks keep their wall-clock times in it)."""
    words = text.strip()
    key = next((w for w in ZONE_WORDS if words.casefold().startswith(w)), None)
    value = words[len(key):].strip(" :：=") if key else ""
    named = zone_named(value) if value else None
    if named is None:  # nothing to set: a read, which on SQLite does not queue for the writer
        with ctx.uow().reading() as uow:
            zone, source = _current(ctx, uow, workspace_id, user_id)
        if not words:
            return ZoneSetting("shown", zone, source)
        if not value:
            return ZoneSetting("usage", zone, source)
        return ZoneSetting("unknown_zone", zone, source, typed=value[:64])
    with ctx.uow() as uow:
        uow.act_as(user_id, now)
        person = uow.people.save_tz(workspace_id, user_id, named, None, now, keep_name=True)
        person.tz_set_by_user = True
        reanchor_open_tasks(ctx, uow, workspace_id, user_id, named, now)
        uow.commit()
        return ZoneSetting("set", named, "you")


def _current(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str,
             user_id: str) -> tuple[str, str]:
    person = uow.people.get(workspace_id, user_id)
    if person is not None and person.tz:
        return person.tz, "you" if person.tz_set_by_user else "slack"
    team = ctx.directory.team_of(user_id)
    return (team.timezone, "team") if team else (ctx.default_tz, "default")
