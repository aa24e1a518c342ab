"""The inbox: work a request asks for, done after Slack has its answer but never lost.

A listener stores the request (one INSERT, unique per source, so a retry or a double
submission is stored once) and answers; the background worker claims it and does the work.
Once Slack has its 200 it never sends the request again, so the work must not live only in
the process that answered (bench/chaos.py lost a complaint raised by a lazy listener). Each
kind's work is idempotent by the request's source key and queues its answer in the same unit
of work as its change, so a crash between the work and marking the request done repeats
nothing the person sees.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.domain.leases import LEASE
from bot.domain.storable import storable_payload
from bot.services.context import ServiceContext
from store.models import InboxRequest
from store.repositories.claims import INBOX
from store.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Work:
    """What one kind of stored request asks for: the work (given the request's payload and
    when it was received), and how to tell the person when it cannot be done. With
    `with_its_request`, the work and marking its request done commit in one transaction, so
    a worker killed in between repeats nothing: for work that is not idempotent by itself
    (a form's values saved twice would be recorded, and answered, twice). On SQLite, one
    writer at a time, that transaction holds up every acknowledgement's INSERT: work that
    can be long is done `in_batches` instead."""

    do: Callable[[ServiceContext, dict[str, Any], datetime], None]
    # Tell the person it could not be done: given the payload, when the request was received
    # (the `now` its work ran with) and now.
    give_up: Callable[[ServiceContext, UnitOfWork, dict[str, Any], datetime, datetime], None]
    with_its_request: bool = False
    # Requests (by payload) whose work commits in batches of its own, each short, and is
    # idempotent by itself (a handover of a whole book): never joined to their request.
    in_batches: Callable[[dict[str, Any]], bool] = lambda payload: False


def store_request(ctx: ServiceContext, *, workspace_id: str, kind: str, source_key: str,
                  user_id: str, payload: dict[str, Any], now: datetime) -> bool:
    """Store a request before Slack gets its answer (one INSERT) and wake the worker; False
    when this request was stored already."""
    values = dict(workspace_id=workspace_id, kind=kind, source_key=source_key,
                  user_id=user_id, payload=payload, status="received", attempts=0,
                  created_at=now, updated_at=now)
    with ctx.one_insert() as insert:
        new_id = insert.request(values)
        if new_id is not None:
            insert.after_commit(ctx.wake_processor)
        insert.commit()
    return new_id is not None


class Asked(Protocol):
    """A request as a listener reads it: who, in which workspace, what it asks for (`does`)
    and what names it (`source_key`)."""

    @property
    def workspace_id(self) -> str: ...
    @property
    def user_id(self) -> str: ...
    @property
    def does(self) -> str: ...
    @property
    def source_key(self) -> str: ...


def store_asked(ctx: ServiceContext, kind: str, known: Collection[str], asked: Asked,
                now: datetime) -> bool:
    """Store a request of `kind` (a dataclass, its strings made storable) whose `does` is one
    of `known`; False when it was stored already."""
    if asked.does not in known:
        raise ValueError(f"no {kind} called {asked.does!r}")
    return store_request(ctx, workspace_id=asked.workspace_id, kind=kind,
                         source_key=asked.source_key, user_id=asked.user_id,
                         payload=storable_payload(asdict(asked)), now=now)  # type: ignore[call-overload]


# Slack retries a request within minutes, so a week of finished requests is ample to
# recognise a retry by its source key; older ones are deleted a batch per tick.
KEEP_FINISHED = timedelta(days=7)
_PRUNE_AT_ONCE = 500


def prune_finished(ctx: ServiceContext, now: datetime, keep: timedelta = KEEP_FINISHED) -> int:
    """Delete requests done or given up more than `keep` ago (a batch); how many."""
    with ctx.uow() as uow:
        pruned = uow.inbox.prune_finished(now - keep, _PRUNE_AT_ONCE)
        uow.commit()
    return pruned


def process_inbox(ctx: ServiceContext, work: dict[str, Work], now: datetime, *,
                  batch: int = 20, lease: timedelta = LEASE, max_attempts: int = 3) -> int:
    """Do the work of the stored requests of `work`'s kinds not yet done (claimed, so two
    workers never do the same one); a request whose work failed `max_attempts` times is
    given up, and its person told. Returns how many were claimed."""
    with ctx.uow().reading() as uow:  # most wakes find nothing of these kinds: look first
        if not uow.inbox.any_received(sorted(work), now):
            return 0
    with ctx.one_statement() as uow:
        ids = uow.inbox.claim_received(sorted(work), now, lease, batch)
        uow.commit()
    ctx.claims.hold(INBOX, ids, now + lease)
    for request_id in ids:
        try:
            _do(ctx, work, request_id, now, max_attempts)
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:  # one request's failure must not hold up the others
            log.exception("inbox request %s failed", request_id)
            _finish(ctx, work, request_id, now, give_up_after=max_attempts)
        finally:
            ctx.claims.release(INBOX, request_id)
    return len(ids)


def _do(ctx: ServiceContext, work: dict[str, Work], request_id: int, now: datetime,
        max_attempts: int) -> None:
    with ctx.uow() as uow:
        row = uow.inbox.get(request_id)
        if row is None or row.status != "received":
            return
        if row.attempts > max_attempts:  # earlier tries died with the process
            _give_up(ctx, work, uow, row, now)
            uow.commit()
            return
        kind, payload, received = row.kind, dict(row.payload), row.created_at
    if not work[kind].with_its_request or work[kind].in_batches(payload):
        work[kind].do(ctx, payload, received)
        _finish(ctx, work, request_id, now)
        return
    with ctx.uow() as uow, uow.shared():  # every unit of work inside joins this one
        work[kind].do(ctx, payload, received)
        _finish(ctx, work, request_id, now)
        uow.commit()


def _finish(ctx: ServiceContext, work: dict[str, Work], request_id: int, now: datetime, *,
            give_up_after: int | None = None) -> None:
    """Mark the request done; or, when given `give_up_after`, failed once it has had that
    many attempts (else it stays received, to be claimed again when its lease runs out)."""
    with ctx.uow() as uow:
        row = uow.inbox.get(request_id)
        if row is None or row.status != "received":
            return
        if give_up_after is None:
            row.status, row.updated_at, row.lease_until = "done", now, None
        elif row.attempts >= give_up_after:
            _give_up(ctx, work, uow, row, now)
        uow.commit()


def _give_up(ctx: ServiceContext, work: dict[str, Work], uow: UnitOfWork, row: InboxRequest,
             now: datetime) -> None:
    row.status, row.updated_at, row.lease_until = "failed", now, None
    kind = work.get(row.kind)
    if kind is not None:
        kind.give_up(ctx, uow, dict(row.payload), row.created_at, now)
