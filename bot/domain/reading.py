"""A log's whole reading as the `python -m bot parse` contract states it (docs/parsing.md).

`reading_json` is the one adapter between what the parser reads (ParsedLog) and the
contract's fields (customer_match, moves, tasks, complaint, happened_at), so the CLI, the
corpus bench and their tests do not depend on how the parser holds them.
"""

from __future__ import annotations

from bot.domain.customer_match import KnownCustomer
from bot.domain.parsing import ParsedLog

__all__ = ["KnownCustomer", "reading_json"]


def reading_json(parsed: ParsedLog) -> dict[str, object]:
    """The contract's JSON object for one log: ParsedLog's fields plus the derived ones."""
    match = parsed.customer_match
    complaint = parsed.complaint
    return {
        **parsed.to_json(),
        "customer_match": None if match is None else {
            "kind": match.kind, "name": match.name, "candidates": list(match.candidates),
            "contact": match.contact},
        "moves": [{"axis": m.axis, "value": m.value, "phrase": m.phrase} for m in parsed.moves],
        "tasks": [{"next_step": step, "due": due.due.isoformat() if due else None,
                   "due_precision": due.precision if due else None}
                  for step, due in parsed.tasks],
        "complaint": {"intent": complaint is not None,
                      "confidence": round(complaint.confidence, 2) if complaint else 0.0},
        "happened_at": parsed.happened_at.isoformat() if parsed.happened_at else None,
    }
