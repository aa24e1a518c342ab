"""The rep's morning message: every log still asking "which customer?", each asked once."""

from __future__ import annotations

from typing import Any

from bot.catalog import trn
from bot.domain.language import log_language
from bot.services.views import FollowUpView
from handlers.blocks.i18n import language_of, t
from handlers.blocks.logs import question_blocks
from handlers.blocks.text import context, notice, section

# The block_id prefix of a question's buttons in this message: answering one answers below
# it instead of replacing the message, which still holds the other questions.
ASKED = "asked"


def open_questions_message(questions: list[tuple[FollowUpView, tuple[tuple[int, str], ...]]],
                           more: int, lang: str | None = None) -> dict[str, Any]:
    """One message listing each waiting log once, with its question's buttons: its heading
    in the rep's language (a payload queued before it carried one: the first log's), each
    question in its log's."""
    lang = lang or (language_of(questions[0][0].raw_text) if questions else "en")
    count = len(questions) + more
    head = trn(lang, "Still to answer: which customer? ({n} log of yours)",
               "Still to answer: which customer? ({n} of your logs)", count)
    blocks: list[dict[str, Any]] = [section(f"*{head}*"),
                                    context(t(lang, "questions_why"))]
    for fu, choices in questions:
        blocks += [{"type": "divider"}, *question_blocks(
            fu, choices, log_language(lang, fu.raw_text), f"{ASKED}:{fu.id}")]
    if more:
        blocks.append(context(trn(lang, "…and {n} older one, asked as these are answered.",
                                  "…and {n} older ones, asked as these are answered.", more)))
    return {"text": notice(head), "blocks": blocks}
