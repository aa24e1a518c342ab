"""What services hand back: plain values to render, convertible to and from JSON payloads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.brief import Brief
from bot.domain.cadence import TooSoon
from bot.domain.complaint_text import reads_as_complaint
from bot.domain.parsing import parse_window
from bot.domain.problems import Problem, problem_from_payload
from store.models import Customer, FollowUp, Task
from store.repositories.tasks import OverdueTask


@dataclass(frozen=True)
class DueOption:
    due: datetime
    precision: str
    label: str
    step: int = 0  # for a further promise of a log: which one (1, 2, …)


Moved = tuple[tuple[str, str | None, str | None], ...]  # (axis, from, to) for each move
RevisitNotes = tuple[tuple[str, str, str], ...]  # what a log told the revisits (kind, step, …)


@dataclass(frozen=True)
class CareDateView:
    """A customer's key date as kept (a log's reply says it was recorded; the card lists
    them): its kind, whose or which (label), month, day and a renewal's year."""

    kind: str
    label: str
    month: int
    day: int
    year: int | None = None


@dataclass(frozen=True)
class Ownership:
    """Whose a customer is, for someone about to work it: its owner and until when their
    claim is protected, or the pool it is in since when (and whose it was)."""

    customer: str
    owner: str | None  # None: in a pool
    protected_until: datetime | None = None
    pool_team: str | None = None
    in_pool_since: datetime | None = None
    was: str | None = None
    tz: str = "UTC"  # the team's zone, in which its days are shown


def ownership_from_payload(data: dict[str, Any]) -> Ownership:
    """Rebuild an ownership line from its payload."""
    return Ownership(**{**data, "protected_until": _dt(data.get("protected_until")),
                        "in_pool_since": _dt(data.get("in_pool_since"))})


@dataclass(frozen=True)
class FollowUpView:
    id: int
    status: str
    author_id: str
    raw_text: str
    summary: str
    tz: str
    customer_id: int | None = None
    customer: str | None = None
    customer_guess: str | None = None
    contact: str | None = None
    channel: str | None = None
    next_step: str | None = None
    due: datetime | None = None
    due_precision: str | None = None
    due_label: str | None = None
    confidence: float = 0.0
    task_id: int | None = None
    alternatives: tuple[DueOption, ...] = ()
    more_tasks: tuple[DueOption, ...] = ()  # each further promise: its title as the label
    too_soon: TooSoon | None = None  # over-contacting: said in the confirmation, not refused
    # A log held because another team works its customer: who owns it, what was not moved.
    held_by: str | None = None
    refused_moves: tuple[str, ...] = ()
    moved: Moved = ()  # what this log moved (or, undone, what its Undo took back)
    complaint: bool = False  # it reads as a complaint: the reply offers Raise complaint
    # What it told the revisits: ("service", step, day) a "problem solved?" call started,
    # ("answered", step, "reached:4" | "no_answer" ...) a revisit it answered.
    revisit_notes: RevisitNotes = ()
    care_dates: tuple[CareDateView, ...] = ()  # the key dates it recorded on the customer
    ownership: Ownership | None = None  # its customer is someone else's (or pooled): whose


@dataclass(frozen=True)
class TaskView:
    id: int
    title: str
    owner_id: str
    status: str
    tz: str
    customer: str | None = None
    due: datetime | None = None
    due_precision: str | None = None
    overdue: bool = False
    snoozed_until: datetime | None = None
    # The log whose "which customer?" is still unanswered, and the name it gave, if any.
    pending_log_id: int | None = None
    pending_guess: str | None = None
    pending_choices: tuple[tuple[int, str], ...] = ()  # the customers its question offered
    # A revisit's task: the revisit and the try its buttons answer, the script to follow
    # (the configured lines in the title's language; empty: the blocks' default), and the
    # customer's last score when it was 1-3 (flagged in the reminder).
    revisit_id: int | None = None
    revisit_try: int = 0
    script: tuple[str, ...] = ()
    dissatisfied: int | None = None
    win_back: bool = False  # the win-back call after a loss: its reminder asks why they left
    brief: Brief | None = None  # a reminder's brief before the contact (bot/domain/brief.py)


