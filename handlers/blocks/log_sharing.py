"""A log held because another team works its customer: what its author and the owner see."""

from __future__ import annotations

from typing import Any

from bot.services.views import FollowUpView
from handlers import ids
from handlers.blocks.i18n import t
from handlers.blocks.ownership import someone_elses
from handlers.blocks.text import actions, button, context, mention, notice, section, shown

STATUSES = ("needs_share", "share_asked", "share_request", "share_declined", "share_given",
            "share_refused")


def share_message(status: str, fu: FollowUpView, lang: str) -> dict[str, Any]:
    """The author's held log (with Ask to share), the owner's request (Share / Decline), and
    the answers that replace them."""
    names = {"customer": shown(fu.customer, 200), "owner": mention(fu.held_by),
             "author": mention(fu.author_id)}
    key = {"needs_share": "held", "share_asked": "asked", "share_request": "share_request",
           "share_declined": "declined", "share_given": "given",
           "share_refused": "refused"}[status]
    text = t(lang, key, **names)
    blocks = [section(f"{text}\n>{shown(fu.raw_text, 500)}")]
    if status in ("needs_share", "share_request") and fu.refused_moves:
        blocks.append(context(t(lang, "not_moved", moves=shown(", ".join(fu.refused_moves)))))
    if status == "needs_share":
        if fu.ownership is not None:  # protected until when, or in which pool
            blocks.append(context(someone_elses(fu.ownership, lang)))
        blocks.append(context(t(lang, "ask_hint", **names)))
        blocks.append(actions(button(t(lang, "ask_share_btn"), ids.LOG_ASK_SHARE, str(fu.id),
                                     "primary"),
                              button(t(lang, "edit"), ids.LOG_EDIT, str(fu.id)),
                              block_id=f"log:{fu.id}"))
    elif status == "share_request":
        blocks.append(actions(button(t(lang, "share_btn"), ids.LOG_SHARE, str(fu.id), "primary"),
                              button(t(lang, "decline_btn"), ids.LOG_DECLINE_SHARE, str(fu.id)),
                              block_id=f"share:{fu.id}"))
    return {"text": notice(text.replace("*", "")), "blocks": blocks}
