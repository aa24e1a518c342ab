"""Keeping the work this process has in flight: its claims' leases are renewed while it
lives, so only a dead process's claims run out (bot/domain/leases.py)."""

from __future__ import annotations

from datetime import datetime

from bot.services.context import ServiceContext


def renew_claims(ctx: ServiceContext, now: datetime) -> int:
    """Renew the leases due for renewal of everything this process holds; returns how many
    rows were renewed. Rows finished meanwhile, or taken by another process after their
    lease ran out, are let go."""
    renewed = 0
    for renewal in ctx.claims.due(now):
        with ctx.one_statement() as uow:  # one UPDATE per kind and token
            kept = uow.claims.renew(renewal.kind, renewal.ids, renewal.old, renewal.new)
            uow.commit()
        ctx.claims.renewed(renewal, kept)
        renewed += len(kept)
    return renewed
