"""Complaint messages: the owner's page, the thread and its notes, alerts, the check-back."""

from __future__ import annotations

from typing import Any

from bot.services.complaints.views import ComplaintOutcome, ComplaintView
from handlers import ids
from handlers.blocks.i18n import t
from handlers.blocks.text import actions, button, context, mention, notice, section, shown, when

COMPLAINT_USAGE = t("en", "complaint_usage")
PRIORITY_ICON = {"high": "🔴", "medium": "🟠", "low": "🟢"}


def _option(complaint_id: int, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": value}, "value": f"{complaint_id}:{value}"}


def _select(action_id: str, complaint_id: int, values: tuple[str, ...],
            current: str) -> dict[str, Any]:
    return {"type": "static_select", "action_id": action_id,
            "options": [_option(complaint_id, v) for v in values],
            "initial_option": _option(complaint_id, current)}


def triage_controls(c: ComplaintView) -> dict[str, Any]:
    """Selects to change the suggested category and priority."""
    return actions(_select(ids.COMPLAINT_CATEGORY, c.id, ("product", "service", "experience"),
                           c.category),
                   _select(ids.COMPLAINT_PRIORITY, c.id, ("high", "medium", "low"), c.priority),
                   block_id=f"complaint_triage:{c.id}")


def headline(c: ComplaintView) -> str:
    """"🟠 Complaint #3 · Acme Corp · service · medium"."""
    return (f"{PRIORITY_ICON.get(c.priority, '')} *Complaint #{c.number}* · "
            f"*{shown(c.customer, 100)}* · {c.category} · {c.priority}")


def complaint_card(c: ComplaintView, extra: str | None = None) -> list[dict[str, Any]]:
    """The complaint: headline, its text as raised, who raised and who owns it, its status."""
    status = {"open": "open, not acknowledged", "acknowledged": "acknowledged",
              "resolved": "resolved"}.get(c.status, c.status)
    lines = [headline(c), f">{shown(c.text, 1500)}"]
    meta = f"Raised by <@{c.raised_by}> · owner <@{c.owner_id}> · {status}"
    if c.link:
        meta += f" · <{c.link}|original message>"
    blocks: list[dict[str, Any]] = [section("\n".join(lines)), context(meta)]
    if extra:
        blocks.insert(0, section(extra))
    return blocks


def owner_controls(c: ComplaintView) -> dict[str, Any]:
    """Acknowledge (while open), Resolve and Reassign."""
    value = str(c.id)
    buttons = [button("Acknowledge", ids.COMPLAINT_ACK, value, "primary")] \
        if c.status == "open" else []
    buttons += [button("Resolve", ids.COMPLAINT_RESOLVE, value),
                button("Reassign", ids.COMPLAINT_REASSIGN, value)]
    return actions(*buttons, block_id=f"complaint:{c.id}")


def page_message(c: ComplaintView, reason: str, by: str | None,
                 ack_minutes: int) -> dict[str, Any]:
    """The DM that pages someone about a complaint."""
    why = {"new": "New complaint for you (you are on duty).",
           "escalated": f"Escalated to you: <@{by}> did not acknowledge within "
                        f"{ack_minutes} min.",
           "reassigned": f"<@{by}> gave you this complaint.",
           "reopened": "Reopened: the customer is not satisfied."}.get(reason, reason)
    blocks = complaint_card(c, f"*{why}* Acknowledge within {ack_minutes} min.")
    blocks.append(owner_controls(c))
    return {"text": notice(f"Complaint #{c.number} ({shown(c.customer, 100)}): {why}"),
            "blocks": blocks}


def thread_message(c: ComplaintView) -> dict[str, Any]:
    """The complaint's first message in the complaints channel."""
    return {"text": notice(f"Complaint #{c.number} · {shown(c.customer, 100)} · owner "
                           f"{mention(c.owner_id)}"),
            "blocks": complaint_card(c)}


def note_text(c: ComplaintView, event: str, actor: str, target: str | None,
              detail: str | None, check_back_hours: int = 24) -> str:
    """One step in the complaint's thread."""
    if event == "escalated":
        previous, _, minutes = (detail or "").partition(":")
        return (f"⏫ Not acknowledged by {mention(previous)} within {shown(minutes, 10)} min: "
                f"escalated to {mention(target)}.")
    texts = {
        "acknowledged": f"✅ {mention(actor)} acknowledged and owns it.",
        "reassigned": f"↪️ {mention(actor)} reassigned it to {mention(target)}.",
        "resolved": f"🏁 {mention(actor)} resolved it; check-back with the customer in "
                    f"{check_back_hours} h.",
        "checked_back": f"📞 Check-back by {mention(actor)}: customer {shown(detail, 50)}.",
        "reopened": "🔁 Reopened: the customer is not satisfied.",
        "triaged": f"🏷️ {mention(actor)} changed {shown(detail, 200)}.",
        "breach": f"⛔ {'First answer' if detail == 'answer' else 'Solution'} target missed.",
        "unacknowledged": "⚠️ Nobody acknowledged it through the whole escalation policy.",
    }
    return texts.get(event) or shown(event, 100)


def note_message(c: ComplaintView, p: dict[str, Any]) -> dict[str, Any]:
    """A threaded reply under the complaint's first message."""
    text = note_text(c, p["event"], p.get("actor") or "", p.get("target"), p.get("detail"),
                     int(p.get("check_back_hours") or 24))
    return {"thread_ts": p["thread_ts"], "text": text, "blocks": [section(text)]}


def alert_message(c: ComplaintView, clock: str, level: str) -> dict[str, Any]:
    """An SLA warning to the owner (80% of the target) or a breach to the lead."""
    target = "first answer to the customer" if clock == "answer" else "solution"
    head = (f"⏳ 80% of the {target} time has passed" if level == "warning"
            else f"⛔ The {target} target was missed (owner <@{c.owner_id}>)")
    blocks = complaint_card(c, f"*{head}*")
    if c.status != "resolved":
        blocks.append(owner_controls(c))
    return {"text": notice(f"Complaint #{c.number}: {head}"), "blocks": blocks}


def check_back_message(c: ComplaintView) -> dict[str, Any]:
    """The owner's check-back: ask the customer, then record the answer."""
    head = (f"📞 Check back with *{shown(c.customer, 100)}*: are they satisfied with how "
            f"complaint #{c.number} was solved?")
    value = str(c.id)
    blocks = [section(head), *complaint_card(c)[0:1],
              actions(button("Satisfied", ids.COMPLAINT_SATISFIED, value, "primary"),
                      button("Not satisfied", ids.COMPLAINT_NOT_SATISFIED, value, "danger"),
                      block_id=f"complaint_check:{c.id}")]
    return {"text": notice(f"Check back with {shown(c.customer, 100)} about complaint "
                           f"#{c.number}"),
            "blocks": blocks}


def raised_message(outcome: ComplaintOutcome) -> dict[str, Any]:
    """The answer to whoever raised it: number, owner, suggested category and priority."""
    c = outcome.complaint
    if outcome.status == "usage":
        return {"text": "How to raise a complaint", "blocks": [section(COMPLAINT_USAGE)]}
    if c is None or outcome.status not in ("raised", "duplicate", "triaged"):
        text = shown(outcome.message or "The complaint could not be raised.", 500)
        return {"text": notice(text), "blocks": [section(text)]}
    head = (f"Complaint #{c.number} raised for *{shown(c.customer, 100)}*, "
            f"routed to <@{c.owner_id}>.")
    blocks: list[dict[str, Any]] = [section(head), triage_controls(c),
                                    context("Category and priority were suggested from the "
                                            "text; change them here.")]
    if outcome.suggestions:
        names = ", ".join(shown(n, 60) for n in outcome.suggestions)
        blocks.append(context(f"No customer file is called that (closest: {names}); "
                              "the complaint keeps the name as typed."))
    return {"text": notice(f"Complaint #{c.number} raised, routed to {mention(c.owner_id)}"),
            "blocks": blocks}


def changed_message(outcome: ComplaintOutcome, check_back_hours: int = 24) -> dict[str, Any]:
    """What replaces a complaint DM after a button: the card as it is now."""
    c = outcome.complaint
    if c is None:
        text = shown(outcome.message, 500)
        return {"text": notice(text), "blocks": [section(text)]}
    head = {"acknowledged": "✅ You acknowledged it and own it now.",
            "resolved": f"🏁 Resolved. You will be asked to check back in {check_back_hours} h.",
            "reassigned": f"↪️ Reassigned to <@{c.owner_id}>.",
            "satisfied": "😊 Recorded: the customer is satisfied.",
            "reopened": "🔁 Recorded: not satisfied. The complaint is open again."
            }.get(outcome.status, shown(outcome.message, 300))
    blocks = complaint_card(c, head)
    if c.status != "resolved":
        blocks.append(owner_controls(c))
    return {"text": notice(f"Complaint #{c.number}: {head}"), "blocks": blocks}


def since(c: ComplaintView) -> str:
    """When it was raised, in the complaint's zone."""
    return when(c.created_at, "time", c.tz)