@dataclass(frozen=True)
class RevisitView:
    """A revisit as the person answering it sees it: which call, where it stands, the answer
    that stands, the next try, and whether a complaint is offered."""

    id: int
    customer: str
    kind: str
    step: str
    status: str
    tries: int
    max_tries: int
    due_day: date
    tz: str
    outcome: str | None = None
    score: int | None = None
    reason: str | None = None
    reason_text: str | None = None
    next_try: datetime | None = None
    complaint_offered: bool = False
    task_id: int | None = None
    language: str = "en"  # its task's (en | zh): the answer is shown in it


@dataclass(frozen=True)
class ChangeView:
    at: datetime
    actor: str
    entity: str
    entity_id: int
    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class EventView:
    """One line of a customer's ownership history."""

    kind: str  # claim | return | reassign | share | unshare | warn
    at: datetime
    actor: str
    to_user: str | None = None
    from_user: str | None = None
    reason: str | None = None
    note: str | None = None
    unworked: bool | None = None


@dataclass(frozen=True)
class ComplaintLine:
    """One of a customer's complaints as its file lists it."""

    number: int
    category: str
    priority: str
    status: str
    owner_id: str
    text: str


@dataclass(frozen=True)
class CustomerView:
    id: int
    name: str
    owner_id: str
    people: tuple[str, ...] = ()
    phone: str | None = None
    email: str | None = None
    contact_hidden: bool = False
    open_tasks: tuple[TaskView, ...] = ()
    recent_logs: tuple[FollowUpView, ...] = ()
    history: tuple[ChangeView, ...] = ()
    value_tier: str | None = None
    stage: str | None = None
    likelihood: str | None = None
    # The rest of the file (domain.md section 1); first_contact as YYYY-MM-DD.
    fields: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    last_contact: datetime | None = None
    may_edit_contact: bool = False
    may_reassign: bool = False  # the viewer may give it to someone else (the card's menu)
    complaints: tuple[ComplaintLine, ...] = ()  # open first, newest first
    dissatisfied: int | None = None  # the newest revisit score when it was 1-3
    care_dates: tuple[CareDateView, ...] = ()  # its key dates, in calendar order
    ownership: tuple[EventView, ...] = ()  # claims, returns, reassignments, shares (history)
    # Its place in the pool: the owner's claim protected until, or pooled since (no owner).
    protected_until: datetime | None = None
    in_pool_since: datetime | None = None
    pool_team: str | None = None
    pool_tz: str = "UTC"


@dataclass(frozen=True)
class Outcome:
    """The result of a user's request: what happened, and what to show them."""

    status: str
    follow_up: FollowUpView | None = None
    task: TaskView | None = None
    tasks: tuple[TaskView, ...] = ()
    suggestions: tuple[tuple[int, str], ...] = ()
    message: str | None = None
    subject_user: str | None = None
    # What is wrong with a form, by field, and what else could not be used as given: codes
    # the blocks say (handlers/blocks/problems.py); an older payload's sentence stays one.
    errors: Mapping[str, Problem | str] = field(default_factory=dict)
    customer: CustomerView | None = None
    # The language of an answer in the bot's own words (help, lists): "en" or "zh".
    language: str | None = None
    revisits: tuple[RevisitView, ...] = ()
    # The bot's own words about it, as a code the blocks translate (handlers/blocks/
    # customers.py NOTES), and the values they quote; `message` is then not shown.
    note: str | None = None
    note_values: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem | str, ...] = ()


