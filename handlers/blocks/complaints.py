"""Complaint messages: the owner's page, the thread and its notes, alerts, the check-back.
Each is said in `lang`: a DM in its reader's own language, the thread in the team's."""

from __future__ import annotations

from typing import Any

from bot.catalog import tr
from bot.services.complaints.views import ComplaintOutcome, ComplaintView
from handlers import ids
from handlers.blocks.i18n import t
from handlers.blocks.i18n_complaints import CATEGORY, PRIORITY, REFUSALS, STATUS, word
from handlers.blocks.text import actions, button, context, mention, notice, section, shown, when

PRIORITY_ICON = {"high": "🔴", "medium": "🟠", "low": "🟢"}


def _option(lang: str, table: dict[str, str], complaint_id: int, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": word(lang, table, value)},
            "value": f"{complaint_id}:{value}"}


def _select(lang: str, action_id: str, table: dict[str, str], complaint_id: int,
            current: str) -> dict[str, Any]:
    return {"type": "static_select", "action_id": action_id,
            "options": [_option(lang, table, complaint_id, v) for v in table],
            "initial_option": _option(lang, table, complaint_id, current)}


def triage_controls(c: ComplaintView, lang: str = "en") -> dict[str, Any]:
    """Selects to change the suggested category and priority."""
    return actions(_select(lang, ids.COMPLAINT_CATEGORY, CATEGORY, c.id, c.category),
                   _select(lang, ids.COMPLAINT_PRIORITY, PRIORITY, c.id, c.priority),
                   block_id=f"complaint_triage:{c.id}")


def headline(c: ComplaintView, lang: str = "en") -> str:
    """"🟠 Complaint #3 · Acme Corp · service · medium"."""
    number = tr(lang, "Complaint #{number}", number=c.number)
    return (f"{PRIORITY_ICON.get(c.priority, '')} *{number}* · *{shown(c.customer, 100)}* · "
            f"{word(lang, CATEGORY, c.category)} · "
            f"{word(lang, PRIORITY, c.priority)}")


def complaint_card(c: ComplaintView, extra: str | None = None,
                   lang: str = "en") -> list[dict[str, Any]]:
    """The complaint: headline, its text as raised, who raised and who owns it, its status."""
    status = tr(lang, "open, not acknowledged") if c.status == "open" \
        else word(lang, STATUS, c.status)
    meta = tr(lang, "Raised by {raiser} · owner {owner} · {status}", raiser=mention(c.raised_by),
              owner=mention(c.owner_id), status=status)
    if c.link:
        original = tr(lang, "original message")
        meta += f" · <{c.link}|{original}>"
    blocks: list[dict[str, Any]] = [section(f"{headline(c, lang)}\n>{shown(c.text, 1500)}"),
                                    context(meta)]
    if extra:
        blocks.insert(0, section(extra))
    return blocks


def owner_controls(c: ComplaintView, lang: str = "en") -> dict[str, Any]:
    """Acknowledge (while open), Resolve and Reassign."""
    value = str(c.id)
    buttons = [button(tr(lang, "Acknowledge"), ids.COMPLAINT_ACK, value, "primary")] \
        if c.status == "open" else []
    buttons += [button(tr(lang, "Resolve"), ids.COMPLAINT_RESOLVE, value),
                button(tr(lang, "Reassign"), ids.COMPLAINT_REASSIGN, value)]
    return actions(*buttons, block_id=f"complaint:{c.id}")


def _page_reason(lang: str, reason: str, by: str | None, ack_minutes: int) -> str:
    if reason == "new":
        return tr(lang, "New complaint for you (you are on duty).")
    if reason == "escalated":
        return tr(lang, "Escalated to you: {person} did not acknowledge within {n} min.",
                  person=mention(by), n=ack_minutes)
    if reason == "reassigned":
        return tr(lang, "{person} gave you this complaint.", person=mention(by))
    if reason == "reopened":
        return tr(lang, "Reopened: the customer is not satisfied.")
    return shown(reason, 100)


def page_message(c: ComplaintView, reason: str, by: str | None, ack_minutes: int,
                 lang: str = "en") -> dict[str, Any]:
    """The DM that pages someone about a complaint (in their own language)."""
    why = _page_reason(lang, reason, by, ack_minutes)
    ask = tr(lang, "Acknowledge within {n} min.", n=ack_minutes)
    blocks = complaint_card(c, f"*{why}* {ask}", lang)
    blocks.append(owner_controls(c, lang))
    return {"text": notice(tr(lang, "Complaint #{number} ({customer}): {why}", number=c.number,
                              customer=shown(c.customer, 100), why=why)),
            "blocks": blocks}


