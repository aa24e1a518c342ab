"""Scoring of `python -m bot parse --jsonl` readings against the gold labels of bench/corpus.

Pure functions over JSON-shaped dicts, so the smoke test can check them with hand-made
predictions. The gold format is in bench/corpus/README.md.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.customers import name_key

Row = dict[str, object]


@dataclass
class Tally:
    """How many rows a capability was right on, out of how many it applies to."""

    hits: int = 0
    total: int = 0
    misses: tuple[str, ...] = ()

    def add(self, ok: bool, row_id: str) -> None:
        """Count one row; a wrong one is listed among the misses."""
        self.total += 1
        if ok:
            self.hits += 1
        else:
            self.misses = (*self.misses, row_id)

    def flag(self, bad: bool, row_id: str) -> None:
        """Count one row of a false-alarm rate: `hits` are the false alarms, listed as misses."""
        self.total += 1
        if bad:
            self.hits += 1
            self.misses = (*self.misses, row_id)

    @property
    def rate(self) -> float:
        """hits / total, 0..1; 0 when the capability applies to no row."""
        return self.hits / self.total if self.total else 0.0


CAPABILITIES = (
    "whole log", "customer", "moves", "false moves", "every promise", "promises found",
    "false tasks",    "complaint intent", "false complaints", "happened_at", "false happened_at",
)


def customer_ok(gold: str, match: object) -> bool:
    """Whether the reading's customer_match is what the gold label asks.

    existing:NAME attach NAME; new:NAME offer Create NAME; suggest:NAME (a typo or an
    abbreviation) attach NAME or offer it as the first candidate; ambiguous[:A|B] ask,
    offering at least A and B."""
    if not isinstance(match, dict):
        return False
    kind, _, name = gold.partition(":")
    got_kind, got_name = match.get("kind"), match.get("name")
    candidates = [name_key(str(c)) for c in match.get("candidates") or []]
    same = isinstance(got_name, str) and name_key(got_name) == name_key(name)
    if kind in ("existing", "new"):
        return got_kind == kind and same
    if kind == "suggest":
        return (got_kind == "existing" and same) or (
            got_kind != "existing" and candidates[:1] == [name_key(name)])
    if kind == "ambiguous":
        wanted = [name_key(n) for n in name.split("|") if n]
        return got_kind == "ambiguous" and all(w in candidates for w in wanted)
    raise ValueError(f"unknown gold customer: {gold!r}")


def due_key(due: str, precision: object, tz: ZoneInfo) -> str:
    """A due time as the gold writes it: local date for day precision, else date and minute."""
    local = datetime.fromisoformat(due).astimezone(tz)
    return local.date().isoformat() if precision == "day" else local.strftime("%Y-%m-%dT%H:%M")


def _local_date(value: str, tz: ZoneInfo) -> str:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(tz).date().isoformat()


def _dict(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _list(value: object) -> list[object]:
    return value if isinstance(value, list) else []


def score(rows: list[Row], predictions: list[Row]) -> dict[str, Tally]:
    """Tally every capability over the corpus rows and their readings, row by row."""
    tallies = {name: Tally() for name in CAPABILITIES}
    for row, pred in zip(rows, predictions, strict=True):
        row_id, gold = str(row["id"]), _dict(row["gold"])
        wrong_before = _wrong(tallies, row_id)
        tz = ZoneInfo(str(row["tz"]))
        tallies["customer"].add(customer_ok(str(gold["customer"]), pred.get("customer_match")),
                                row_id)
        gold_moves = sorted(str(m) for m in _list(gold["moves"]))
        got_moves = sorted(f"{_dict(m).get('axis')}={_dict(m).get('value')}"
                           for m in _list(pred.get("moves")))
        if gold_moves:
            tallies["moves"].add(got_moves == gold_moves, row_id)
        else:
            tallies["false moves"].flag(bool(got_moves), row_id)
        gold_tasks = Counter(str(t) for t in _list(gold["tasks"]))
        got_tasks = Counter(due_key(str(_dict(t)["due"]), _dict(t).get("due_precision"), tz)
                            for t in _list(pred.get("tasks")) if _dict(t).get("due"))
        if gold_tasks:
            tallies["every promise"].add(got_tasks == gold_tasks, row_id)
            found = sum((gold_tasks & got_tasks).values())
            tallies["promises found"].hits += found
            tallies["promises found"].total += sum(gold_tasks.values())
        else:
            tallies["false tasks"].flag(bool(got_tasks), row_id)
        said = bool(_dict(pred.get("complaint")).get("intent"))
        if gold["complaint"]:
            tallies["complaint intent"].add(said, row_id)
        else:
            tallies["false complaints"].flag(said, row_id)
        # No happened_at means "now": the contact is recorded at the time of the log.
        today = _local_date(str(row["now"]), tz)
        got = pred.get("happened_at")
        got_day = _local_date(str(got), tz) if got else today
        if gold["happened_at"]:
            tallies["happened_at"].add(got_day == gold["happened_at"], row_id)
        else:
            tallies["false happened_at"].flag(got_day != today, row_id)
        # Right on everything it says: what a rep sees as "the bot read my log right".
        tallies["whole log"].add(_wrong(tallies, row_id) == wrong_before, row_id)
    return tallies


def _wrong(tallies: dict[str, Tally], row_id: str) -> int:
    return sum(t.misses.count(row_id) for t in tallies.values())
