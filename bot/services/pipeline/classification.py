"""Moving a customer on its three axes (tier, stage, likelihood), and what moved when."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.classification import (
    AXES,
    LOST,
    STAGE,
    VALUES,
    WON,
    axis_named,
    direction,
    value_named,
)
from bot.domain.log_moves import find_moves
from bot.domain.parsing import parse_window
from bot.domain.revisit_plans import AFTER_PURCHASE
from bot.services.context import ServiceContext
from bot.services.customers.access import may_see
from bot.services.customers.file import GONE, find_named
from bot.services.home.build import refresh_homes
from bot.services.language import answer_language
from bot.services.losses.moves import on_lost, on_lost_withdrawn
from bot.services.pool.after_sale import pass_after_sale, undo_after_sale
from bot.services.pool.terms import refresh_term
from bot.services.revisits.plans import start_plan
from bot.services.tasks.cadence import refresh_cadence
from bot.services.views import ChangeView, CustomerView, Moved, Outcome
from store.models import ClassificationChange, Customer, FollowUp
from store.uow import UnitOfWork

SOURCES = ("log", "command", "button", "modal", "import")
COLUMNS = {"tier": "value_tier", "stage": "stage", "likelihood": "likelihood"}


@dataclass(frozen=True)
class MoveView:
    """One recorded move, with whether it went up or down (None for a first setting)."""

    customer_id: int
    customer: str
    axis: str
    old: str | None
    new: str | None
    actor: str
    at: datetime
    source: str
    direction: str | None
    follow_up_id: int | None = None


def change_classification(ctx: ServiceContext, workspace_id: str, actor: str, customer_id: int,
                          axis: str, value: str, now: datetime, source: str,
                          follow_up_id: int | None = None) -> Outcome:
    """Move a customer on one axis, for someone allowed to see it; the move is recorded."""
    if axis not in AXES or value not in VALUES[axis] or source not in SOURCES:
        return Outcome(status="invalid", note="bad_value",
                       note_values={"axis": axis[:20], "value": value[:40]})
    with ctx.uow() as uow:
        customer = uow.customers.get(workspace_id, customer_id)
        if customer is None:
            return Outcome(status="not_found", note=GONE)
        return _change_seen(ctx, uow, actor, customer, axis, value, now, source, follow_up_id)


def classify_named(ctx: ServiceContext, workspace_id: str, actor: str, name: str,
                   axis_word: str, value_word: str, now: datetime) -> Outcome:
    """`/customer Acme stage negotiating`: the same move, with the customer, axis and value
    as typed."""
    axis = axis_named(axis_word)
    value = value_named(axis, value_word) if axis else None
    if axis is None or value is None:
        return Outcome(status="invalid", note="unknown_value",
                       note_values={"axis": axis or axis_word[:20], "value": value_word[:40]},
                       language=answer_language(ctx, actor, axis_word, value_word))
    with ctx.uow() as uow:
        customer = find_named(uow, workspace_id, name)
        if isinstance(customer, Outcome):
            return replace(customer, language=answer_language(ctx, actor, axis_word,
                                                              value_word, uow=uow))
        return _change_seen(ctx, uow, actor, customer, axis, value, now, "command", None,
                            typed=(axis_word, value_word))



def may_change(ctx: ServiceContext, uow: UnitOfWork, actor: str, customer: Customer) -> bool:
    """The one rule for moving a customer, whether by command, the card's menus or a log:
    those who work it, their leads and admins."""
    return may_see(ctx, uow, actor, customer)


def apply_log_moves(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, customer: Customer,
                    now: datetime) -> list[ClassificationChange]:
    """The moves a log states explicitly, made in the log's own unit of work by its author,
    who must be allowed to make them as by command; otherwise nothing moves."""
    moves = find_moves(parse_window(row.raw_text), customer.name)  # as parsed
    if not moves or not may_change(ctx, uow, row.author_id, customer):
        return []
    made = [_record(ctx, uow, customer, m.axis, m.value, row.author_id, now, "log", row.id)
            for m in moves]
    return [change for change in made if change is not None]


def withdraw_log_moves(ctx: ServiceContext, uow: UnitOfWork, row: FollowUp, now: datetime
                       ) -> list[ClassificationChange]:
    """Undo of a log: each move it made is taken back (the customer's previous value, in the
    audit trail by the undoing rep) unless someone has moved that axis since, and leaves the
    record of moves, so the nightly review does not report what was withdrawn. A move to lost
    taken back brings back the revisits it cancelled; a win taken back gives the customer
    back to its seller when it passed to the service team."""
    withdrawn: list[ClassificationChange] = []
    for change in uow.classifications.of_log(row.workspace_id, row.id):
        customer = uow.customers.get(row.workspace_id, change.customer_id)
        if customer is None or getattr(customer, COLUMNS[change.axis]) != change.new:
            continue  # moved again since (by hand or by a later log): that move stands
        setattr(customer, COLUMNS[change.axis], change.old)
        if change.axis == STAGE and change.new == LOST:
            on_lost_withdrawn(ctx, uow, change, now)
        if change.axis == STAGE and change.new == WON:
            undo_after_sale(ctx, uow, customer, change, row.author_id, now)
        uow.classifications.remove(change)
        withdrawn.append(change)
    if withdrawn:
        uow.session.flush()
    return withdrawn


def moved_lines(changes: list[ClassificationChange], *, undone: bool = False) -> Moved:
    """What a log moved, as (axis, from, to) for its reply; withdrawn moves run backwards."""
    return tuple((c.axis, c.new, c.old) if undone else (c.axis, c.old, c.new) for c in changes)


def moves_since(ctx: ServiceContext, workspace_id: str, since: datetime,
                now: datetime) -> tuple[MoveView, ...]:
    """Every move in the workspace from `since` until `now`, oldest first (nightly review)."""
    with ctx.uow() as uow:
        return tuple(
            MoveView(customer_id=c.customer_id, customer=name, axis=c.axis, old=c.old, new=c.new,
                     actor=c.actor, at=c.at, source=c.source,
                     direction=direction(c.axis, c.old, c.new), follow_up_id=c.follow_up_id)
            for c, name in uow.classifications.since(workspace_id, since, now))


def _change_seen(ctx: ServiceContext, uow: UnitOfWork, actor: str, customer: Customer,
                 axis: str, value: str, now: datetime, source: str,
                 follow_up_id: int | None, typed: tuple[str, ...] = ()) -> Outcome:
    """The move, answered in the language of what was typed (else the actor's own)."""
    lang = answer_language(ctx, actor, *typed, uow=uow)
    if not may_change(ctx, uow, actor, customer):
        return Outcome(status="forbidden", note="refused_change", language=lang)
    uow.act_as(actor, now)
    old = getattr(customer, COLUMNS[axis])
    change = _record(ctx, uow, customer, axis, value, actor, now, source, follow_up_id)
    if change is not None:
        refresh_cadence(ctx, uow, customer, now)
        refresh_term(ctx, uow, customer, now)  # a win ends the term; a later loss starts one
        refresh_homes(ctx, uow, customer.workspace_id, (actor, customer.owner_id), now)
    uow.commit()
    view = CustomerView(
        id=customer.id, name=customer.name, owner_id=customer.owner_id,
        value_tier=customer.value_tier, stage=customer.stage, likelihood=customer.likelihood,
        history=(ChangeView(at=now, actor=actor, entity="customer", entity_id=customer.id,
                            field=axis, old=old, new=value),))
    return Outcome(status="classified" if change else "unchanged", customer=view,
                   language=lang)


def record_move(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, axis: str,
                value: str, actor: str, now: datetime, source: str) -> ClassificationChange | None:
    """A move made inside a caller's unit of work (the Edit form), its permission already
    checked there; recorded like every other move."""
    return _record(ctx, uow, customer, axis, value, actor, now, source, None)


def _record(ctx: ServiceContext, uow: UnitOfWork, customer: Customer, axis: str, value: str,
            actor: str, now: datetime, source: str, follow_up_id: int | None
            ) -> ClassificationChange | None:
    """Set the axis and write its move; nothing when it already had that value. A move to won
    starts the after-purchase revisits and passes the customer to the service team when
    `pool.after_sale` says so, a move to lost cancels the revisits and asks why, all in the
    same unit of work (every move comes here: a command, the card's menu, the Edit form, a
    log, a reply in the review, a "lost?" proposal)."""
    old = getattr(customer, COLUMNS[axis])
    if old == value:
        return None
    setattr(customer, COLUMNS[axis], value)
    change = ClassificationChange(
        workspace_id=customer.workspace_id, customer_id=customer.id, axis=axis, old=old,
        new=value, actor=actor, at=now, source=source, follow_up_id=follow_up_id)
    uow.classifications.add(change)
    if axis == STAGE and value == WON:
        start_plan(ctx, uow, customer, AFTER_PURCHASE, now, actor, now,
                   "log" if follow_up_id is not None else "stage", follow_up_id)
        pass_after_sale(ctx, uow, customer, actor, now)
    if axis == STAGE and value == LOST:
        on_lost(ctx, uow, customer, change, now)
    return change
