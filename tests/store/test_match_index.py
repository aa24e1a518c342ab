"""The matching index's candidates on both databases: a key thousands of rows share is
read only up to its cap, always the same rows (the lowest customer ids), and the customers
sharing most words with a typed name come before the lower ids sharing fewer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.customers import name_key
from store.engine import make_engine, make_session_factory
from store.models import Customer
from store.repositories.customer_keys import CANDIDATES, PER_GROUP
from store.uow import UnitOfWork

WS = "T1"


@pytest.fixture
def factory(db_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


def _add(factory: sessionmaker[Session], rows: list[tuple[str, str | None]]) -> list[int]:
    with UnitOfWork(factory) as uow:
        customers = [Customer(workspace_id=WS, name=n, name_key=name_key(n), owner_id="U1",
                              created_by="U1", created_at=datetime(2026, 1, 1, tzinfo=UTC),
                              contact_person=c) for n, c in rows]
        for customer in customers:  # one at a time: ids in the order given
            uow.session.add(customer)
            uow.session.flush()
        uow.commit()
        return [c.id for c in customers]


def test_a_name_many_contacts_share_brings_the_first_customers_up_to_the_cap(
        factory) -> None:
    ids = _add(factory, [(f"Kelmar Logistics {n}", "Li Wei" if n % 2 else "Li Na")
                         for n in range(3 * PER_GROUP[2])])
    li_wei = [cid for n, cid in enumerate(ids) if n % 2]
    with UnitOfWork(factory) as uow:
        whole = uow.match_index.candidates(WS, {"p:li wei", "p:nobody here"}, {})
        word = uow.match_index.candidates(WS, {"w:li", "w:send", "w:quote"}, {})
    assert [cid for cid, _ in whole] == li_wei[:PER_GROUP[2]]
    assert all(known.contacts == ("Li Wei",) for _, known in whole)
    assert [cid for cid, _ in word] == ids[:PER_GROUP[1]]
    assert {known.contacts for _, known in word} == {("Li Wei",), ("Li Na",)}


def test_the_customers_sharing_most_words_come_first_however_late_they_were_made(
        factory) -> None:
    before = _add(factory, [(f"Kel{chr(97 + n % 26)}{n} Cloud", None) for n in range(35)])
    sharing = _add(factory, [(f"Zenvolo Cloud {n}", None) for n in range(3)])
    after = _add(factory, [(f"Mar{n} Cloud", None) for n in range(10)])
    with UnitOfWork(factory) as uow:
        found = [cid for cid, _ in uow.match_index.candidates(
            WS, set(), {"t:zenvolo": 0, "t:cloud": 1})]
    assert len(found) == CANDIDATES
    assert set(sharing) <= set(found)  # two words each: first, though their ids are higher
    assert set(found) - set(sharing) == set(before[:CANDIDATES - len(sharing)])
    assert not set(after) & set(found)


def test_no_keys_find_nobody(factory) -> None:
    _add(factory, [("Acme Corp", "Li Wei")])
    with UnitOfWork(factory) as uow:
        assert uow.match_index.candidates(WS, set(), {}) == []
        assert [k.name for _, k in uow.match_index.candidates(WS, {"k:acme"}, {})] == [
            "Acme Corp"]


def test_keys_of_any_text_find_their_customer_and_no_other_workspace(factory) -> None:
    """The keys travel as JSON on SQLite and as arrays on PostgreSQL: quotes, backslashes,
    JSON's own brackets, LIKE's wildcards, emoji and Chinese are only text."""
    from bot.domain.name_keys import EXACT, core

    names = ['O\'Brien "Quoted" Ltd', "Back\\slash [json] {x}", "100% _under_ Co",
             "🚀 Rocket 科技", "顺丰同城"]
    ids = _add(factory, [(n, None) for n in names])
    with UnitOfWork(factory) as uow:
        uow.session.add(Customer(workspace_id="T2", name=names[0], name_key=name_key(names[0]),
                                 owner_id="U9", created_by="U9",
                                 created_at=datetime(2026, 1, 1, tzinfo=UTC)))
        uow.commit()
    with UnitOfWork(factory) as uow:
        for cid, name in zip(ids, names, strict=True):
            found = uow.match_index.candidates(WS, {EXACT + core(name)}, {})
            assert [(c, k.name) for c, k in found] == [(cid, name)]
        assert uow.match_index.candidates(WS, {EXACT + "%", EXACT + "_", '"]'}, {}) == []


def test_a_log_with_hundreds_of_keys_is_one_statement_and_finds_its_customer(factory) -> None:
    from bot.domain.name_keys import EXACT

    [acme] = _add(factory, [("Acme Corp", None)])
    noise = {f"{EXACT}word{n}" for n in range(400)} | {f"w:p{n}" for n in range(60)}
    fuzzy = {f"t:x{n}": n for n in range(50)} | {"t:acme": 99}
    with UnitOfWork(factory) as uow:
        found = uow.match_index.candidates(WS, noise | {"k:acme"}, fuzzy)
    assert [cid for cid, _ in found] == [acme]
