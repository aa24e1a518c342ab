"""A log held because another team works its customer: the author asks, the owner decides.

Sharing puts the author on the customer's list (and in its history): they work it from then
on, until someone takes them off it.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain import access
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import LOG_REPLY, queue
from bot.services.logs.access import held_for, held_view
from bot.services.logs.fixing import attach_log, own_log
from bot.services.views import Outcome, to_payload

ASKED = "share_asked"
REQUEST = "share_request"
SHARED = "shared"  # to the author: the log is attached
DECLINED = "share_declined"
GIVEN = "share_given"  # to the owner who clicked
REFUSED = "share_refused"


def ask_to_share(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
                 now: datetime) -> Outcome:
    """The author of a held log asks the customer's owner to share it (asked once)."""
    with ctx.uow() as uow:
        row = own_log(uow, workspace_id, user, follow_up_id)
        if isinstance(row, Outcome):
            return row
        customer = held_for(uow, row)
        if customer is None:
            return Outcome(status="invalid", message="not_waiting_share")
        view = held_view(ctx, uow, row, customer)
        queue(ctx, uow, workspace_id=workspace_id, kind=LOG_REPLY,
              recipient=view.held_by or customer.owner_id,
              payload=to_payload(Outcome(status=REQUEST, follow_up=view)), now=now,
              dedupe_key=f"share:{row.id}")
        uow.commit()
        return Outcome(status=ASKED, follow_up=view)


def decide_share(ctx: ServiceContext, workspace_id: str, user: str, follow_up_id: int,
                 share: bool, now: datetime) -> Outcome:
    """The owner (or their lead, or an admin) shares the customer, which attaches the held
    log, or declines; the author is told either way."""
    with ctx.uow() as uow:
        row = uow.follow_ups.get(workspace_id, follow_up_id)
        if row is None:
            return Outcome(status="not_found", message="log_gone")
        customer = held_for(uow, row)
        if customer is None:
            return Outcome(status="invalid", message="share_answered")
        if not access.may_share(ctx.directory, user, uow.customers.people_on(customer)):
            return Outcome(status="forbidden", message="share_forbidden")
        uow.act_as(user, now)
        view = held_view(ctx, uow, row, customer)
        if share:
            uow.pool.share(customer, row.author_id, user, now)  # on its list, in its history
            told = attach_log(ctx, uow, row, customer, now)
            told = Outcome(status=SHARED, follow_up=told.follow_up)
        else:
            row.status, row.updated_at = DECLINED, now
            told = Outcome(status=DECLINED, follow_up=held_view(ctx, uow, row, customer))
        queue(ctx, uow, workspace_id=workspace_id, kind=LOG_REPLY, recipient=row.author_id,
              payload=to_payload(told), now=now, dedupe_key=f"shared:{row.id}")
        uow.commit()
        return Outcome(status=GIVEN if share else REFUSED, follow_up=view,
                       subject_user=row.author_id)

