"""The candidate customers a log may be about, read from the matching index: a log loads
the few customers its words find, never the whole workspace. It never commits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy import BindParameter, bindparam, text
from sqlalchemy.orm import Session

from bot.domain.customer_match import KnownCustomer
from bot.domain.name_keys import ABBREVIATION, DELETE, EXACT, INITIALS, PERSON_WORD, TOKEN

# A word shared by thousands of names ("cloud") brings at most this many customers; a typo
# form (DELETE) fewer, as each word has many of them; a common first name ("w:li") no more
# than the four a reply offers need to be chosen from.
PER_KEY = {TOKEN: 40, DELETE: 8, INITIALS: 20, ABBREVIATION: 20}
PER_GROUP = (160, 40, 80)  # exact names, single words of people, whole people
CANDIDATES = 30
# Plain SQL, the same on SQLite and PostgreSQL: one index probe per subquery, each capped,
# so a common word costs no more than a rare one. (Built as text: composing the subqueries
# as SQLAlchemy objects cost more per log than running them.)
# Ordered by customer id, which the index (workspace_id, key, customer_id) already holds
# for one key: both databases keep the same rows of a capped key, so give the same answers.
# A group of keys is sorted by `customer_id + 0`: ordered by the bare column, PostgreSQL
# walked the customer_id index of the whole table looking for the keys (240 ms at 100,000
# customers) instead of probing each key and sorting the few rows found.
_GROUP = ("SELECT * FROM (SELECT customer_id, key, label FROM customer_match_keys "
          "WHERE workspace_id = :ws AND key IN :{name} ORDER BY customer_id + 0, key "
          "LIMIT {limit}) AS {name}")
_ONE = ("SELECT * FROM (SELECT customer_id, key, label FROM customer_match_keys "
        "WHERE workspace_id = :ws AND key = :{name} ORDER BY customer_id "
        "LIMIT {limit}) AS {name}")


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
                parts.append(_GROUP.format(name=f"g{n}", limit=PER_GROUP[n]))
                params[f"g{n}"] = group
                expanding.append(bindparam(f"g{n}", expanding=True))
        for n, key in enumerate(sorted(fuzzy)):
            parts.append(_ONE.format(name=f"f{n}", limit=PER_KEY[key[:2]]))
            params[f"f{n}"] = key
        if not parts:
            return []
        # The names come in the same round trip, one primary-key probe per row found (a
        # join let PostgreSQL hash the whole customers table, which grows with the workspace).
        statement = text(
            "SELECT m.customer_id, m.key, m.label, (SELECT c.name FROM customers c "
            "WHERE c.id = m.customer_id) AS name FROM (" + " UNION ALL ".join(parts) + ") AS m"
        ).bindparams(*expanding)
        words: dict[int, set[int]] = defaultdict(set)
        contacts: dict[int, list[str]] = defaultdict(list)
        names: dict[int, str] = {}
        named: set[int] = set()
        for customer_id, key, label, name in self.s.execute(statement, params):
            names[customer_id] = name
            if label is not None:
                contacts[customer_id].append(label)
            if key in fuzzy:
                words[customer_id].add(fuzzy[key])
            else:
                named.add(customer_id)
        ranked = sorted(words, key=lambda c: (-len(words[c]), c))[:CANDIDATES]
        return [(cid, KnownCustomer(names[cid], tuple(dict.fromkeys(contacts.get(cid, ())))))
                for cid in sorted(named | set(contacts) | set(ranked))]
