"""Who is on duty for a team (rotation plus overrides from Slack), and /oncall cover."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from bot.domain.duty import Override, Rotation, Shift, backup_for, last_handoff_day, on_duty
from bot.domain.duty import schedule as duty_schedule
from bot.domain.mentions import mention_pattern
from bot.domain.parsing import find_due
from bot.domain.teams import Team
from bot.services.context import ServiceContext
from bot.services.language import answer_language, own_language
from bot.services.people import user_timezone
from store.models import DutyOverride
from store.uow import UnitOfWork

MAX_COVER = timedelta(days=31)
_COVER = re.compile(rf"^\s*(?:{mention_pattern('user')})?\s*(?:until|till|to|直到|到)?"
                    r"\s*(?P<when>.*)$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Route:
    """Who a complaint raised now goes to, and who it escalates to."""

    team: str | None
    owner: str
    backup: str | None
    lead: str | None


@dataclass(frozen=True)
class DutyView:
    """What /oncall shows: the team, who is on now, who is next, and the week."""

    status: str  # "duty" | "no_team" | "no_rotation" | "covered" | "error"
    team: str | None = None
    now: Shift | None = None
    next: Shift | None = None
    backup: str | None = None
    week: tuple[Shift, ...] = ()
    message: str | None = None  # why there is no duty to show: a code the blocks say
    tz: str = "UTC"
    lang: str = "en"  # of the person who asked
    detail: str | None = None  # who was named, or the phrase not read as a time


def duty_from_payload(data: dict[str, Any]) -> DutyView:
    """Rebuild what /oncall shows from its queued payload (datetimes as ISO-8601)."""
    def shift(value: dict[str, Any] | None) -> Shift | None:
        if not value:
            return None
        until = value.get("until")
        return Shift(str(value["owner"]), datetime.fromisoformat(value["since"]),
                     datetime.fromisoformat(until) if until else None,
                     bool(value.get("override")))

    week = tuple(s for s in (shift(v) for v in data.get("week") or ()) if s is not None)
    return DutyView(status=str(data["status"]), team=data.get("team"), now=shift(data.get("now")),
                    next=shift(data.get("next")), backup=data.get("backup"), week=week,
                    message=data.get("message"), tz=str(data.get("tz") or "UTC"),
                    lang=str(data.get("lang") or "en"), detail=data.get("detail"))


def rotation(uow: UnitOfWork, workspace_id: str, team: Team, now: datetime) -> Rotation | None:
    """The team's rotation with its first day fixed (recorded on first use if not set)."""
    if team.duty is None:
        return None
    known = known_rotation(uow, workspace_id, team)
    if known is not None:
        return known
    return team.duty.anchored(uow.duty.anchor(workspace_id, team.name,
                                              last_handoff_day(team.duty, now)))


def known_rotation(uow: UnitOfWork, workspace_id: str, team: Team) -> Rotation | None:
    """The team's rotation if its first day is known, set in the team file or recorded on
    first use; None otherwise (no rotation, or its first day still to record). Only reads."""
    if team.duty is None or team.duty.start is not None:
        return team.duty
    day = uow.duty.recorded_anchor(workspace_id, team.name)
    return None if day is None else team.duty.anchored(day)


def overrides(uow: UnitOfWork, workspace_id: str, team: Team, now: datetime) -> list[Override]:
    """The team's overrides in force now or later."""
    return [Override(o.user_id, o.start, o.end)
            for o in uow.duty.overrides(workspace_id, team.name, now)]


def route(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, team: Team | None,
          fallback: str, now: datetime) -> Route:
    """The on-duty owner, backup and lead of `team` now; without a rotation the team lead
    owns it, and without a team `fallback` (the customer's owner or the person raising)."""
    if team is None:
        return Route(None, fallback, None, None)
    rot = rotation(uow, workspace_id, team, now)
    shift = on_duty(rot, overrides(uow, workspace_id, team, now), now) if rot else None
    if shift is None or rot is None:
        return Route(team.name, team.lead, None, None)
    backup = backup_for(rot, shift.owner, now)
    return Route(team.name, shift.owner, backup, team.lead if team.lead != shift.owner else None)


