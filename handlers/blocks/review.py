"""The nightly review in the team channel: the parent message and each rep's thread reply."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.review import RepReview, TeamReview
from handlers import ids
from handlers.blocks import review_lines as lines
from handlers.blocks.i18n import t
from handlers.blocks.review_lines import Section, Style
from handlers.blocks.text import button, context, section, shown

MAX_BLOCKS = 50  # Slack's limit per message
DEAL_BLOCKS = 36  # deals shown one by one, each with its button; the rest are counted


def slack_style(lang: str) -> Style:
    """People as mentions, user text escaped for mrkdwn."""
    return Style(lang=lang, person=lambda user: f"<@{user}>",
                 text=lambda value, limit: shown(value, limit),
                 strong=lambda text: f"*{text}*")


def review_parent_message(review: TeamReview, reps: list[str], lang: str) -> dict[str, Any]:
    """The team's picture: the A-drought warning first, then deals, moves and overdue."""
    s = slack_style(lang)
    blocks: list[dict[str, Any]] = []
    warning = lines.drought(review, s)
    if warning:
        blocks.append(section(f":warning: *{warning}*"))
    blocks.append(section(f"*{lines.title(review, s)}*"))
    blocks.append(section(f"*{t(lang, 'rv_team')}*\n"
                          + "\n".join(f"• {line}" for line in lines.team_lines(review, s))))
    if reps:
        blocks.append(context(", ".join(f"<@{rep}>" for rep in reps) + " · "
                              + t(lang, "rv_reply_hint")))
    text = (warning + " " if warning else "") + lines.title(review, s)
    return {"text": text, "blocks": blocks}


def review_rep_message(rep: RepReview, timezone: str, lang: str) -> dict[str, Any]:
    """One rep's part: A deals first (each with Open), counts, moves, follow-ups, overdue,
    stalled deals (each with Open)."""
    s = slack_style(lang)
    heading = t(lang, "rv_rep_heading", person=f"<@{rep.user_id}>")
    blocks: list[dict[str, Any]] = [section(f"*{heading}*")]
    budget = DEAL_BLOCKS
    for part in lines.rep_sections(rep, ZoneInfo(timezone), s):
        if part.line is not None:
            blocks.append(context(part.line))
        elif part.items and part.title in (t(lang, "rv_a_deals"), t(lang, "rv_stalled")):
            budget = _deals(blocks, part, lang, budget)
        else:
            blocks.append(section(_listing(part, lang)))
    return {"text": heading, "blocks": blocks[:MAX_BLOCKS]}


def _listing(part: Section, lang: str) -> str:
    if not part.items:
        return f"*{part.title}*: {lines.none_word(lang)}"
    return f"*{part.title} ({part.size})*\n" + "\n".join(f"• {i}" for i in part.items)


def _deals(blocks: list[dict[str, Any]], part: Section, lang: str, budget: int) -> int:
    """Each deal as its own section with an Open button, while the budget lasts."""
    blocks.append(section(f"*{part.title} ({len(part.items)})*"))
    shown_here = part.items[:max(budget, 0)]
    for item, customer_id in zip(shown_here, part.customers, strict=False):
        block = section(f"• {item}")
        if customer_id is not None:
            block["accessory"] = button(t(lang, "rv_open_btn"), ids.REVIEW_OPEN_CUSTOMER,
                                        str(customer_id))
        blocks.append(block)
    rest = part.items[len(shown_here):]
    if rest:
        blocks.append(section("\n".join(f"• {i}" for i in rest)))
    return budget - len(shown_here)