def follow_up_view(row: FollowUp, customer: Customer | None, task: Task | None,
                   alternatives: tuple[DueOption, ...] = (),
                   too_soon: TooSoon | None = None, moved: Moved = (),
                   more: Sequence[Task] = (), revisit_notes: RevisitNotes = (),
                   care_dates: tuple[CareDateView, ...] = ()) -> FollowUpView:
    """The view of a stored follow-up, its due times shown in the zone it was read in."""
    tz = ZoneInfo(row.tz or "UTC")  # a log not yet read has no zone
    more_tasks = tuple(DueOption(t.due_at.astimezone(tz), t.due_precision or "day", t.title,
                                 t.step)
                       for t in more if t.due_at is not None and t.status != "cancelled")
    return FollowUpView(
        id=row.id, status=row.status, author_id=row.author_id, raw_text=row.raw_text,
        summary=row.summary, tz=row.tz or "UTC", customer_id=row.customer_id,
        customer=customer.name if customer else None, customer_guess=row.customer_guess,
        contact=row.contact, channel=row.channel, next_step=row.next_step,
        due=row.due_at.astimezone(tz) if row.due_at else None, due_precision=row.due_precision,
        due_label=row.due_label, confidence=row.confidence,
        task_id=task.id if task else None, alternatives=alternatives, too_soon=too_soon,
        moved=moved, more_tasks=more_tasks, care_dates=care_dates,
        complaint=row.status == "recorded" and reads_as_complaint(parse_window(row.raw_text)),
        revisit_notes=revisit_notes)


def task_view(task: Task, customer: Customer | None, now: datetime,
              waiting: FollowUp | None = None,
              choices: tuple[tuple[int, str], ...] = ()) -> TaskView:
    """The view of a task, with times in its owner's zone and whether it is overdue now;
    `waiting` is its log when that still asks which customer it is about (offering
    `choices`)."""
    tz = ZoneInfo(task.tz)
    overdue = task.status == "open" and (
        task.overdue_since is not None or (task.overdue_at is not None and task.overdue_at <= now))
    return TaskView(
        id=task.id, title=task.title, owner_id=task.owner_id, status=task.status, tz=task.tz,
        customer=customer.name if customer else None,
        due=task.due_at.astimezone(tz) if task.due_at else None,
        due_precision=task.due_precision, overdue=overdue,
        snoozed_until=task.snoozed_until.astimezone(tz) if task.snoozed_until else None,
        pending_log_id=waiting.id if waiting else None,
        pending_guess=waiting.customer_guess if waiting else None,
        pending_choices=choices if waiting else (), win_back=task.origin == "win_back")


def overdue_view(row: OverdueTask) -> TaskView:
    """The view of an overdue task read as a list's columns (what task_view makes of the
    whole row of an open, overdue task)."""
    return TaskView(id=row.id, title=row.title, owner_id=row.owner_id, status="open",
                    tz=row.tz, customer=row.customer,
                    due=row.due_at.astimezone(ZoneInfo(row.tz)) if row.due_at else None,
                    due_precision=row.due_precision, overdue=True,
                    win_back=row.origin == "win_back")