def thread_message(c: ComplaintView, lang: str = "en") -> dict[str, Any]:
    """The complaint's first message in the complaints channel (in the team's language)."""
    return {"text": notice(tr(lang, "Complaint #{number} · {customer} · owner {owner}",
                              number=c.number, customer=shown(c.customer, 100),
                              owner=mention(c.owner_id))),
            "blocks": complaint_card(c, lang=lang)}


def _triage_detail(lang: str, detail: str | None) -> str:
    """"category service → product; priority low → high", its codes said in `lang`."""
    parts = []
    for change in (detail or "").split("; "):
        name, _, values = change.partition(" ")
        old, _, new = values.partition(" → ")
        table = CATEGORY if name == "category" else PRIORITY if name == "priority" else None
        if table is None or not new:
            parts.append(shown(change, 200))
            continue
        what = tr(lang, "category") if table is CATEGORY else tr(lang, "priority")
        parts.append(f"{what} {word(lang, table, old)} → {word(lang, table, new)}")
    return "; ".join(parts)


def note_text(c: ComplaintView, event: str, actor: str, target: str | None,
              detail: str | None, check_back_hours: int = 24, lang: str = "en") -> str:
    """One step in the complaint's thread."""
    if event == "escalated":
        previous, _, minutes = (detail or "").partition(":")
        return tr(lang, "⏫ Not acknowledged by {previous} within {n} min: escalated to "
                  "{target}.", previous=mention(previous), n=shown(minutes, 10),
                  target=mention(target))
    who = mention(actor)
    if event == "acknowledged":
        return tr(lang, "✅ {person} acknowledged and owns it.", person=who)
    if event == "reassigned":
        return tr(lang, "↪️ {person} reassigned it to {target}.", person=who,
                  target=mention(target))
    if event == "resolved":
        return tr(lang, "🏁 {person} resolved it; check-back with the customer in {n} h.",
                  n=check_back_hours, person=who)
    if event == "checked_back":
        verdict = {"satisfied": tr(lang, "satisfied"),
                   "not satisfied": tr(lang, "not satisfied")}.get(detail or "",
                                                                   shown(detail, 50))
        return tr(lang, "📞 Check-back by {person}: customer {verdict}.", person=who,
                  verdict=verdict)
    if event == "reopened":
        return tr(lang, "🔁 Reopened: the customer is not satisfied.")
    if event == "triaged":
        return tr(lang, "🏷️ {person} changed {what}.", person=who,
                  what=_triage_detail(lang, detail))
    if event == "breach":
        return tr(lang, "⛔ First answer target missed.") if detail == "answer" \
            else tr(lang, "⛔ Solution target missed.")
    if event == "unacknowledged":
        return tr(lang, "⚠️ Nobody acknowledged it through the whole escalation policy.")
    return shown(event, 100)


def note_message(c: ComplaintView, p: dict[str, Any]) -> dict[str, Any]:
    """A threaded reply under the complaint's first message."""
    text = note_text(c, p["event"], p.get("actor") or "", p.get("target"), p.get("detail"),
                     int(p.get("check_back_hours") or 24), p.get("lang") or "en")
    return {"thread_ts": p["thread_ts"], "text": text, "blocks": [section(text)]}


def alert_message(c: ComplaintView, clock: str, level: str, lang: str = "en") -> dict[str, Any]:
    """An SLA warning to the owner (80% of the target) or a breach to the lead."""
    if level == "warning":
        # The share is a value: "80% of" would read as a printf placeholder to gettext.
        head = tr(lang, "⏳ {share} of the first-answer time has passed", share="80%") \
            if clock == "answer" else \
            tr(lang, "⏳ {share} of the solution time has passed", share="80%")
    else:
        owner = f"<@{c.owner_id}>"
        head = tr(lang, "⛔ The first-answer target was missed (owner {owner})", owner=owner) \
            if clock == "answer" else \
            tr(lang, "⛔ The solution target was missed (owner {owner})", owner=owner)
    blocks = complaint_card(c, f"*{head}*", lang)
    if c.status != "resolved":
        blocks.append(owner_controls(c, lang))
    return {"text": notice(tr(lang, "Complaint #{number}: {head}", number=c.number, head=head)),
            "blocks": blocks}


