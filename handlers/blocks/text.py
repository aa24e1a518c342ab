"""Showing user text safely and times readably in Block Kit."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_skeleton

from bot.catalog import babel_locale, day_words, tr
from bot.domain.storable import each_string
from handlers.blocks.i18n import t

# Slack's own limits: section text 3,000 characters, a message's text 40,000, 50 blocks.
SECTION_LIMIT = 3000
BUTTON_TEXT_LIMIT = 75
MESSAGE_TEXT_LIMIT = 3000  # the notification text beside blocks; Slack cuts at 40,000
# C0/C1 controls (newline and tab stay), bidi embeddings, overrides, isolates and marks, and
# lone surrogates (JSON can carry them; UTF-8 cannot): they reorder or hide what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")
_USER_ID = re.compile(r"[UWB][A-Z0-9]{2,30}")
_PARTIAL_MARKUP = re.compile(r"(&[a-z]{0,3}|<[^>]{0,200})$")  # an entity or a link cut open


def clean(text: str) -> str:
    """Text without control, bidi or lone-surrogate characters (newline and tab kept)."""
    return _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def clean_payload(value: Any) -> Any:
    """Every string of a payload cleaned: the last guard before anything leaves for Slack."""
    return each_string(value, clean)


def cut(text: str, limit: int) -> str:
    """`text` within `limit` characters, an ellipsis marking a cut that does not split an
    emoji sequence or a letter from its accent (within a few characters; a longer cluster
    is cut anyway)."""
    if len(text) <= limit:
        return text
    end = limit - 1
    for _ in range(16):
        if end <= 0 or not _joined(text[end - 1], text[end]):
            break
        end -= 1
    return text[:end].rstrip() + "…"


def _joined(before: str, after: str) -> bool:
    return (before == "\u200d" or after == "\u200d"
            or unicodedata.category(after) in ("Mn", "Me", "Mc")
            or "\ufe00" <= after <= "\ufe0f" or "\U0001f3fb" <= after <= "\U0001f3ff"
            or "\U000e0020" <= after <= "\U000e007f")


def cut_mrkdwn(markdown: str, limit: int) -> str:
    """Escaped text within `limit`, never ending in half an entity or half a mention."""
    if len(markdown) <= limit:
        return markdown
    return _PARTIAL_MARKUP.sub("", cut(markdown, limit)[:-1]).rstrip() + "…"


def mention(user_id: str | None) -> str:
    """A mention of a Slack user id; anything that is not one is shown as text instead."""
    if user_id and _USER_ID.fullmatch(user_id):
        return f"<@{user_id}>"
    return shown(user_id or "?", 40)


def escape(text: str) -> str:
    """User text made inert for mrkdwn: no mentions, no @channel, no disguised links."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shown(text: str | None, limit: int = 300) -> str:
    """User text for mrkdwn: cleaned, trimmed to `limit`, escaped."""
    if not text:
        return ""
    return escape(cut(clean(text).strip(), limit))


def plain(text: str, limit: int = BUTTON_TEXT_LIMIT) -> str:
    """Text for plain_text fields (buttons, options, titles): Slack shows it literally, so it
    is cleaned and cut, never escaped."""
    return cut(" ".join(clean(text).split()), limit)


def plain_block(text: str, limit: int) -> str:
    """Longer plain text that keeps its lines (a modal's quote, an input's initial value)."""
    return cut(clean(text), limit)


def notice(text: str) -> str:
    """A message's top-level text (notifications, screen readers): mrkdwn like any text, so
    it is composed from `shown` parts; only its length is kept here."""
    return cut_mrkdwn(text, MESSAGE_TEXT_LIMIT)


def day_text(day: date, lang: str, *, year: bool = True, weekday: bool = True) -> str:
    """A calendar day in the reader's language (bot.catalog.day_words)."""
    return day_words(day, lang, year=year, weekday=weekday)


def weekday_text(day: date, lang: str) -> str:
    """A day's short weekday name: "Fri", "周五", "週五"."""
    return format_skeleton("E", datetime.combine(day, datetime.min.time()),
                           locale=babel_locale(lang))


def clock_text(at: datetime, lang: str) -> str:
    """A time of day as the reader's language writes it ("15:00")."""
    return format_skeleton("Hm", at.replace(tzinfo=None), locale=babel_locale(lang))


def moment_text(at: datetime, lang: str, tz: str) -> str:
    """A past moment in the zone `tz`: "3 Dec 14:05" in English, "12月3日 14:05" in Chinese,
    the day as Babel's locale writes it (English keeps the day first, as the bot's other
    dates do)."""
    locale = babel_locale(lang)
    local = (at if at.tzinfo else at.replace(tzinfo=ZoneInfo("UTC"))).astimezone(ZoneInfo(tz))
    day = "d MMM" if locale.language == "en" else locale.datetime_skeletons["MMMd"].pattern
    return format_datetime(local, f"{day} HH:mm", locale=locale)


def reader_time(at: datetime, lang: str, tz: str) -> str:
    """When something happened, for a person reading in Slack: Slack's date token, which
    each reader's client shows in their own zone ("Dec 3 14:05", "Yesterday 14:05"), with
    `moment_text` in the team's zone `tz` as its fallback (notifications, the shell, a client
    that cannot show the token). Not for a due time (`when`), nor for what a channel reads
    as plain text (the review's --print)."""
    stamp = int((at if at.tzinfo else at.replace(tzinfo=ZoneInfo("UTC"))).timestamp())
    return f"<!date^{stamp}^{{date_short_pretty}} {{time}}|{moment_text(at, lang, tz)}>"


def when(due: datetime | None, precision: str | None, tz: str, lang: str = "en") -> str:
    """A due time as the user reads it, in the zone it was set in: "Fri, 27 Nov 2026 15:00
    (Europe/Berlin)", "2026年11月27日周五 15:00（Asia/Shanghai）". The zone is named rather than
    given to Slack's `<!date^…>` token, which would show the reader's own zone: a promise
    is made in the zone of the person who made it ("call at 3pm" is 3pm there)."""
    if due is None:
        return t(lang, "no_due_time")
    local = due.astimezone(ZoneInfo(tz))
    day = day_text(local.date(), lang)
    if precision != "day":
        day = f"{day} {clock_text(local, lang)}"
    return tr(lang, "{day} ({zone})", day=day, zone=tz)


def section(markdown: str) -> dict[str, object]:
    """A mrkdwn section block, its text kept inside Slack's limit."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": cut_mrkdwn(markdown,
                                                                            SECTION_LIMIT)}}


def context(markdown: str) -> dict[str, object]:
    return {"type": "context", "elements": [{"type": "mrkdwn",
                                                  "text": cut_mrkdwn(markdown, SECTION_LIMIT)}]}


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