def to_payload(value: Any) -> Any:
    """A JSON-ready copy of a view (datetimes as ISO-8601 strings)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: to_payload(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [to_payload(v) for v in value]
    if isinstance(value, dict):
        return {k: to_payload(v) for k, v in value.items()}
    return value


def _dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def follow_up_from_payload(data: dict[str, Any]) -> FollowUpView:
    """Rebuild a follow-up view from its payload."""
    values = dict(data)
    values["due"] = _dt(values.get("due"))
    for name in ("alternatives", "more_tasks"):
        values[name] = tuple(DueOption(due=datetime.fromisoformat(a["due"]),
                                       precision=a["precision"], label=a["label"],
                                       step=int(a.get("step") or 0))
                             for a in values.get(name) or ())
    soon = values.get("too_soon")
    values["too_soon"] = TooSoon(**{**soon, "earliest": date.fromisoformat(soon["earliest"])}) \
        if soon else None
    values["refused_moves"] = tuple(values.get("refused_moves") or ())
    values["moved"] = tuple((str(a), o, n) for a, o, n in values.get("moved") or ())
    values["revisit_notes"] = tuple((str(k), str(s), str(d))
                                    for k, s, d in values.get("revisit_notes") or ())
    values["care_dates"] = tuple(CareDateView(**c) for c in values.get("care_dates") or ())
    owned = values.get("ownership")
    values["ownership"] = ownership_from_payload(owned) if owned else None
    return FollowUpView(**values)


def task_from_payload(data: dict[str, Any]) -> TaskView:
    """Rebuild a task view from its payload."""
    values = dict(data)
    values["due"] = _dt(values.get("due"))
    values["snoozed_until"] = _dt(values.get("snoozed_until"))
    values["pending_choices"] = tuple((int(i), str(n))
                                      for i, n in values.get("pending_choices") or ())
    values["script"] = tuple(values.get("script") or ())
    values["brief"] = brief_from_payload(values["brief"]) if values.get("brief") else None
    return TaskView(**values)


def brief_from_payload(data: dict[str, Any]) -> Brief:
    """Rebuild a brief from its payload."""
    values = dict(data)
    values["last_contact_at"] = _dt(values.get("last_contact_at"))
    day = values.get("next_revisit_day")
    values["next_revisit_day"] = date.fromisoformat(day) if day else None
    return Brief(**values)


def revisit_from_payload(data: dict[str, Any]) -> RevisitView:
    """Rebuild a revisit view from its payload."""
    values = dict(data)
    values["due_day"] = date.fromisoformat(values["due_day"])
    values["next_try"] = _dt(values.get("next_try"))
    return RevisitView(**values)


def outcome_from_payload(data: dict[str, Any]) -> Outcome:
    """Rebuild an outcome from its payload."""
    fu = data.get("follow_up")
    task = data.get("task")
    return Outcome(
        status=data["status"], follow_up=follow_up_from_payload(fu) if fu else None,
        task=task_from_payload(task) if task else None,
        tasks=tuple(task_from_payload(t) for t in data.get("tasks") or ()),
        suggestions=tuple((int(i), str(n)) for i, n in data.get("suggestions") or ()),
        message=data.get("message"), subject_user=data.get("subject_user"),
        errors={k: problem_from_payload(v) for k, v in (data.get("errors") or {}).items()},
        customer=customer_from_payload(data["customer"]) if data.get("customer") else None,
        language=data.get("language"),
        revisits=tuple(revisit_from_payload(r) for r in data.get("revisits") or ()),
        note=data.get("note"), note_values=dict(data.get("note_values") or {}),
        problems=tuple(problem_from_payload(p) for p in data.get("problems") or ()))


def event_from_payload(data: dict[str, Any]) -> EventView:
    """Rebuild a history line from its payload."""
    return EventView(**{**data, "at": datetime.fromisoformat(data["at"])})


def customer_from_payload(data: dict[str, Any]) -> CustomerView:
    """Rebuild a customer view from its payload."""
    values = dict(data)
    values["open_tasks"] = tuple(task_from_payload(t) for t in values.get("open_tasks") or ())
    values["recent_logs"] = tuple(follow_up_from_payload(f)
                                  for f in values.get("recent_logs") or ())
    values["history"] = tuple(ChangeView(**{**c, "at": datetime.fromisoformat(c["at"])})
                              for c in values.get("history") or ())
    values["last_contact"] = _dt(values.get("last_contact"))
    values["protected_until"] = _dt(values.get("protected_until"))
    values["in_pool_since"] = _dt(values.get("in_pool_since"))
    values["complaints"] = tuple(ComplaintLine(**c) for c in values.get("complaints") or ())
    values["ownership"] = tuple(event_from_payload(e) for e in values.get("ownership") or ())
    values["care_dates"] = tuple(CareDateView(**c) for c in values.get("care_dates") or ())
    for name in ("people", "tags", "missing"):
        values[name] = tuple(values.get(name) or ())
    return CustomerView(**values)


__all__ = ["asdict"]
