"""The candidate customers a log may be about, read from the matching index: a log loads
the few customers its words find, never the whole workspace. It never commits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import BindParameter, bindparam, select, text
from sqlalchemy.orm import Session

from bot.domain.customer_match import KnownCustomer
from bot.domain.name_keys import EXACT, PERSON_WORD
from store.models import Customer

PER_KEY = 40  # a word shared by thousands of names ("cloud") brings at most this many
PER_GROUP = 160
CANDIDATES = 40
# Plain SQL, the same on SQLite and PostgreSQL: one index probe per subquery, each capped,
# so a common word costs no more than a rare one. (Built as text: composing the subqueries
# as SQLAlchemy objects cost more per log than running them.)
_GROUP = ("SELECT * FROM (SELECT customer_id, key, label FROM customer_match_keys "
          "WHERE workspace_id = :ws AND key IN :{name} LIMIT {limit}) AS {name}")
_ONE = ("SELECT * FROM (SELECT customer_id, key, label FROM customer_match_keys "
        "WHERE workspace_id = :ws AND key = :{name} LIMIT {limit}) AS {name}")


class MatchIndex:
    def __init__(self, session: Session) -> None:
        self.s = session

    def candidates(self, workspace_id: str, exact: Collection[str],
                   fuzzy: Mapping[str, int]) -> Sequence[tuple[int, KnownCustomer]]:
        """(id, customer with the contacts the keys found): every customer an `exact` key
        names, then those sharing the most words (`fuzzy` key -> its word) with the name."""
        # Names, person names and single words apart: a common first name cannot crowd out
        # a company's name.
        groups = (sorted(e for e in exact if e.startswith(EXACT)),
                  sorted(e for e in exact if e.startswith(PERSON_WORD)),
                  sorted(e for e in exact if not e.startswith((EXACT, PERSON_WORD))))
        parts: list[str] = []
        params: dict[str, Any] = {"ws": workspace_id}
        expanding: list[BindParameter[Any]] = []
        for n, group in enumerate(groups):
            if group:
                parts.append(_GROUP.format(name=f"g{n}", limit=PER_GROUP))
                params[f"g{n}"] = group
                expanding.append(bindparam(f"g{n}", expanding=True))
        for n, key in enumerate(sorted(fuzzy)):
            parts.append(_ONE.format(name=f"f{n}", limit=PER_KEY))
            params[f"f{n}"] = key
        if not parts:
            return []
        statement = text(" UNION ALL ".join(parts)).bindparams(*expanding)
        words: dict[int, set[int]] = defaultdict(set)
        contacts: dict[int, list[str]] = defaultdict(list)
        named: set[int] = set()
        for customer_id, key, label in self.s.execute(statement, params):
            if label is not None:
                contacts[customer_id].append(label)
            if key in fuzzy:
                words[customer_id].add(fuzzy[key])
            else:
                named.add(customer_id)
        ranked = sorted(words, key=lambda c: (-len(words[c]), c))[:CANDIDATES]
        ids = sorted(named | set(contacts) | set(ranked))
        if not ids:
            return []
        rows = self.s.execute(select(Customer.id, Customer.name).where(
            Customer.workspace_id == workspace_id,
            Customer.id.in_(bindparam("ids", ids, expanding=True))))
        found = {cid: KnownCustomer(name, tuple(dict.fromkeys(contacts.get(cid, ()))))
                 for cid, name in rows}
        return [(cid, found[cid]) for cid in ids if cid in found]
