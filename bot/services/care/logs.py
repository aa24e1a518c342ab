"""Key dates a log names ("王总生日是3月5号", "renewal due 30 June"), recorded on its customer
in the log's own unit of work; the log's reply says what was kept."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.care_text import CareReading, read_care_dates
from bot.services.care.dates import record_care_date
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
