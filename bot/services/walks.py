"""Work over many rows, a batch per unit of work.

A sweep takes what has come due (cadence tasks, revisit tries, pool warnings and returns)
until a batch comes back short. A walk visits every customer once per configuration: after a
change of what some stored value is computed from (the cadence table, the pool's terms),
every customer is recomputed, and the walk is recorded in periodic_runs under the
configuration's fingerprint, so a restart does not walk again and a second copy at most
repeats harmless work."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol, TypeVar

from bot.services.context import ServiceContext
from store.audit import SYSTEM
from store.models import Customer
from store.uow import UnitOfWork

# One batch in its unit of work: (rows found, how many it made of them).
Batch = Callable[[UnitOfWork], tuple[int, int]]


class _InWorkspace(Protocol):
    @property
    def workspace_id(self) -> str: ...


Row = TypeVar("Row", bound=_InWorkspace)


def by_workspace(rows: Sequence[Row]) -> dict[str, list[Row]]:
    """A sweep's batch by workspace, in order (tasks and people are each a workspace's)."""
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row.workspace_id, []).append(row)
    return out


def sweep_in_batches(ctx: ServiceContext, now: datetime, batch: int, one_batch: Batch) -> int:
    """Run `one_batch` as the system, each in its own committed unit of work, until one finds
    fewer than `batch` rows; how many it made in all."""
    made = 0
    while True:
        with ctx.uow() as uow:
            uow.act_as(SYSTEM, now)
            found, made_now = one_batch(uow)
            uow.commit()
        made += made_now
        if found < batch:
            return made


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
