"""Loss messages: "why was it lost?" after a move to lost, the morning's quiet customers with
Mark lost / Still active, the reason form, and the answers to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.services.losses.views import WIN_BACK, LossAnswer
from bot.services.views import TaskView
from handlers import ids
from handlers.blocks.i18n import MESSAGES, language_of, t
from handlers.blocks.text import actions, button, mention, notice, plain, section, shown, when

MAX_SHOWN = 10  # proposals in one message (each two blocks; Slack takes 50)


def loss_reason_label(reason: str | None, lang: str, *, markdown: bool = True) -> str:
    """A reason code in words; a team's own reason as written (escaped for mrkdwn unless
    it goes into plain text)."""
    key = f"ls_reason_{reason}"
    if key in MESSAGES:
        return t(lang, key)
    return shown(reason or "—", 60) if markdown else plain(reason or "—")


def loss_ask_message(p: dict[str, Any]) -> dict[str, Any]:
    """The question after a move to lost, with the button that opens the reason form."""
    lang = p.get("lang") or "en"
    text = t(lang, "ls_ask", customer=shown(p.get("customer"), 200))
    return {"text": notice(text), "blocks": [
        section(text),
        actions(button(t(lang, "ls_ask_btn"), ids.LOSS_REASON, f"{p['change_id']}:move",
                       "primary"), block_id=f"loss_ask:{p['change_id']}")]}


def loss_asked_message(p: dict[str, Any]) -> dict[str, Any]:
    """To the person who moved a customer to lost that it is not theirs: its owner was asked."""
    text = t(p.get("lang") or "en", "ls_asked_owner", customer=shown(p.get("customer"), 200),
             who=mention(p.get("owner")))
    return {"text": notice(text), "blocks": [section(text)]}


def win_back_button(task: TaskView, lang: str | None = None) -> dict[str, Any]:
    """Under a win-back task: the form that records why the customer left."""
    return button(t(lang or language_of(task.title), "ls_win_back_btn"), ids.LOSS_REASON,
                  f"{task.id}:{WIN_BACK}", "primary")


def loss_proposals_message(p: dict[str, Any]) -> dict[str, Any]:
    """The owner's morning list of quiet customers, each with Mark lost / Still active."""
    lang = p.get("lang") or "en"
    head = t(lang, "ls_proposals_head")
    blocks: list[dict[str, Any]] = [section(f"*{head}*")]
    for item in list(p.get("proposals") or ())[:MAX_SHOWN]:
        since = when(datetime.fromisoformat(item["since"]), "day", p.get("tz") or "UTC", lang)
        value = str(item["id"])
        blocks += [section(t(lang, "ls_proposal", customer=shown(item.get("customer"), 200),
                             since=since)),
                   actions(button(t(lang, "ls_mark_lost"), ids.LOSS_MARK_LOST, value, "danger"),
                           button(t(lang, "ls_still_active"), ids.LOSS_STILL_ACTIVE, value),
                           block_id=f"loss_proposal:{value}")]
    return {"text": notice(head), "blocks": blocks}


def loss_answer_message(a: LossAnswer) -> dict[str, Any]:
    """The answer to the reason form or a proposal's button."""
    said = loss_reason_label(a.reason, a.lang)
    if a.text:
        said = f"{said}; {shown(a.text, 500)}" if a.reason != "other" else shown(a.text, 500)
    text = t(a.lang, f"ls_{a.status}", customer=shown(a.customer or "", 200), reason=said,
             who=mention(a.answered_by))
    return {"text": notice(text), "blocks": [section(text)]}


def loss_reason_modal(p: dict[str, Any]) -> dict[str, Any]:
    """The reason form: one of the team's reasons, and words (required for "other")."""
    lang = str(p.get("lang") or "en")
    options = [{"text": {"type": "plain_text", "text": loss_reason_label(r, lang, markdown=False)},
                "value": str(r)[:150]} for r in p.get("reasons") or ()][:100]
    title = "ls_form_win_back_title" if p.get("kind") == WIN_BACK else "ls_form_title"
    return {
        "type": "modal", "callback_id": ids.VIEW_LOSS_REASON,
        "private_metadata": f"{p['record']}:{p['kind']}",
        "title": {"type": "plain_text", "text": plain(t(lang, title), 24)},
        "submit": {"type": "plain_text", "text": t(lang, "ls_form_save")},
        "close": {"type": "plain_text", "text": t(lang, "ls_form_cancel")},
        "blocks": [
            section(f"*{shown(str(p.get('customer') or ''), 100)}*\n" + t(lang, "ls_form_hint")),
            {"type": "input", "block_id": ids.FIELD_REASON,
             "label": {"type": "plain_text", "text": t(lang, "ls_form_reason")},
             "element": {"type": "static_select", "action_id": ids.FIELD_REASON,
                         "options": options}},
            {"type": "input", "block_id": ids.FIELD_REASON_TEXT, "optional": True,
             "label": {"type": "plain_text", "text": t(lang, "ls_form_text")},
             "element": {"type": "plain_text_input", "action_id": ids.FIELD_REASON_TEXT,
                         "multiline": True, "max_length": 2000}},
        ],
    }
