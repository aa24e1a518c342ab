"""What the complaint services hand back and queue: plain values, to and from JSON payloads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from store.models import Complaint

# Notification kinds (each declared with its lane and composer in bot/services/delivery/kinds.py)
PAGE = "complaint_page"          # DM to the person who must act, with the buttons
THREAD = "complaint_thread"      # the complaint's first message in the complaints channel
NOTE = "complaint_note"          # a reply in that thread (escalation, ack, breach, …)
RAISED = "complaint_raised"      # DM to the person who raised it (category and priority)
ALERT = "complaint_alert"        # an SLA warning (owner) or breach (lead) as a DM
CHECK_BACK = "complaint_check_back"  # the owner's check-back DM: satisfied or not
RESPOND = "complaint_respond"    # the clicked message replaced by the complaint as it is now
REPLY = "complaint_reply"        # a plain DM answer (a complaint DM naming no customer)


@dataclass(frozen=True)
class ComplaintView:
    id: int
    number: int
    customer: str
    category: str
    priority: str
    status: str
    owner_id: str
    raised_by: str
    text: str
    tz: str
    created_at: datetime
    team: str | None = None
    backup_id: str | None = None
    lead_id: str | None = None
    link: str | None = None
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    satisfied: bool | None = None


def complaint_view(c: Complaint) -> ComplaintView:
    """The view of a stored complaint."""
    return ComplaintView(
        id=c.id, number=c.number, customer=c.customer_name, category=c.category,
        priority=c.priority, status=c.status, owner_id=c.owner_id, raised_by=c.raised_by,
        text=c.raw_text, tz=c.tz, created_at=c.created_at, team=c.team, backup_id=c.backup_id,
        lead_id=c.lead_id, link=c.link, acknowledged_at=c.acknowledged_at,
        resolved_at=c.resolved_at, satisfied=c.satisfied)


def complaint_from_payload(data: dict[str, Any]) -> ComplaintView:
    """Rebuild a complaint view from its payload."""
    values = dict(data)
    for name in ("created_at", "acknowledged_at", "resolved_at"):
        values[name] = datetime.fromisoformat(values[name]) if values.get(name) else None
    return ComplaintView(**values)


@dataclass(frozen=True)
class ComplaintOutcome:
    """The result of a complaint request: what happened and what to show."""

    status: str
    complaint: ComplaintView | None = None
    message: str | None = None  # why it was refused: a code the blocks say (i18n_complaints)
    suggestions: tuple[str, ...] = ()
    matched: tuple[str, ...] = field(default_factory=tuple)
