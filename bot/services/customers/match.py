"""Which customer a log is about, read against the matching index: the candidates its words
find go to the parser, and its verdict becomes the customer attached or the buttons offered
(bot/domain/customer_match.py has the rules)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.customer_match import KnownCustomer
from bot.domain.customers import name_key
from bot.domain.name_keys import EXACT, core, lookup_keys, text_keys
from bot.domain.parsing import ParsedLog, parse_window
from bot.domain.parsing.customer import name_given
from store.models import Customer
from store.uow import UnitOfWork

Candidates = Sequence[tuple[int, KnownCustomer]]
_OFFERED = 4


def candidates_for(uow: UnitOfWork, workspace_id: str, text: str) -> Candidates:
    """The customers a log could be about: those its start names, its people work for, and
    those like the name the rep gives; a handful, however large the workspace."""
    window = parse_window(text)
    typed, guessed = name_given(window)
    exact = text_keys(window)
    fuzzy: dict[str, int] = {}
    if typed and core(typed):
        exact.add(EXACT + core(typed))
        fuzzy = lookup_keys(typed, guessed=guessed)
    return uow.match_index.candidates(workspace_id, exact, fuzzy)


def named_like(uow: UnitOfWork, workspace_id: str, name: str) -> list[tuple[int, str, str]]:
    """(id, name, name_key) of the customers the index finds for a name typed on its own (a
    card looked up, a complaint's customer): a handful to rank, however large the workspace."""
    exact = text_keys(name)
    fuzzy: dict[str, int] = {}
    if core(name):
        exact.add(EXACT + core(name))
        fuzzy = lookup_keys(name)
    found = uow.match_index.candidates(workspace_id, exact, fuzzy)
    return [(cid, known.name, name_key(known.name)) for cid, known in found]


def resolve(uow: UnitOfWork, workspace_id: str, parsed: ParsedLog, known: Candidates
            ) -> tuple[Customer | None, tuple[tuple[int, str], ...]]:
    """The customer the parser's verdict attaches, or the customers to offer instead."""
    ids = {customer.name: cid for cid, customer in known}
    match = parsed.customer_match
    if match is None:  # a parser without a verdict (a stand-in): its name, if known
        found = uow.customers.by_key(workspace_id, name_key(parsed.customer or ""))
        return found, ()
    if match.kind == "existing" and match.name in ids:
        return uow.customers.get(workspace_id, ids[match.name]), ()
    offered = [(ids[name], name) for name in match.candidates if name in ids]
    return None, tuple(dict.fromkeys(offered))[:_OFFERED]
