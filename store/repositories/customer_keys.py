"""The candidate customers a log may be about, read from the matching index: a log loads
the few customers its words find, never the whole workspace. It never commits."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.domain.customer_match import KnownCustomer
from bot.domain.name_keys import (
    ABBREVIATION,
    DELETE,
    EXACT,
    INITIALS,
    PERSON_WORD,
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
# through LATERAL. A UNION ALL of one subquery per key (as SQLite once had) took longer to plan
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

# SQLite: one statement whatever the log too, the keys passed as JSON arrays and each probed
# by a correlated subquery (SQLite has no LATERAL). A statement shaped by the log's keys (a
# UNION ALL of one subquery per key, padded to a few sizes) made 69 shapes for 300 logs, and
# preparing one of ~90 subqueries took about 1 ms: the first log of each shape paid it, which
# was the slowest 10% of logs at 100,000 customers. SQLite cannot take a LIMIT from the outer
# row, so each limit is a group or fuzzy kind of its own.
_PROBE = ("SELECT {grp} AS grp, m.customer_id, m.key, m.label FROM json_each(:{keys}) AS j "
          "JOIN customer_match_keys AS m ON m.rowid IN (SELECT rowid FROM customer_match_keys "
          "WHERE workspace_id = :ws AND key = j.value ORDER BY customer_id LIMIT {limit})")
_ALIKE = ("SELECT json_extract(j.value, '$[1]') AS word, m.customer_id "
          "FROM json_each(:{keys}) AS j JOIN customer_match_keys AS m ON m.rowid IN ("
          "SELECT rowid FROM customer_match_keys WHERE workspace_id = :ws "
          "AND key = json_extract(j.value, '$[0]') ORDER BY customer_id LIMIT {limit})")
_SQLITE = text(
    "WITH alike AS (" + " UNION ALL ".join(
        _ALIKE.format(keys=f"fuzzy{n}", limit=limit) for n, limit in enumerate(PER_KEY.values()))
    + "), kept AS (" + " UNION ALL ".join(
        f"SELECT * FROM ({_PROBE.format(grp=n, keys=f'group{n}', limit=limit)} "
        f"ORDER BY m.customer_id, m.key LIMIT {limit})" for n, limit in enumerate(PER_GROUP))
    + " UNION ALL SELECT 3, customer_id, '', NULL FROM (SELECT customer_id FROM alike "
    f"GROUP BY customer_id ORDER BY count(DISTINCT word) DESC, customer_id LIMIT {CANDIDATES})"
    ") SELECT k.customer_id, k.label, (SELECT c.name FROM customers AS c "
    "WHERE c.id = k.customer_id) FROM kept AS k")


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
        params: dict[str, Any] = {"ws": workspace_id}
        params.update((f"group{n}", json.dumps(keys)) for n, keys in enumerate(groups))
        params.update((f"fuzzy{n}", json.dumps([[k, word] for k, word in sorted(fuzzy.items())
                                                if k.startswith(kind)]))
                      for n, kind in enumerate(PER_KEY))
        return self.s.execute(_SQLITE, params)