def check_back_message(c: ComplaintView, lang: str = "en") -> dict[str, Any]:
    """The owner's check-back: ask the customer, then record the answer."""
    head = tr(lang, "📞 Check back with *{customer}*: are they satisfied with how complaint "
              "#{number} was solved?", customer=shown(c.customer, 100), number=c.number)
    value = str(c.id)
    blocks = [section(head), *complaint_card(c, lang=lang)[0:1],
              actions(button(tr(lang, "Satisfied"), ids.COMPLAINT_SATISFIED, value, "primary"),
                      button(tr(lang, "Not satisfied"), ids.COMPLAINT_NOT_SATISFIED, value,
                             "danger"),
                      block_id=f"complaint_check:{c.id}")]
    return {"text": notice(tr(lang, "Check back with {customer} about complaint #{number}",
                              customer=shown(c.customer, 100), number=c.number)),
            "blocks": blocks}


def refusal(lang: str, outcome: ComplaintOutcome) -> str:
    """Why a request about a complaint was refused, from its reason code (older payloads
    carried the English sentence itself, shown as it is)."""
    code = outcome.message or ""
    if code not in REFUSALS:
        return shown(code or tr(lang, "The complaint could not be raised."), 500)
    c = outcome.complaint
    status = word(lang, STATUS, c.status) if c else ""
    return tr(lang, REFUSALS[code], number=c.number if c else "", status=status,
              owner=mention(c.owner_id) if c else "")


def raised_message(outcome: ComplaintOutcome, lang: str = "en") -> dict[str, Any]:
    """The answer to whoever raised it: number, owner, suggested category and priority."""
    c = outcome.complaint
    if outcome.status == "usage":
        return {"text": t(lang, "complaint_usage_title"),
                "blocks": [section(t(lang, "complaint_usage"))]}
    if c is None or outcome.status not in ("raised", "duplicate", "triaged"):
        text = refusal(lang, outcome)
        return {"text": notice(text), "blocks": [section(text)]}
    head = tr(lang, "Complaint #{number} raised for *{customer}*, routed to {owner}.",
              number=c.number, customer=shown(c.customer, 100), owner=mention(c.owner_id))
    blocks: list[dict[str, Any]] = [
        section(head), triage_controls(c, lang),
        context(tr(lang, "Category and priority were suggested from the text; change them "
                         "here."))]
    if outcome.suggestions:
        names = ", ".join(shown(n, 60) for n in outcome.suggestions)
        blocks.append(context(tr(lang, "No customer file is called that (closest: {names}); "
                                 "the complaint keeps the name as typed.", names=names)))
    return {"text": notice(tr(lang, "Complaint #{number} raised, routed to {owner}",
                              number=c.number, owner=mention(c.owner_id))),
            "blocks": blocks}


def changed_message(outcome: ComplaintOutcome, check_back_hours: int = 24,
                    lang: str = "en") -> dict[str, Any]:
    """What replaces a complaint DM after a button: the card as it is now."""
    c = outcome.complaint
    if c is None:
        text = refusal(lang, outcome)
        return {"text": notice(text), "blocks": [section(text)]}
    heads = {
        "acknowledged": lambda: tr(lang, "✅ You acknowledged it and own it now."),
        "resolved": lambda: tr(lang, "🏁 Resolved. You will be asked to check back in {n} h.",
                               n=check_back_hours),
        "reassigned": lambda: tr(lang, "↪️ Reassigned to {owner}.", owner=mention(c.owner_id)),
        "satisfied": lambda: tr(lang, "😊 Recorded: the customer is satisfied."),
        "reopened": lambda: tr(lang, "🔁 Recorded: not satisfied. The complaint is open again."),
    }
    said = heads.get(outcome.status)
    head = said() if said else refusal(lang, outcome)
    blocks = complaint_card(c, head, lang)
    if c.status != "resolved":
        blocks.append(owner_controls(c, lang))
    return {"text": notice(tr(lang, "Complaint #{number}: {head}", number=c.number, head=head)),
            "blocks": blocks}


def since(c: ComplaintView, lang: str = "en") -> str:
    """When it was raised, in the complaint's zone."""
    return when(c.created_at, "time", c.tz, lang)
