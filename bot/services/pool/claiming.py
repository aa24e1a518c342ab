"""`/pool`: the team's pooled prospects, oldest first, contact details hidden; and **Claim**,
within the configured limits, of which exactly one of two simultaneous claims wins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.customer_filter import parse_filter
from bot.domain.pool import NOT_PROSPECT_STAGES
from bot.domain.pool_claims import check_claim, day_start
from bot.domain.problems import Problem, problem
from bot.services.context import ServiceContext
from bot.services.home.build import refresh_homes
from bot.services.interactions import Reply
from bot.services.language import answer_language
from bot.services.pool.terms import owner_term
from bot.services.pool.views import PoolAnswer, answer_click
from bot.services.unit import one_unit_of_work
from store.repositories.customers import ListQuery
from store.uow import UnitOfWork

SHOWN = 20


@dataclass(frozen=True)
class PooledRow:
    """A pooled prospect as anyone on the team sees it: no phone, no e-mail, no contact."""

    id: int
    name: str
    stage: str | None
    likelihood: str | None
    value_tier: str | None
    industry: str | None
    tags: tuple[str, ...]
    in_pool_since: datetime
    reason: str | None  # why it came back: protection_ended | no_contact


@dataclass(frozen=True)
class PoolList:
    """The first page of a team's pool, or why there is none."""

    status: str  # list | invalid | no_team
    lang: str = "en"
    team: str | None = None
    tz: str = "UTC"
    rows: tuple[PooledRow, ...] = ()
    more: bool = False
    problems: tuple[Problem, ...] = ()


def list_pool(ctx: ServiceContext, workspace_id: str, viewer: str, text: str) -> PoolList:
    """The viewer's team's pooled prospects matching the /customers filters in `text` (tag:,
    stage:, likelihood:, tier:), oldest in the pool first."""
    lang = answer_language(ctx, viewer, text)
    wanted, problems = parse_filter(text, viewer)
    if wanted.owner is not None:  # nobody owns a pooled prospect
        problems = (*problems, problem("owner_in_pool"))
    if problems:
        return PoolList(status="invalid", lang=lang, problems=tuple(problems))
    team = ctx.directory.team_of(viewer)
    if team is None:
        return PoolList(status="no_team", lang=lang)
    query = ListQuery(workspace_id=workspace_id, tag_keys=wanted.tags, stage=wanted.stage,
                      likelihood=wanted.likelihood, tier=wanted.tier)
    with ctx.uow().reading() as uow:
        found = uow.pool.pooled_matching(query, team.name, SHOWN + 1)
        tags = uow.customers.tags_for(workspace_id, [c.id for _, c in found[:SHOWN]])
        rows = tuple(PooledRow(
            id=c.id, name=c.name, stage=c.stage, likelihood=c.likelihood,
            value_tier=c.value_tier, industry=c.industry, tags=tuple(tags.get(c.id, [])),
            in_pool_since=s.in_pool_since, reason=s.returned_reason)
            for s, c in found[:SHOWN] if s.in_pool_since is not None)
    return PoolList(status="list", lang=lang, team=team.name, tz=team.timezone, rows=rows,
                    more=len(found) > SHOWN)


@one_unit_of_work
def claim_from_pool(ctx: ServiceContext, workspace_id: str, user: str, customer_id: int,
                    reply: Reply, now: datetime) -> PoolAnswer:
    """Claim a pooled prospect for `user`, when their team's pool holds it and the limits
    allow; the loser of a race is told who claimed it."""
    with ctx.uow() as uow:
        uow.act_as(user, now)
        answer = _claim(ctx, uow, workspace_id, user, customer_id, now)
        answer_click(ctx, uow, workspace_id, user, reply, answer, now)
        if answer.status == "claimed":  # a new prospect on their Home tab
            refresh_homes(ctx, uow, workspace_id, (user,), now)
        uow.commit()
        return answer


def _claim(ctx: ServiceContext, uow: UnitOfWork, workspace_id: str, user: str,
           customer_id: int, now: datetime) -> PoolAnswer:
    lang = answer_language(ctx, user, uow=uow)
    customer = uow.customers.get(workspace_id, customer_id)
    state = uow.pool.state(customer_id)
    if customer is None or state is None:
        return PoolAnswer("not_found", lang)
    if state.in_pool_since is None:
        return PoolAnswer("taken", lang, customer.name, customer.id, who=customer.owner_id)
    team = ctx.directory.team_of(user)
    if team is None or team.name != state.team:
        return PoolAnswer("forbidden", lang, customer.name)
    zone = ZoneInfo(team.timezone)
    # One person's two claims at once count one after the other, so both cannot pass a limit.
    uow.people.lock(workspace_id, user)
    check = check_claim(
        user, state.returned_from, state.returned_at,
        uow.customer_people.held(workspace_id, user, NOT_PROSPECT_STAGES),
        uow.ownership.claims_since(workspace_id, user, day_start(now, zone)),
        ctx.directory.pool, now, zone)
    if not check.allowed:
        assert check.reason is not None
        return PoolAnswer(check.reason, lang, customer.name, customer.id, at=check.until,
                          tz=team.timezone, limit=check.limit)
    term = owner_term(ctx, user, now, None, None, customer.stage)  # nothing before counts
    won = uow.pool.claim(workspace_id, customer_id, user, term, now)
    if not won.won:
        return PoolAnswer("taken", lang, customer.name, customer.id, who=won.owner)
    return PoolAnswer("claimed", lang, customer.name, customer.id,
                      at=term.until if term else None, tz=team.timezone)
