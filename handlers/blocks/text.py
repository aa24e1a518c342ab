"""Showing user text safely and times readably in Block Kit."""

from __future__ import annotations

import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.blocks.i18n import WEEKDAYS_ZH, t

# Slack's own limits: section text 3,000 characters, a message's text 40,000, 50 blocks.
SECTION_LIMIT = 3000
BUTTON_TEXT_LIMIT = 75


def escape(text: str) -> str:
    """User text made inert for mrkdwn: no mentions, no @channel, no disguised links."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shown(text: str | None, limit: int = 300) -> str:
    """User text escaped, with control characters dropped and trimmed to `limit`."""
    if not text:
        return ""
    visible = "".join(c if c in "\n\t" or unicodedata.category(c)[0] != "C" else " "
                      for c in text)
    visible = visible.strip()
    if len(visible) > limit:
        visible = visible[: limit - 1].rstrip() + "…"
    return escape(visible)


def plain(text: str, limit: int = BUTTON_TEXT_LIMIT) -> str:
    """Text for plain_text fields (buttons, options): no markup applies, only the length."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def when(due: datetime | None, precision: str | None, tz: str, lang: str = "en") -> str:
    """A due time as the user reads it: "Fri 27 Nov 2026 15:00 (Europe/Berlin)", or
    "2026年11月27日 周五 15:00（Asia/Shanghai）" in Chinese."""
    if due is None:
        return t(lang, "no_due_time")
    local = due.astimezone(ZoneInfo(tz))
    if lang == "zh":
        day = f"{local.year}年{local.month}月{local.day}日 {WEEKDAYS_ZH[local.weekday()]}"
        clock = "" if precision == "day" else f" {local:%H:%M}"
        return f"{day}{clock}（{tz}）"
    day = f"{local:%a} {local.day} {local:%b} {local.year}"
    if precision == "day":
        return f"{day} ({tz})"
    return f"{day} {local:%H:%M} ({tz})"


def section(markdown: str) -> dict[str, object]:
    """A mrkdwn section block, its text kept inside Slack's limit."""
    if len(markdown) > SECTION_LIMIT:
        markdown = markdown[: SECTION_LIMIT - 1] + "…"
    return {"type": "section", "text": {"type": "mrkdwn", "text": markdown}}


def context(markdown: str) -> dict[str, object]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": markdown[:SECTION_LIMIT]}]}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, object]:
    out: dict[str, object] = {"type": "button", "action_id": action_id, "value": value,
                              "text": {"type": "plain_text", "text": plain(label)}}
    if style:
        out["style"] = style
    return out


def actions(*elements: dict[str, object], block_id: str | None = None) -> dict[str, object]:
    out: dict[str, object] = {"type": "actions", "elements": list(elements)}
    if block_id:
        out["block_id"] = block_id
    return out


def message_link(channel: str, ts: str) -> str:
    """A link to a posted message (Slack opens it in the right workspace)."""
    return f"https://slack.com/archives/{channel}/p{ts.replace('.', '')}"
