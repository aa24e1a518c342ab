"""A walk over every customer, once per configuration: after a change of what some stored
value is computed from (the cadence table, the pool's terms), every customer is recomputed
in batches, and the walk is recorded in periodic_runs under the configuration's fingerprint,
so a restart does not walk again and a second copy at most repeats harmless work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from bot.services.context import ServiceContext
from store.models import Customer
from store.uow import UnitOfWork

Visit = Callable[[ServiceContext, UnitOfWork, Sequence[Customer], datetime], None]


def walk_once(ctx: ServiceContext, job: str, fingerprint: str, visit: Visit, now: datetime,
              batch: int = 500) -> bool:
    """Visit every customer, a batch per unit of work, unless this job is recorded as done for
    this fingerprint; whether it walked."""
    with ctx.uow() as uow:
        if uow.periodic.is_done(job, fingerprint):
            return False
    after = 0
    while True:
        with ctx.uow() as uow:
            ids = uow.customers.all_ids(after, batch)
            visit(ctx, uow, uow.customers.by_ids(ids), now)
            uow.commit()
        if len(ids) < batch:
            break
        after = ids[-1]
    with ctx.uow() as uow:
        uow.periodic.claim(job, fingerprint, now)
        uow.commit()
    return True
