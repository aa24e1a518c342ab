"""Commands that change something, answered first: the command is stored (one INSERT, keyed
on its trigger, so a retry is stored once), Slack shows "working on it", and the worker makes
the change after and replaces that answer with its result, queued in the same transaction as
the change and the request marked done (bot/services/inbox.py): a worker killed in between
changes and says nothing twice. Once Slack has its 200 it never sends the command again, so
a change a person asked for must outlive the process that answered.

The moves, tags and assignments of /customer, /settings timezone, /oncall cover, /handover and
/revisit NAME service are these; reads are answered by lazy listeners (handlers/later.py),
since a crash costs a read only its answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from bot.services.complaints.duty import cover_phrase
from bot.services.context import ServiceContext
from bot.services.customers.tags import change_tags
from bot.services.delivery.outbox import queue
from bot.services.inbox import Work, process_inbox, store_asked
from bot.services.language import (
    LANGUAGE_WORDS,
    answer_language,
    language_settings,
    own_language,
)
from bot.services.pipeline.classification import classify_named
from bot.services.pool.assigning import assign_named, handover, handover_given_up
from bot.services.revisits.command import start_service_visit
from bot.services.views import to_payload
from bot.services.zones import zone_settings
from store.uow import UnitOfWork

COMMAND = "command"  # the inbox's kind of request
COMMAND_ANSWER = "command_answer"  # the outbox's kind of message: the result, for its renderer


@dataclass(frozen=True)
class Command:
    """A command as typed: who, what it does (a key of DOES), its words as read in the
    request, and where its answer goes."""

    workspace_id: str
    user_id: str
    does: str
    args: tuple[str, ...]
    source_key: str  # the command itself (its trigger_id): a retry is stored once
    response_url: str | None = None


def receive_command(ctx: ServiceContext, command: Command, now: datetime) -> bool:
    """Store the command to do (one INSERT); False if it was stored already."""
    return store_asked(ctx, COMMAND, DOES, command, now)


def process_received_commands(ctx: ServiceContext, now: datetime, *, batch: int = 20) -> int:
    """Do every command stored and not yet done; how many were claimed."""
    return process_inbox(ctx, {COMMAND: _WORK}, now, batch=batch)


Answer = dict[str, Any]  # {"answer": which renderer, ...what it shows}
Does = Callable[[ServiceContext, Command, datetime], Answer]


def _tags(ctx: ServiceContext, c: Command, now: datetime) -> Answer:
    name, changes = c.args
    outcome = change_tags(ctx, c.workspace_id, c.user_id, name, changes, now)
    return {"answer": "customer", "outcome": to_payload(outcome)}


def _move(ctx: ServiceContext, c: Command, now: datetime) -> Answer:
    name, axis, value = c.args
    outcome = classify_named(ctx, c.workspace_id, c.user_id, name, axis, value, now)
    return {"answer": "classification", "outcome": to_payload(outcome)}


def _settings(ctx: ServiceContext, c: Command, now: datetime) -> Answer:
    (text,) = c.args
    if text.casefold().startswith(LANGUAGE_WORDS):
        language = language_settings(ctx, c.workspace_id, c.user_id, text, now)
        return {"answer": "settings", "language": asdict(language),
                "lang": language.language}  # said in the language just chosen
    setting = zone_settings(ctx, c.workspace_id, c.user_id, text, now)
    return {"answer": "settings", "setting": asdict(setting),
            "lang": answer_language(ctx, c.user_id, text)}


def _cover(ctx: ServiceContext, c: Command, now: datetime) -> Answer:
    (text,) = c.args
    return {"answer": "oncall",
            "duty": to_payload(cover_phrase(ctx, c.workspace_id, c.user_id, text, now))}


def _assign(ctx: ServiceContext, c: Command, now: datetime) -> Answer:
    name, to_user = c.args
    answer = assign_named(ctx, c.workspace_id, c.user_id, name, to_user, now)
    return {"answer": "pool", "outcome": to_payload(answer)}


def _handover(ctx: ServiceContext, c: Command, now: datetime) -> Answer:
    leaving, to_user = c.args  # "" to share them round-robin across the team
    answer = handover(ctx, c.workspace_id, c.user_id, leaving, to_user or None, now)
    return {"answer": "pool", "outcome": to_payload(answer)}


def _service_visit(ctx: ServiceContext, c: Command, now: datetime) -> Answer:
    (name,) = c.args
    outcome = start_service_visit(ctx, c.workspace_id, c.user_id, name, now)
    return {"answer": "revisit_started", "outcome": to_payload(outcome)}


DOES: dict[str, Does] = {"tags": _tags, "move": _move, "settings": _settings, "cover": _cover,
                         "assign": _assign, "handover": _handover,
                         "service_visit": _service_visit}


def _do(ctx: ServiceContext, payload: dict[str, Any], received: datetime) -> None:
    c = _command(payload)
    # As of when it was typed: "until Friday 18:00" counts from the command.
    answer = DOES[c.does](ctx, c, received)
    if c.response_url:
        with ctx.uow() as uow:
            _queue_answer(ctx, uow, c, answer, received)
            uow.commit()


def _give_up(ctx: ServiceContext, uow: UnitOfWork, payload: dict[str, Any],
             received: datetime, now: datetime) -> None:
    c = _command(payload)
    if not c.response_url:
        return
    if c.does == "handover":  # its batches commit by themselves: some may have been moved
        partly = handover_given_up(ctx, uow, c.workspace_id, c.user_id, c.args[0], received)
        if partly is not None:
            _queue_answer(ctx, uow, c, {"answer": "pool", "outcome": to_payload(partly)}, now)
            return
    # said by the blocks in the person's language (an older payload carried its text)
    _queue_answer(ctx, uow, c, {"answer": "failed",
                                "lang": own_language(ctx, c.user_id, uow)}, now)


def _queue_answer(ctx: ServiceContext, uow: UnitOfWork, c: Command, answer: Answer,
                  now: datetime) -> None:
    # Keyed on the command: a command done again (its batches outside the request's
    # transaction, bot/services/inbox.py) is answered once.
    queue(ctx, uow, workspace_id=c.workspace_id, kind=COMMAND_ANSWER, recipient=c.user_id,
          now=now, payload={"response_url": c.response_url, **answer},
          dedupe_key=f"answer:{c.source_key}")


def _command(payload: dict[str, Any]) -> Command:
    return Command(**{**payload, "args": tuple(payload.get("args") or ())})


# A handover moves a whole book: a batch per transaction (bot/services/pool/assigning.py).
IN_BATCHES = ("handover",)
_WORK = Work(do=_do, give_up=_give_up, with_its_request=True,
             in_batches=lambda payload: payload.get("does") in IN_BATCHES)
