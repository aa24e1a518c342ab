"""Key dates a log names ("王总生日是3月5号", "renewal due 30 June"), recorded on its customer
in the log's own unit of work; the log's reply says what was kept. Undo of the log takes its
dates back (a date it corrected gets its value before); Edit reads the edited text again."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.care_text import CareReading, read_care_dates
from bot.services.care.dates import as_rule, check_moment, record_care_date
from bot.services.context import ServiceContext
from bot.services.views import CareDateView
from store.models import Customer, FollowUp
from store.uow import UnitOfWork

log = logging.getLogger(__name__)


def read_care(text: str, now: datetime, zone: ZoneInfo) -> list[CareReading]:
    """The key dates a log names; a date the reading cannot place loses only itself, never
    the log (the rest of it is read as usual)."""
    try:
        return read_care_dates(text, now, zone)
    except (ValueError, OverflowError):
        log.warning("could not read the key dates of a log", exc_info=True)
        return []


def record_log_care_dates(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp,
                          customer: Customer, readings: Sequence[CareReading],
                          now: datetime) -> tuple[CareDateView, ...]:
    """Keep each date the log named on its customer (a date given again corrects the one
    kept; reading the log again changes nothing); the kinds the team does not use are not
    kept."""
    kinds = ctx.directory.care.kinds
    out = []
    for r in readings:
        if r.kind not in kinds:
            continue
        try:
            out.append(record_care_date(ctx, uow, customer, r.kind, r.month, r.day, r.year,
                                        r.label, source="log", actor=row.author_id, now=now,
                                        follow_up_id=row.id))
        except ValueError:  # no such day: the log is kept as typed, this date is not
            continue
    return tuple(out)


def withdraw_log_care_dates(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp,
                            customer: Customer, now: datetime) -> int:
    """Take back the dates a log gave its customer: one it made is forgotten, one it
    corrected gets its value before the log; a later correction (the form, another log)
    stands, with the log's value dropped from what it replaced. How many were taken back."""
    taken = 0
    for date_row in uow.care_dates.given_by_log(customer.id, row.id):
        kept = [w for w in date_row.replaced or () if w.get("follow_up_id") != row.id]
        if date_row.follow_up_id == row.id:
            taken += 1
            if not kept:
                uow.care_dates.delete(date_row)
                continue
            was = kept.pop()
            date_row.month, date_row.day, date_row.year = was["month"], was["day"], was["year"]
            date_row.source, date_row.follow_up_id = was["source"], was["follow_up_id"]
            date_row.updated_at = now
            date_row.check_at = check_moment(ctx, customer, as_rule(date_row), now,
                                             include_today=True)
        date_row.replaced = kept or None
    return taken


def reread_edited_care_dates(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp,
                             moved_from: Customer | None, customer: Customer,
                             edited: str | None, now: datetime) -> tuple[CareDateView, ...]:
    """The Edit form's dates: a log moved to another customer takes its dates along (as typed
    and as edited); text edited on the same customer is read again, a date it gives
    correcting the log's. `edited`: the log's text as the form left it, None when neither it
    nor the customer changed."""
    zone = ZoneInfo(row.tz or "UTC")
    readings: list[CareReading] = []
    if moved_from is not None:
        withdraw_log_care_dates(ctx, uow, row, moved_from, now)
        readings += read_care(row.raw_text, row.created_at, zone)
    if edited:
        readings += read_care(edited, row.created_at, zone)
    return record_log_care_dates(ctx, uow, row, customer, readings, now)
