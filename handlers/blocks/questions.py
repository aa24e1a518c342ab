"""The rep's morning message: every log still asking "which customer?", each asked once, and
the rep's prospects about to return to the pool, each with its warning's buttons."""

from __future__ import annotations

from typing import Any

from bot.catalog import trn
from bot.domain.language import log_language
from bot.services.views import FollowUpView
from handlers.blocks.i18n import language_of, t
from handlers.blocks.logs import question_blocks
from handlers.blocks.pool import warning_blocks
from handlers.blocks.text import context, notice, section

# The block_id prefix of a question's buttons in this message: answering one answers below
# it instead of replacing the message, which still holds the other questions.
ASKED = "asked"
MAX_BLOCKS = 50  # Slack's limit for one message


def open_questions_message(questions: list[tuple[FollowUpView, tuple[tuple[int, str], ...]]],
                           more: int, lang: str | None = None, *,
                           returning: list[dict[str, Any]] | None = None,
                           returning_more: int = 0, tz: str = "UTC") -> dict[str, Any]:
    """One message listing each waiting log once, with its question's buttons: its heading
    in the rep's language (a payload queued before it carried one: the first log's), each
    question in its log's; then the prospects about to return, with their warning's buttons."""
    lang = lang or (language_of(questions[0][0].raw_text) if questions else "en")
    heads: list[str] = []
    later = _returning_blocks(returning or [], returning_more, tz, lang, heads)
    blocks: list[dict[str, Any]] = []
    if questions:
        count = len(questions) + more
        head = trn(lang, "Still to answer: which customer? ({n} log of yours)",
                   "Still to answer: which customer? ({n} of your logs)", count)
        heads.insert(0, head)
        blocks += [section(f"*{head}*"), context(t(lang, "questions_why"))]
    for n, (fu, choices) in enumerate(questions):
        asked = [{"type": "divider"}, *question_blocks(
            fu, choices, log_language(lang, fu.raw_text), f"{ASKED}:{fu.id}")]
        if len(blocks) + len(asked) + 2 + len(later) > MAX_BLOCKS:  # with "more", a divider
            more += len(questions) - n  # asked as these are answered
            break
        blocks += asked
    if more:
        blocks.append(context(trn(lang, "…and {n} older one, asked as these are answered.",
                                  "…and {n} older ones, asked as these are answered.", more)))
    if later and questions:
        blocks.append({"type": "divider"})
    return {"text": notice(" · ".join(heads)), "blocks": blocks + later}


def _returning_blocks(returning: list[dict[str, Any]], more: int, tz: str, lang: str,
                      heads: list[str]) -> list[dict[str, Any]]:
    if not returning:
        return []
    head = trn(lang, "About to return to the pool: {n} prospect of yours",
               "About to return to the pool: {n} of your prospects", len(returning) + more)
    heads.append(head)
    blocks = [section(f"*{head}*")]
    for prospect in returning:
        blocks += warning_blocks(prospect, tz, lang)
    if more:
        blocks.append(context(trn(lang, "…and {n} more, in its warning message.",
                                  "…and {n} more, each in its warning message.", more)))
    return blocks
