"""`/customers tag:urgent stage:negotiating owner:@sam`: the customers a person may see that
match, likelihood A first, then the most recently contacted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.customer_filter import CustomerFilter, parse_filter
from bot.domain.problems import Problem
from bot.services.context import ServiceContext
from bot.services.language import answer_language
from store.repositories.customers import ListQuery

SHOWN = 20


@dataclass(frozen=True)
class CustomerRow:
    """One line of the list."""

    id: int
    name: str
    owner_id: str
    stage: str | None
    likelihood: str | None
    value_tier: str | None
    tags: tuple[str, ...]
    last_contact: datetime | None
    protected_until: datetime | None = None  # the owner's claim, while it runs
    pooled: bool = False  # in its team's pool: nobody owns it
    # Where the claim is kept (its team's zone, as on the card); None: the reader's.
    pool_tz: str | None = None


@dataclass(frozen=True)
class CustomerList:
    """What a filter found: how many in all, the first ones, or what could not be read."""

    status: str  # "list" | "invalid"
    total: int = 0
    rows: tuple[CustomerRow, ...] = ()
    filter: CustomerFilter = CustomerFilter()
    problems: tuple[Problem, ...] = ()
    lang: str = "en"  # the reader's


def list_customers(ctx: ServiceContext, workspace_id: str, viewer: str, text: str,
                   limit: int = SHOWN) -> CustomerList:
    """The customers matching every filter in `text` that the viewer may see: those whose
    list names them (owned, not pooled, or shared with them), their team's when they lead it,
    all for admins."""
    wanted, problems = parse_filter(text, viewer)
    lang = answer_language(ctx, viewer, text)
    if problems:
        return CustomerList(status="invalid", problems=problems, lang=lang)
    directory = ctx.directory
    seen_by = None if viewer in directory.admins else sorted(
        {viewer} | {m for t in directory.teams if t.lead == viewer for m in t.members})
    query = ListQuery(workspace_id=workspace_id, tag_keys=wanted.tags, stage=wanted.stage,
                      likelihood=wanted.likelihood, tier=wanted.tier, owner=wanted.owner,
                      seen_by=seen_by, limit=limit)
    with ctx.uow().reading() as uow:
        total, found = uow.customers.listing(query)
        tags = uow.customers.tags_for(workspace_id, [c.id for c, _ in found])
        states = uow.pool.states([c.id for c, _ in found])
        zones = {t.name: t.timezone for t in directory.teams}
        rows = tuple(CustomerRow(id=c.id, name=c.name, owner_id=c.owner_id, stage=c.stage,
                                 likelihood=c.likelihood, value_tier=c.value_tier,
                                 tags=tuple(tags.get(c.id, [])), last_contact=last,
                                 protected_until=s.protected_until if s else None,
                                 pooled=s is not None and s.in_pool_since is not None,
                                 pool_tz=zones.get(s.team or "", ctx.default_tz) if s
                                 else None)
                     for c, last in found for s in [states.get(c.id)])
    return CustomerList(status="list", total=total, rows=rows, filter=wanted, lang=lang)
