"""Recording a customer's key dates (birthday, anniversary, renewal, a team's named dates)
and when the sweep next looks at each (docs/revisits.md, "Care dates").

Every way a date comes in (the customer form, the CSV import, a log) goes through
`record_care_date`: a date given again for the same kind and label corrects the one kept,
and its `check_at` is set at once, so the sweep finds it through its partial index."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from bot.domain.care_dates import NAMED, CareDate, next_check
from bot.services.context import ServiceContext
from bot.services.revisits.plans import team_days
from bot.services.views import CareDateView
from store.aftersale_models import CustomerCareDate
from store.models import Customer
from store.uow import UnitOfWork


def as_rule(row: CustomerCareDate) -> CareDate:
    """The stored date as the rules read it."""
    return CareDate(row.id, row.kind, row.month, row.day, row.year, row.label)


def check_moment(ctx: ServiceContext, customer: Customer, rule: CareDate, now: datetime, *,
                 include_today: bool) -> datetime | None:
    """The local midnight (owner's team zone) of the next day one of the date's reminders
    falls due; None when none ever will (a kind the team does not use)."""
    zone, calendar = team_days(ctx, customer.owner_id)
    today = now.astimezone(zone).date()
    day = next_check(rule, today, ctx.directory.care, calendar, include_today=include_today)
    return datetime.combine(day, time(0), tzinfo=zone) if day is not None else None


def record_care_date(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, kind: str,
                     month: int, day: int, year: int | None, label: str, *, source: str,
                     actor: str, now: datetime, follow_up_id: int | None = None) -> CareDateView:
    """Keep the date (or correct the one of the same kind and label) and set its next look.
    Raises ValueError for a day no year has (31 April)."""
    date(year if year is not None else 2000, month, day)  # 2000: 29 February is a day
    label = " ".join(label.split())[:100]
    row = uow.care_dates.put(CustomerCareDate(
        workspace_id=customer.workspace_id, customer_id=customer.id, kind=kind, label=label,
        month=month, day=day, year=year, source=source, follow_up_id=follow_up_id,
        check_at=None, created_by=actor, created_at=now, updated_at=now))
    uow.session.flush()
    row.check_at = check_moment(ctx, customer, as_rule(row), now, include_today=True)
    return CareDateView(kind, label, month, day, year)


def care_dates_of(uow: UnitOfWork, customer_id: int) -> tuple[CareDateView, ...]:
    """A customer's key dates in calendar order (the card)."""
    return tuple(CareDateView(r.kind, r.label, r.month, r.day, r.year)
                 for r in uow.care_dates.for_customer(customer_id))


def apply_file_care_dates(ctx: ServiceContext, uow: UnitOfWork, customer: Customer,
                          dates: Mapping[tuple[str, str], tuple[int, int, int | None] | None],
                          *, source: str, actor: str, now: datetime) -> None:
    """The form's or the CSV's key dates by (kind, label): the contact's birthday, the
    company's anniversary, the contract's renewal (no label) and the team's named dates
    (`care.named`; a name not configured is ignored). Each given is kept or corrected, each
    cleared is forgotten; one not given is left as it is."""
    for (kind, label), value in dates.items():
        if kind == NAMED and label not in ctx.directory.care.named:
            continue
        if value is None:
            uow.care_dates.remove(customer.id, kind, label)
        else:
            record_care_date(ctx, uow, customer, kind, *value, label, source=source,
                             actor=actor, now=now)
