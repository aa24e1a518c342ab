"""The rep's morning message: every log still asking "which customer?", each asked once."""

from __future__ import annotations

from typing import Any

from bot.services.views import FollowUpView
from handlers.blocks.i18n import language_of, t
from handlers.blocks.logs import question_blocks
from handlers.blocks.text import context, notice, section

# The block_id prefix of a question's buttons in this message: answering one answers below
# it instead of replacing the message, which still holds the other questions.
ASKED = "asked"


def open_questions_message(questions: list[tuple[FollowUpView, tuple[tuple[int, str], ...]]],
                           more: int) -> dict[str, Any]:
    """One message listing each waiting log once, with its question's buttons."""
    lang = language_of(questions[0][0].raw_text) if questions else "en"
    count = len(questions) + more
    head = t(lang, "questions_head", n=str(count))
    blocks: list[dict[str, Any]] = [section(f"*{head}*"),
                                    context(t(lang, "questions_why"))]
    for fu, choices in questions:
        blocks += [{"type": "divider"}, *question_blocks(fu, choices, language_of(fu.raw_text),
                                               f"{ASKED}:{fu.id}")]
    if more:
        blocks.append(context(t(lang, "questions_more", n=str(more))))
    return {"text": notice(head), "blocks": blocks}