def show_duty(ctx: ServiceContext, workspace_id: str, user: str, now: datetime) -> DutyView:
    """Who is on duty now and next in the user's team, and the coming week."""
    team = ctx.directory.team_of(user)
    # A read: on SQLite it does not queue for the one writer. Only a rotation's first use,
    # once per team, records its first day in a unit of its own.
    with ctx.uow().reading() as uow:
        lang = own_language(ctx, user, uow)
        if team is None:
            return DutyView("no_team", message="no_team", lang=lang)
        if team.duty is None:
            return DutyView("no_rotation", team=team.name, tz=team.timezone,
                            message="no_rotation", lang=lang)
        rot = known_rotation(uow, workspace_id, team)
        covers = overrides(uow, workspace_id, team, now)
    if rot is None:
        with ctx.uow() as uow:
            rot = rotation(uow, workspace_id, team, now)
            uow.commit()
        assert rot is not None  # the team has a rotation (above)
    current = on_duty(rot, covers, now)
    nxt = on_duty(rot, covers, current.until) if current and current.until else None
    week = tuple(duty_schedule(rot, covers, now))
    backup = backup_for(rot, current.owner, now) if current else None
    return DutyView("duty", team=team.name, now=current, next=nxt, backup=backup, week=week,
                    tz=team.timezone, lang=lang)


def cover(ctx: ServiceContext, workspace_id: str, actor: str, who: str, until: datetime,
          now: datetime) -> DutyView:
    """`who` takes the duty of the actor's team from now until `until` (an override)."""
    team = ctx.directory.team_of(actor)
    if team is None:
        return DutyView("error", message="no_team_cover")
    if who != team.lead and who not in team.members and who not in (team.duty.people
                                                                    if team.duty else ()):
        return DutyView("error", team=team.name, message="not_member", detail=who)
    if until <= now:
        return DutyView("error", team=team.name, message="past")
    if until - now > MAX_COVER:
        return DutyView("error", team=team.name, message="too_long")
    with ctx.uow() as uow:
        uow.duty.add_override(DutyOverride(workspace_id=workspace_id, team=team.name,
                                           user_id=who, start=now, end=until,
                                           created_by=actor, created_at=now))
        uow.commit()
    view = show_duty(ctx, workspace_id, actor, now)
    return DutyView("covered", team=view.team, now=view.now, next=view.next, backup=view.backup,
                    week=view.week, tz=view.tz, lang=view.lang)


def cover_phrase(ctx: ServiceContext, workspace_id: str, actor: str, text: str,
                 now: datetime) -> DutyView:
    """`/oncall cover @kim until Friday 18:00`: read who (the actor when nobody is named) and
    until when (a day alone means the end of working hours that day), then cover."""
    m = _COVER.match(text)
    phrase = m["when"].strip() if m else ""
    with ctx.uow() as uow:
        lang = answer_language(ctx, actor, text, uow=uow)
        tz = user_timezone(ctx, uow, workspace_id, actor, now)
        uow.commit()
    if not phrase:
        return DutyView("error", message="until_what", lang=lang)
    team = ctx.directory.team_of(actor)
    due = find_due(phrase, now=now, tz=ctx.zone(tz), country=team.country if team else None)
    if due is None:
        return DutyView("error", message="unread_time", detail=phrase[:80], lang=lang)
    until = due.due
    if due.precision == "day":
        end: time = ctx.directory.complaints.work_end
        until = datetime.combine(due.due.astimezone(ctx.zone(tz)).date(), end,
                                 tzinfo=ctx.zone(tz))
    who = m["user"] if m and m["user"] else actor
    return replace(cover(ctx, workspace_id, actor, who, until, now), lang=lang)
