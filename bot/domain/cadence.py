"""How often each customer must be touched (docs/domain.md section 5): the cadence table and
the pure rules that read it.

Everything is counted in whole days in the team's zone: a customer contacted on 1 November
with a 30-day cadence is due on 1 December, moved to the next working day of the team's
calendar. The stage events of the table map onto the funnel of bot/domain/classification.py:
"need just confirmed" is entering `qualified`, "proposal just sent" is entering
`negotiating` (a price is on the table), "lost" is the stage `lost` (docs/pipeline.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.classification import LOST
from bot.domain.workdays import WorkCalendar

NO_TIER = "none"  # the table's row for customers with no value tier yet
TIER, STAGE_EVENT, WIN_BACK = "tier", "stage", "win_back"


@dataclass(frozen=True)
class TierRule:
    """Regular contact for a value tier: at least every `every` days, and (over-contacting)
    never sooner than `not_sooner` days after the previous contact. None switches either off."""

    every: int | None
    not_sooner: int | None = None


def _default_tiers() -> dict[str, TierRule]:
    return {"A": TierRule(7), "B": TierRule(14), "C": TierRule(30, not_sooner=30),
            NO_TIER: TierRule(30)}


@dataclass(frozen=True)
class CadenceTable:
    """The configured rule table (defaults: docs/domain.md section 5)."""

    tiers: dict[str, TierRule] = field(default_factory=_default_tiers)
    # A customer that enters one of these stages is next contacted within so many days.
    after_stage: dict[str, int] = field(
        default_factory=lambda: {"qualified": 3, "negotiating": 2})
    win_back: int | None = 90  # one contact this many days after a loss

    @staticmethod
    def switched_off() -> CadenceTable:
        """A table that asks for no contact at all (every row `off`)."""
        return CadenceTable(tiers={NO_TIER: TierRule(None)}, after_stage={}, win_back=None)

    def rule(self, tier: str | None) -> TierRule:
        """The tier's row; a tier the table does not name falls back to the "none" row."""
        return self.tiers.get(tier or NO_TIER) or self.tiers.get(NO_TIER) or TierRule(None)

    def every(self, tier: str | None) -> timedelta | None:
        """How long a customer of this tier may go without contact (None: no limit)."""
        days = self.rule(tier).every
        return timedelta(days=days) if days is not None else None


@dataclass(frozen=True)
class Facts:
    """What the rules need to know about one customer."""

    customer_id: int
    tier: str | None
    stage: str | None
    stage_since: datetime | None  # when it entered its current stage (None: not recorded)
    last_contact: datetime | None  # its newest recorded log
    created_at: datetime


@dataclass(frozen=True)
class Period:
    """One contact the cadence asks for: which rule, the day it falls on, the working day the
    task is due, and the key that makes it happen once."""

    kind: str
    day: date
    due_day: date
    days: int
    key: str


def is_stalled(last_contact: datetime | None, tier: str | None, now: datetime,
               table: CadenceTable) -> bool:
    """Whether a deal has had no contact for longer than its tier's cadence (never = stalled).
    """
    every = table.every(tier)
    return last_contact is None or (every is not None and now - last_contact > every)


def stage_rule_live(facts: Facts, table: CadenceTable) -> bool:
    """Whether the customer just entered a stage with its own deadline and has not been
    contacted since (the stage event's rule, not the tier's, decides the next contact)."""
    return (facts.stage in table.after_stage and facts.stage_since is not None
            and (facts.last_contact is None or facts.last_contact <= facts.stage_since))


