"""The candidate customers a log may be about, read from the matching index: a log loads
the few customers its words find, never the whole workspace. It never commits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.orm import Session

from bot.domain.customer_match import KnownCustomer
from bot.domain.name_keys import (
    ABBREVIATION,
    DELETE,
    EXACT,
    INITIALS,
    PERSON_WORD,
    SURNAME,
    TOKEN,
)

# A word shared by thousands of names ("cloud") brings at most this many customers; a typo
# form (DELETE) fewer, as each word has many of them; a common first name ("w:li") or a
# name many contacts share ("Zhang Hui") a few times the four a reply offers: each customer
# found is ranked in Python, and at 40 and 80 a log naming a person cost twice the others
# with the same verdicts (bench/customer_match.py).
PER_KEY = {TOKEN: 40, DELETE: 8, INITIALS: 20, ABBREVIATION: 20}
PER_GROUP = (160, 16, 24)  # exact names, single words of people, whole people
CANDIDATES = 30
# Each key is probed alone, in the order of the index (workspace_id, key, customer_id), and
# capped, so a word shared by thousands of rows costs no more than a rare one; a group of
# keys keeps its first rows by customer id. Both databases keep the same rows, so give the
# same answers; the names come in the same round trip, one primary-key probe per row kept
# (a join let PostgreSQL hash the whole customers table, which grows with the workspace).
#
# PostgreSQL: one statement whatever the log, the keys passed as arrays and each probed
# through LATERAL. A UNION ALL of one subquery per key (as on SQLite) took longer to plan
# than to run (~1.5 ms for a log's 20-60 keys), and psycopg forgets the statements it
# prepared at every rollback, so the plan could not be kept either.
_POSTGRESQL = text("""
WITH named AS (
  SELECT k.grp, k.lim, f.customer_id, f.key, f.label
  FROM unnest(CAST(:keys AS text[]), CAST(:groups AS int[]), CAST(:limits AS int[]))
       AS k(key, grp, lim)
  CROSS JOIN LATERAL (SELECT customer_id, key, label FROM customer_match_keys
                      WHERE workspace_id = :ws AND key = k.key
                      ORDER BY customer_id LIMIT k.lim) AS f
), alike AS (
  SELECT k.word, f.customer_id
  FROM unnest(CAST(:fuzzy_keys AS text[]), CAST(:words AS int[]),
              CAST(:fuzzy_limits AS int[])) AS k(key, word, lim)
  CROSS JOIN LATERAL (SELECT customer_id FROM customer_match_keys
                      WHERE workspace_id = :ws AND key = k.key
                      ORDER BY customer_id LIMIT k.lim) AS f
), kept AS (
  SELECT grp, customer_id, key, label FROM (
    SELECT grp, lim, customer_id, key, label,
           row_number() OVER (PARTITION BY grp ORDER BY customer_id, key) AS n
    FROM named) AS g
  WHERE n <= lim
  UNION ALL
  SELECT 3, customer_id, '', NULL FROM (
    SELECT customer_id FROM alike GROUP BY customer_id
    ORDER BY count(DISTINCT word) DESC, customer_id LIMIT :candidates) AS ranked
)
SELECT m.customer_id, m.label, (SELECT c.name FROM customers c WHERE c.id = m.customer_id)
FROM kept AS m ORDER BY m.grp, m.customer_id, m.key
""")

# SQLite plans a statement in microseconds and keeps the last ones it prepared: one subquery
# per key, sorted by `customer_id + 0` where a group of keys is merged (ordered by the bare
# column, the customer_id index of the whole table was walked looking for the keys).
_IN = ("SELECT customer_id, key, label FROM (SELECT customer_id, key, label "
       "FROM customer_match_keys WHERE workspace_id = :ws AND key IN ({keys}) "
       "ORDER BY customer_id + 0, key LIMIT {limit}) AS {name}")
_ONE = ("SELECT customer_id, key, label FROM (SELECT customer_id, key, label "
        "FROM customer_match_keys WHERE workspace_id = :ws AND key = :{name} "
        "ORDER BY customer_id LIMIT {limit}) AS {name}")
_GROUP = ("SELECT customer_id, label FROM (SELECT customer_id, key, label FROM ({parts}) "
          "AS {name}all ORDER BY customer_id + 0, key LIMIT {limit}) AS {name}")
# A fuzzy key's rows carry the word of the typed name it comes from, so the database counts
# the words each customer shares and keeps the best.
_FUZZY = ("SELECT customer_id, CAST(:{name}w AS INTEGER) AS word FROM (SELECT customer_id "
          "FROM customer_match_keys WHERE workspace_id = :ws AND key = :{name} "
          "ORDER BY customer_id LIMIT {limit}) AS {name}")
_RANKED = ("SELECT customer_id, NULL AS label FROM (SELECT customer_id FROM ({fuzzy}) AS f "
           "GROUP BY customer_id ORDER BY count(DISTINCT word) DESC, customer_id "
           "LIMIT {limit}) AS ranked")
# Keys that thousands of rows may share (a first name, a Chinese surname) are probed one by
# one; the rest of a group, rarer, in one IN list.
_COMMON = (PERSON_WORD, SURNAME)
# No key is empty: padding with it finds nothing. Padded to a few sizes, most logs' keys
# make a statement SQLite has already prepared.
_NOTHING = ""
_SIZES = sorted({m * 2 ** e for m in (2, 3) for e in range(10)} | {1})  # 1, 2, 3, 4, 6, 8 ..


def _padded(keys: Sequence[str]) -> list[str]:
    size = next((s for s in _SIZES if s >= len(keys)), len(keys))
    return [*keys, *[_NOTHING] * (size - len(keys))]


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
        if not any(groups) and not fuzzy:
            return []
        found = (self._on_postgresql if self.s.get_bind().dialect.name == "postgresql"
                 else self._on_sqlite)(workspace_id, groups, fuzzy)
        contacts: dict[int, list[str]] = defaultdict(list)
        names: dict[int, str] = {}
        for customer_id, label, name in found:
            names[customer_id] = name
            if label is not None:
                contacts[customer_id].append(label)
        return [(cid, KnownCustomer(names[cid], tuple(dict.fromkeys(contacts.get(cid, ())))))
                for cid in sorted(names)]

    def _on_postgresql(self, workspace_id: str, groups: Sequence[Sequence[str]],
                       fuzzy: Mapping[str, int]) -> Iterable[Any]:
        alike = sorted(fuzzy)
        return self.s.execute(_POSTGRESQL, {
            "ws": workspace_id, "keys": [k for group in groups for k in group],
            "groups": [n for n, group in enumerate(groups) for _ in group],
            "limits": [PER_GROUP[n] for n, group in enumerate(groups) for _ in group],
            "fuzzy_keys": alike, "words": [fuzzy[k] for k in alike],
            "fuzzy_limits": [PER_KEY[k[:2]] for k in alike], "candidates": CANDIDATES,
        })

    def _on_sqlite(self, workspace_id: str, groups: Sequence[Sequence[str]],
                   fuzzy: Mapping[str, int]) -> Iterable[Any]:
        query = _Query(workspace_id)
        parts = [query.group(f"g{n}", keys, PER_GROUP[n]) for n, keys in enumerate(groups)
                 if keys]
        if fuzzy:
            parts.append(query.ranked(fuzzy))
        return self.s.execute(_statement(" UNION ALL ".join(parts)), query.params)


@lru_cache(maxsize=512)
def _statement(parts: str) -> TextClause:
    return text("SELECT m.customer_id, m.label, (SELECT c.name FROM customers c "
                "WHERE c.id = m.customer_id) AS name FROM (" + parts + ") AS m")


class _Query:
    """The text and parameters of one candidates statement on SQLite."""

    def __init__(self, workspace_id: str) -> None:
        self.params: dict[str, Any] = {"ws": workspace_id}

    def group(self, name: str, keys: Sequence[str], limit: int) -> str:
        """The first `limit` rows of these keys by customer id."""
        common = [k for k in keys if k.startswith(_COMMON)]
        rest = [k for k in keys if not k.startswith(_COMMON)]
        parts = []
        if rest:
            padded = _padded(rest)
            self.params.update((f"{name}in{n}", key) for n, key in enumerate(padded))
            parts.append(_IN.format(name=f"{name}in", limit=limit, keys=", ".join(
                f":{name}in{n}" for n in range(len(padded)))))
        for n, key in enumerate(_padded(common) if common else ()):
            parts.append(_ONE.format(name=f"{name}k{n}", limit=limit))
            self.params[f"{name}k{n}"] = key
        return _GROUP.format(parts=" UNION ALL ".join(parts), name=name, limit=limit)

    def ranked(self, fuzzy: Mapping[str, int]) -> str:
        """The customers sharing the most words with the typed name, each key capped."""
        parts = []
        for kind, limit in PER_KEY.items():
            keys = sorted(k for k in fuzzy if k.startswith(kind))
            for n, key in enumerate(_padded(keys) if keys else ()):
                name = f"f{kind[0]}{n}"
                parts.append(_FUZZY.format(name=name, limit=limit))
                self.params[name] = key
                self.params[name + "w"] = fuzzy.get(key, -1)
        return _RANKED.format(fuzzy=" UNION ALL ".join(parts), limit=CANDIDATES)
