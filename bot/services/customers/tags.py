"""Adding and removing a customer's tags (`/customer Acme tag +urgent -cold`, the Edit form)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.domain.customer_file import tag_key
from bot.domain.problems import Problem, problem
from bot.domain.tags import MAX_TAGS, parse_tag_changes
from bot.services.context import ServiceContext
from bot.services.customers.access import may_see
from bot.services.customers.file import REFUSED_NOTE, customer_card, find_named
from bot.services.language import answer_language
from bot.services.tasks.cadence import refresh_cadence
from bot.services.views import Outcome
from store.models import Customer
from store.uow import UnitOfWork


def change_tags(ctx: ServiceContext, workspace_id: str, actor: str, name: str, text: str,
                now: datetime) -> Outcome:
    """Tag or untag the customer named, for someone allowed to see it; the audit trail
    records each tag added or removed."""
    changes = parse_tag_changes(text)
    if changes.problems:
        return Outcome(status="invalid", problems=changes.problems,
                       language=answer_language(ctx, actor, name, text))
    with ctx.uow() as uow:
        customer = find_named(uow, workspace_id, name)
        if isinstance(customer, Outcome):
            return customer
        if not may_see(ctx, uow, actor, customer):
            return Outcome(status="forbidden", note=REFUSED_NOTE)
        uow.act_as(actor, now)
        done = apply_tags(uow, customer, changes.add, changes.remove)
        if not isinstance(done, tuple):
            return Outcome(status="invalid", problems=(done,),
                           language=answer_language(ctx, actor, name, text, uow=uow))
        if any(done):  # "no need for now" may have come or gone: the cadence follows
            refresh_cadence(ctx, uow, customer, now)
        uow.commit()
        said = [f"+{t}" for t in done[0]] + [f"-{t}" for t in done[1]]
        return customer_card(ctx, uow, actor, customer, now,
                             note="tags" if said else "tags_unchanged",
                             note_values={"tags": " ".join(said)})


def apply_tags(uow: UnitOfWork, customer: Customer, add: Sequence[str],
               remove: Sequence[str]) -> tuple[list[str], list[str]] | Problem:
    """Add and remove tags (case-insensitively; a tag already there keeps its spelling).
    Returns the tags added and removed, or why nothing was done."""
    current = {t.tag_key: t for t in uow.customers.tags_of(customer.workspace_id, customer.id)}
    drop = [current[k] for k in dict.fromkeys(tag_key(t) for t in remove) if k in current]
    new: dict[str, str] = {}
    for tag in add:
        if tag_key(tag) not in current:
            new.setdefault(tag_key(tag), tag)
    if len(current) - len(drop) + len(new) > MAX_TAGS:
        return problem("too_many_tags", n=MAX_TAGS)
    uow.customers.remove_tags(drop)
    uow.customers.add_tags(customer, [(tag, key) for key, tag in new.items()])
    return list(new.values()), [t.tag for t in drop]


def replace_tags(uow: UnitOfWork, customer: Customer, tags: Sequence[str]
                 ) -> tuple[list[str], list[str]] | Problem:
    """Make the customer's tags exactly these (the Edit form)."""
    wanted = {tag_key(t) for t in tags}
    current = uow.customers.tags_of(customer.workspace_id, customer.id)
    return apply_tags(uow, customer, tags, [t.tag for t in current if t.tag_key not in wanted])