def _periods(facts: Facts, table: CadenceTable, zone: ZoneInfo, calendar: WorkCalendar,
             today: date) -> Iterator[Period]:
    """Every period that may matter around `today`: the tier's last two and next two, the stage
    event's and the win-back's single ones."""
    def make(kind: str, day: date, days: int, key: str) -> Period:
        return Period(kind, day, working_on_or_after(day, calendar), days, key)

    cid = facts.customer_id
    if facts.stage == LOST:  # a lost customer gets one win-back contact, nothing regular
        if table.win_back is not None and facts.stage_since is not None:
            lost = facts.stage_since.astimezone(zone).date()
            yield make(WIN_BACK, lost + timedelta(days=table.win_back), table.win_back,
                       f"win_back:{cid}:{facts.stage_since.isoformat()}")
        return
    if stage_rule_live(facts, table):
        assert facts.stage is not None and facts.stage_since is not None
        days = table.after_stage[facts.stage]
        day = facts.stage_since.astimezone(zone).date() + timedelta(days=days)
        yield make(STAGE_EVENT, day, days, f"cadence:{cid}:{day.isoformat()}")
    every = table.rule(facts.tier).every
    if every is None or every <= 0:
        return
    anchor = (facts.last_contact or facts.created_at).astimezone(zone).date()
    passed = max(1, (today - anchor).days // every)
    for k in range(max(1, passed - 1), passed + 3):
        day = anchor + timedelta(days=k * every)
        yield make(TIER, day, every, f"cadence:{cid}:{day.isoformat()}")


def due_now(facts: Facts, table: CadenceTable, zone: ZoneInfo, calendar: WorkCalendar,
            today: date) -> Period | None:
    """The latest period whose working due day has come by `today`, if any."""
    due = [p for p in _periods(facts, table, zone, calendar, today) if p.due_day <= today]
    return max(due, key=lambda p: (p.due_day, p.day)) if due else None


def next_check(facts: Facts, table: CadenceTable, zone: ZoneInfo, calendar: WorkCalendar,
               today: date, *, include_today: bool) -> datetime | None:
    """When the sweep should look at the customer next: the start (local midnight) of the
    earliest due day after `today`, or of today's when `include_today` (a fresh look)."""
    days = [p.due_day for p in _periods(facts, table, zone, calendar, today)
            if p.due_day > today or (include_today and p.due_day <= today)]
    if not days:
        return None
    first = max(min(days), today) if include_today else min(days)
    return datetime.combine(first, time(0), tzinfo=zone)


def working_on_or_after(day: date, calendar: WorkCalendar) -> date:
    """The day itself when the team works on it, else its next working day."""
    if not calendar.works_at_all or calendar.is_working_day(day):
        return day
    return calendar.add(day, 1)


@dataclass(frozen=True)
class TooSoon:
    """A contact, or a planned one, sooner than the tier allows (over-contacting)."""

    kind: str  # "contact": this log came too soon; "next_step": its next step is too soon
    tier: str
    min_days: int
    gap_days: int
    earliest: date


def over_contact(facts: Facts, table: CadenceTable, zone: ZoneInfo, contact: datetime,
                 previous: datetime | None, next_due: datetime | None) -> TooSoon | None:
    """Whether a log (at `contact`, the one before at `previous`) or its next step comes sooner
    than the tier's minimum gap; not while a stage event's own deadline applies."""
    limit = table.rule(facts.tier).not_sooner
    if limit is None or stage_rule_live(facts, table):
        return None
    tier = facts.tier or NO_TIER
    today = contact.astimezone(zone).date()
    if next_due is not None:
        gap = (next_due.astimezone(zone).date() - today).days
        if 0 <= gap < limit:
            return TooSoon("next_step", tier, limit, gap, today + timedelta(days=limit))
    if previous is not None:
        before = previous.astimezone(zone).date()
        gap = (today - before).days
        if gap < limit:
            return TooSoon("contact", tier, limit, gap, before + timedelta(days=limit))
    return None


_EVERY_EN = {7: "Weekly", 14: "Two-weekly", 30: "Monthly"}
_EVERY_ZH = {7: "每周", 14: "每两周", 30: "每月"}


def task_title(period: Period, name: str, tier: str | None, stage: str | None,
               last_contact: datetime | None, today: date, zone: ZoneInfo, lang: str) -> str:
    """Why the task exists, in the rep's language: "Weekly contact for tier A customer Acme —
    last contact 8 days ago"."""
    ago = (today - last_contact.astimezone(zone).date()).days if last_contact else None
    zh = lang == "zh"
    if period.kind == WIN_BACK:
        return (f"挽回联系 {name} — 流失已 {period.days} 天" if zh else
                f"Win-back contact with {name} — lost {period.days} days ago")
    if zh:
        last = f"上次联系 {ago} 天前" if ago is not None else "尚无联系记录"
    else:
        last = f"last contact {ago} days ago" if ago is not None else "no contact logged yet"
    if period.kind == STAGE_EVENT:
        return (f"跟进 {name}（进入{stage}阶段后 {period.days} 天内）— {last}" if zh else
                f"Follow up {name} within {period.days} days of moving to {stage} — {last}")
    who = f"tier {tier} customer" if tier else "customer"
    if zh:
        every = _EVERY_ZH.get(period.days, f"每 {period.days} 天")
        return f"{every}联系{f' {tier} 类' if tier else ''}客户 {name} — {last}"
    every = _EVERY_EN.get(period.days, f"Every-{period.days}-days")
    return f"{every} contact for {who} {name} — {last}"
