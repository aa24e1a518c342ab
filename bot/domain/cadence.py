"""How often each customer must be touched (docs/domain.md section 5): the cadence table and
the pure rules that read it.

Everything is counted in whole days in the team's zone: a customer contacted on 1 November
with a 30-day cadence is due on 1 December, moved to the next working day of the team's
calendar. The stage events of the table map onto the funnel of bot/domain/classification.py:
"need just confirmed" is entering `qualified`, "proposal just sent" is entering
`negotiating` (a price is on the table), "lost" is the stage `lost` (docs/pipeline.md).
The periodic rows (a senior contact, a needs review, a file refresh) each count from their
own event and make a task of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import chain
from zoneinfo import ZoneInfo

from bot.domain.classification import LOST
from bot.domain.customer_file import tag_key
from bot.domain.workdays import WorkCalendar

NO_TIER = "none"  # the table's row for customers with no value tier yet
NO_NEED = "no_need"  # the row of customers tagged "no need for now", whatever their tier
TIER, STAGE_EVENT, WIN_BACK = "tier", "stage", "win_back"
# The periodic rows: each is its own task, once per period, counted from its own event.
SENIOR, REVIEW, REFRESH, SURVEY = "senior", "review", "refresh", "survey"
PERIODIC = (SENIOR, REVIEW, REFRESH, SURVEY)
# What "updating the file" means for its refresh: the fields of docs/domain.md section 1 and
# its tags (audit names), not its owner or its classification (a log moves those by itself).
FILE_FIELDS = ("name", "kind", "industry", "size", "occupation", "contact_person",
               "contact_title", "phone", "email", "needs", "source_channel", "first_contact",
               "tag")


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
    # Periodic rows, by tier: a contact with a senior person, a needs review, a file refresh.
    senior_contact: dict[str, int] = field(default_factory=lambda: {"A": 30})
    needs_review: dict[str, int] = field(default_factory=lambda: {"B": 90})
    file_refresh: dict[str, int] = field(default_factory=lambda: {"C": 180})
    # Domain section 6: tier B customers are asked about their satisfaction every quarter.
    satisfaction_survey: dict[str, int] = field(default_factory=lambda: {"B": 90})
    # "No need for now" (domain.md section 5): a customer with one of these tags (compared as
    # tag keys) follows this row instead of its tier's, so it is neither chased weekly nor
    # contacted more often than monthly.
    no_need_tags: tuple[str, ...] = ("no need for now", "暂无需求")
    no_need: TierRule = field(default_factory=lambda: TierRule(30, not_sooner=30))

    @staticmethod
    def switched_off() -> CadenceTable:
        """A table that asks for no contact at all (every row `off`)."""
        return CadenceTable(tiers={NO_TIER: TierRule(None)}, after_stage={}, win_back=None,
                            senior_contact={}, needs_review={}, file_refresh={},
                            satisfaction_survey={})

    def periodic(self, kind: str, tier: str | None) -> int | None:
        """Every how many days the periodic row `kind` asks its task of this tier (None: not)."""
        rows = {SENIOR: self.senior_contact, REVIEW: self.needs_review,
                REFRESH: self.file_refresh, SURVEY: self.satisfaction_survey}[kind]
        return rows.get(tier or NO_TIER)

    def rule(self, tier: str | None) -> TierRule:
        """The tier's row; a tier the table does not name falls back to the "none" row."""
        return self.tiers.get(tier or NO_TIER) or self.tiers.get(NO_TIER) or TierRule(None)

    def rule_for(self, facts: Facts) -> TierRule:
        """The row a customer follows: "no need for now" when tagged so, else its tier's."""
        return self.no_need if facts.no_need else self.rule(facts.tier)

    def every(self, tier: str | None, no_need: bool = False) -> timedelta | None:
        """How long a customer of this tier may go without contact (None: no limit)."""
        days = (self.no_need if no_need else self.rule(tier)).every
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
    # What the periodic rows count from (None: nothing yet, so from created_at).
    last_senior: datetime | None = None  # its newest log with a senior person
    last_review: datetime | None = None  # its newest needs review task done
    file_updated: datetime | None = None  # its file's newest change
    last_survey: datetime | None = None  # its newest satisfaction survey task done
    no_need: bool = False  # tagged "no need for now" (CadenceTable.no_need_tags)

    def since(self, kind: str) -> datetime:
        """The moment the periodic row `kind` counts from."""
        event = {SENIOR: self.last_senior, REVIEW: self.last_review,
                 REFRESH: self.file_updated, SURVEY: self.last_survey}[kind]
        return max(event, self.created_at) if event is not None else self.created_at


