"""A log's whole reading as the `python -m bot parse` contract states it (docs/parsing.md).

`reading_json` is the one adapter between what the domain reads today and the contract's
fields (customer_match, moves, tasks, complaint, happened_at): as the parser learns to read
more, only this function changes, and the CLI, the corpus bench and their tests stay.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.classification import find_moves
from bot.domain.complaint_text import complaint_body
from bot.domain.customers import closest, name_key
from bot.domain.parsing import ParsedLog, parse_window

EXISTING, NEW, AMBIGUOUS = "existing", "new", "ambiguous"


@dataclass(frozen=True)
class KnownCustomer:
    """A customer of the workspace as the reader sees it: its name and its contacts' names."""

    name: str
    contacts: tuple[str, ...] = ()


def customer_match(parsed: ParsedLog, text: str,
                   customers: Sequence[KnownCustomer]) -> dict[str, object]:
    """What the bot would do about the customer: attach one, offer Create, or ask.

    Mirrors the log reader: a customer is attached only when its whole name is in the text;
    otherwise the parser's guess is offered as a new customer with look-alikes beside it, and
    with no guess at all the rep is asked, with look-alikes of the text's start."""
    known = [(i, c.name, name_key(c.name)) for i, c in enumerate(customers)]
    by_key = {key: name for _, name, key in known}
    guess = parsed.customer
    key = name_key(guess or "")
    if key and key in by_key and key in name_key(parse_window(text)):
        return {"kind": EXISTING, "name": by_key[key], "candidates": []}
    found = closest(guess or text[:60], known)
    exact = [name for _, name, k in known if key and k == key]
    candidates = list(dict.fromkeys(exact + [name for _, name in found]))[:4]
    if guess:
        return {"kind": NEW, "name": guess, "candidates": candidates}
    return {"kind": AMBIGUOUS, "name": None, "candidates": candidates}


def reading_json(parsed: ParsedLog, text: str,
                 customers: Sequence[KnownCustomer]) -> dict[str, object]:
    """The contract's JSON object for one log: ParsedLog's fields plus the derived ones."""
    match = customer_match(parsed, text, customers)
    attached = match["name"] if match["kind"] != AMBIGUOUS else None
    # Moves are read for the customer the log names, attached or offered as new: they apply
    # to the one the log ends up under. The same window the parser read is searched.
    moves = find_moves(parse_window(text), str(attached)) if attached else []
    due = parsed.due
    tasks = [] if due is None else [{"next_step": parsed.next_step,
                                     "due": due.due.isoformat(), "due_precision": due.precision}]
    # Today a log is a complaint only when it says so up front ("complaint: …", "投诉:…").
    is_complaint = complaint_body(text) is not None
    return {
        **parsed.to_json(),
        "customer_match": match,
        "moves": [{"axis": m.axis, "value": m.value, "phrase": m.phrase} for m in moves],
        "tasks": tasks,
        "complaint": {"intent": is_complaint, "confidence": 1.0 if is_complaint else 0.0},
        "happened_at": None,
    }
