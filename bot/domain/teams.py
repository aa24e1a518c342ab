"""Teams, people's roles and the reminder policy: plain values, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta

from bot.domain.cadence import CadenceTable
from bot.domain.care_dates import CarePolicy
from bot.domain.complaints import ComplaintPolicy, WorkingHours
from bot.domain.duty import Rotation
from bot.domain.losses import LossPolicy
from bot.domain.pool import PoolPolicy
from bot.domain.revisit_plans import RevisitPolicy
from bot.domain.workdays import MONDAY_TO_FRIDAY, WEEKDAYS, WorkCalendar

__all__ = ["WEEKDAYS", "ReminderPolicy", "Team", "TeamDirectory"]


@dataclass(frozen=True)
class ReminderPolicy:
    """When a task's owner is reminded and when an open task counts as overdue."""

    before: tuple[timedelta, ...] = (timedelta(days=1),)
    at_due: bool = True
    overdue_after: timedelta = timedelta(hours=1)
    day_due_time: time = time(9, 0)
    digest_time: time = time(9, 0)


@dataclass(frozen=True)
class Team:
    """One sales or service team as the configuration file describes it."""

    name: str
    channel: str
    lead: str
    members: tuple[str, ...]
    timezone: str
    country: str | None = None
    review_time: time = time(18, 30)
    working_days: tuple[str, ...] = MONDAY_TO_FRIDAY
    duty: Rotation | None = None
    complaints_channel: str | None = None  # None: the team channel
    language: str = "en"  # of what the bot posts for the team (the nightly review): en | zh
    report_day: str = "mon"  # the weekly report of team figures (docs/figures.md): weekday
    report_time: time = time(9, 0)  # and local time it is posted

    @property
    def calendar(self) -> WorkCalendar:
        """The team's working days and its country's public holidays."""
        return WorkCalendar(self.working_days, self.country)

    @property
    def complaint_channel(self) -> str:
        """Where the team's complaint threads are posted."""
        return self.complaints_channel or self.channel

    def working_hours(self, policy: ComplaintPolicy) -> WorkingHours:
        """The team's working hours for paging: its calendar between the policy's times."""
        return WorkingHours(self.calendar, self.timezone, policy.work_start, policy.work_end)


@dataclass(frozen=True)
class TeamDirectory:
    """All teams, admins, the reminder, complaint, cadence, after-sale and pool policies;
    answers who leads whom."""

    teams: tuple[Team, ...] = ()
    admins: tuple[str, ...] = ()
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    complaints: ComplaintPolicy = field(default_factory=ComplaintPolicy)
    cadence: CadenceTable = field(default_factory=CadenceTable)
    revisits: RevisitPolicy = field(default_factory=RevisitPolicy)
    care: CarePolicy = field(default_factory=CarePolicy)
    losses: LossPolicy = field(default_factory=LossPolicy)
    pool: PoolPolicy = field(default_factory=PoolPolicy)

    def team_of(self, user_id: str) -> Team | None:
        """The first team the user leads or belongs to."""
        for team in self.teams:
            if user_id == team.lead or user_id in team.members:
                return team
        return None

    def lead_of(self, user_id: str) -> str | None:
        """The lead to tell about this user's overdue work (never the user themself)."""
        team = self.team_of(user_id)
        if team is None or team.lead == user_id:
            return None
        return team.lead

    def leads(self, viewer: str, person: str) -> bool:
        """Whether `viewer` is the lead of a team `person` belongs to."""
        return any(t.lead == viewer and person in t.members for t in self.teams)

    def may_view_tasks_of(self, viewer: str, owner: str) -> bool:
        """A person sees their own tasks; a lead sees the team's; an admin sees everyone's."""
        return viewer == owner or viewer in self.admins or self.leads(viewer, owner)

    def may_see_customer(self, viewer: str, people_on: set[str]) -> bool:
        """Those who work a customer see it, and so do their leads and the admins."""
        return (viewer in people_on or viewer in self.admins
                or any(self.leads(viewer, person) for person in people_on))

    def may_see_contact(self, viewer: str, owner: str) -> bool:
        """Phone and e-mail: the customer's owner, the owner's lead and the admins only."""
        return self.may_view_tasks_of(viewer, owner)