@dataclass(frozen=True)
class Period:
    """One contact the cadence asks for: which rule, the day it falls on, the working day the
    task is due, and the key that makes it happen once."""

    kind: str
    day: date
    due_day: date
    days: int
    key: str
    since: date | None = None  # a periodic row's anchor: the day it counts from


def no_need_keys(table: CadenceTable) -> list[str]:
    """The tag keys that put a customer on the "no need for now" row."""
    return sorted({tag_key(t) for t in table.no_need_tags})


def key_day(key: str) -> date:
    """The period day a cadence key names ("senior:7:2026-11-23")."""
    return date.fromisoformat(key.rsplit(":", 1)[1])


def is_stalled(last_contact: datetime | None, tier: str | None, now: datetime,
               table: CadenceTable, no_need: bool = False) -> bool:
    """Whether a deal has had no contact for longer than its cadence (never = stalled)."""
    every = table.every(tier, no_need)
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
        # One that came in lost (a CSV import, a form) and never moved: lost since its file
        # was made, so its win-back call comes as after a move to lost at that moment.
        lost_at = facts.stage_since or facts.created_at
        if table.win_back is not None:
            lost = lost_at.astimezone(zone).date()
            yield make(WIN_BACK, lost + timedelta(days=table.win_back), table.win_back,
                       f"win_back:{cid}:{lost_at.isoformat()}")
        return
    if stage_rule_live(facts, table):
        assert facts.stage is not None and facts.stage_since is not None
        days = table.after_stage[facts.stage]
        day = facts.stage_since.astimezone(zone).date() + timedelta(days=days)
        yield make(STAGE_EVENT, day, days, f"cadence:{cid}:{day.isoformat()}")
    every = table.rule_for(facts).every
    if every is None or every <= 0:
        return
    anchor = (facts.last_contact or facts.created_at).astimezone(zone).date()
    for day in _days_around(anchor, every, today):
        yield make(TIER, day, every, f"cadence:{cid}:{day.isoformat()}")


def _days_around(anchor: date, every: int, today: date) -> Iterator[date]:
    """The days every `every` days from `anchor` that may matter: the last two, the next two."""
    passed = max(1, (today - anchor).days // every)
    for k in range(max(1, passed - 1), passed + 3):
        yield anchor + timedelta(days=k * every)


def _periodic_periods(facts: Facts, table: CadenceTable, zone: ZoneInfo,
                      calendar: WorkCalendar, today: date) -> Iterator[Period]:
    """The periodic rows' periods around `today`; a lost customer has none."""
    if facts.stage == LOST:
        return
    for kind in PERIODIC:
        every = table.periodic(kind, facts.tier)
        if every is None or every <= 0:
            continue
        anchor = facts.since(kind).astimezone(zone).date()
        for day in _days_around(anchor, every, today):
            yield Period(kind, day, working_on_or_after(day, calendar), every,
                         f"{kind}:{facts.customer_id}:{day.isoformat()}", anchor)


def due_now(facts: Facts, table: CadenceTable, zone: ZoneInfo, calendar: WorkCalendar,
            today: date) -> Period | None:
    """The latest period whose working due day has come by `today`, if any."""
    due = [p for p in _periods(facts, table, zone, calendar, today) if p.due_day <= today]
    return max(due, key=lambda p: (p.due_day, p.day)) if due else None


def periodic_due(facts: Facts, table: CadenceTable, zone: ZoneInfo, calendar: WorkCalendar,
                 today: date) -> list[Period]:
    """For each periodic row, the latest period whose working due day has come by `today`."""
    latest: dict[str, Period] = {}
    for p in _periodic_periods(facts, table, zone, calendar, today):
        if p.due_day <= today and (p.kind not in latest or p.day > latest[p.kind].day):
            latest[p.kind] = p
    return [latest[k] for k in PERIODIC if k in latest]


def next_check(facts: Facts, table: CadenceTable, zone: ZoneInfo, calendar: WorkCalendar,
               today: date, *, include_today: bool) -> datetime | None:
    """When the sweep should look at the customer next: the start (local midnight) of the
    earliest due day after `today`, or of today's when `include_today` (a fresh look)."""
    periods = chain(_periods(facts, table, zone, calendar, today),
                    _periodic_periods(facts, table, zone, calendar, today))
    days = [p.due_day for p in periods
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
    limit = table.rule_for(facts).not_sooner
    if limit is None or stage_rule_live(facts, table):
        return None
    tier = NO_NEED if facts.no_need else facts.tier or NO_TIER
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
