"""The shared pool in Slack: /pool's list with Claim, the answers to claims and
reassignments, the warning and return DMs, the lead's more-time request, the new owner's
briefs, and a customer's ownership history in words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.catalog import trn
from bot.domain.classification import LIKELIHOOD, STAGE, TIER
from bot.services.pool.claiming import PooledRow, PoolList
from bot.services.pool.views import PoolAnswer
from bot.services.views import EventView
from handlers import ids
from handlers.blocks.classes import class_word
from handlers.blocks.i18n import t
from handlers.blocks.problems import problems_text
from handlers.blocks.text import (
    actions,
    button,
    context,
    mention,
    notice,
    reader_time,
    section,
    shown,
    when,
)


def _at(moment: datetime | None, tz: str, lang: str) -> str:
    return when(moment, "time", tz, lang)


def _reason(code: str | None, lang: str) -> str:
    return t(lang, f"reason_{code}") if code in _REASONS else shown(code or "—", 40)


_EVENTS = ("claim", "return", "reassign", "share", "unshare", "warn")
_REASONS = ("protection_ended", "no_contact", "lead", "handover", "more_time", "pool", "shared",
            "after_sale", "win_undone")


def pool_list_message(found: PoolList) -> dict[str, Any]:
    """The team's pooled prospects with a Claim button each, or why there are none."""
    lang = found.lang
    if found.status == "invalid":
        problems = "\n".join(f"• {p}" for p in problems_text(lang, found.problems))
        return {"text": t(lang, "pool_invalid"),
                "blocks": [section(t(lang, "pool_invalid") + "\n" + problems),
                           context(t(lang, "pool_usage"))]}
    if found.status == "no_team":
        return {"text": t(lang, "pool_no_team"), "blocks": [section(t(lang, "pool_no_team"))]}
    team = shown(found.team, 100)
    if not found.rows:
        return {"text": t(lang, "pool_empty", team=team),
                "blocks": [section(t(lang, "pool_empty", team=team))]}
    head = t(lang, "pool_head", team=team, n=str(len(found.rows)))
    blocks: list[dict[str, Any]] = [section(head)]
    for row in found.rows:  # 20 rows at most: within Slack's 50 blocks
        block = section(_row(row, found.tz, lang))
        block["accessory"] = button(t(lang, "claim_btn"), ids.POOL_CLAIM, str(row.id), "primary")
        blocks.append(block)
    if found.more:
        blocks.append(context(t(lang, "pool_more")))
    return {"text": notice(head), "blocks": blocks}


def _row(row: PooledRow, tz: str, lang: str) -> str:
    tags = " ".join(f"`{shown(tag, 40)}`" for tag in row.tags[:6])
    industry = f" · {shown(row.industry, 60)}" if row.industry else ""
    text = t(lang, "pool_row", name=shown(row.name, 100), stage=class_word(STAGE, row.stage, lang),
             tier=class_word(TIER, row.value_tier, lang), industry=industry,
             likelihood=class_word(LIKELIHOOD, row.likelihood, lang),
             since=when(row.in_pool_since, "day", tz, lang), reason=_reason(row.reason, lang))
    return text + (f" · {tags}" if tags else "")


def pool_answer_message(a: PoolAnswer) -> dict[str, Any]:
    """The answer to a claim, a reassignment, a handover or a warning's button."""
    lang = a.lang
    values = {"customer": shown(a.customer or "", 200), "who": mention(a.who),
              "at": _at(a.at, a.tz, lang), "limit": str(a.limit or 0), "count": str(a.count),
              "people": ", ".join(mention(p) for p in a.people)}
    key = a.status
    if key == "taken" and a.who is None:
        key = "taken_nobody"
    if key == "assigned":
        values["previous"] = t(lang, "assigned_from", **values) if a.people else ""
    if key == "handed_over" and a.count == 0:
        key = "handed_over_none"
    text = t(lang, key, **values)
    if a.status == "handed_over" and a.limit:
        text += t(lang, "handed_over_left", **values)
    return {"text": notice(text), "blocks": [section(text)]}


def pool_warning_message(p: dict[str, Any]) -> dict[str, Any]:
    """The owner's warning before a prospect returns, with its two buttons."""
    lang = p.get("lang") or "en"
    blocks = warning_blocks(p, p.get("tz") or "UTC", lang)
    return {"text": notice(blocks[0]["text"]["text"]), "blocks": blocks}


def warning_blocks(p: dict[str, Any], tz: str, lang: str) -> list[dict[str, Any]]:
    """One prospect about to return (its warning DM, the owner's morning message): when and
    why, with Log a follow-up and Ask the lead for more time."""
    extra = t(lang, "warning_no_contact") if p.get("reason") == "no_contact" else ""
    text = t(lang, "warning", customer=shown(p["customer"], 200), extra=extra,
             at=_at(datetime.fromisoformat(p["until"]), tz, lang),
             reason=_reason(p.get("reason"), lang))
    cid = str(p["customer_id"])
    return [section(text),
            actions(button(t(lang, "log_btn"), ids.POOL_LOG, cid, "primary"),
                    button(t(lang, "more_time_btn"), ids.POOL_ASK_TIME, cid),
                    block_id=f"pool_warning:{cid}")]


def pool_returned_message(p: dict[str, Any]) -> dict[str, Any]:
    """The former owner's notice that a prospect went back to the pool, and why."""
    lang = p.get("lang") or "en"
    text = t(lang, "returned", customer=shown(p["customer"], 200),
             team=shown(p.get("team") or "—", 100), reason=_reason(p.get("reason"), lang))
    return {"text": notice(text), "blocks": [section(text)]}


def pool_more_time_message(p: dict[str, Any]) -> dict[str, Any]:
    """The lead's DM: an owner asks for more time, with the button that gives it."""
    lang = p.get("lang") or "en"
    text = t(lang, "more_time_request", owner=mention(p.get("owner")),
             customer=shown(p["customer"], 200),
             at=_at(datetime.fromisoformat(p["until"]), p.get("tz") or "UTC", lang))
    cid = str(p["customer_id"])
    return {"text": notice(text), "blocks": [
        section(text), actions(button(t(lang, "give_time_btn"), ids.POOL_GIVE_TIME, cid,
                                      "primary"), block_id=f"pool_more_time:{cid}")]}


def pool_assigned_message(p: dict[str, Any]) -> dict[str, Any]:
    """The new owner's DM: which customers are theirs now, with a brief of each."""
    lang = p.get("lang") or "en"
    briefs = list(p.get("customers") or ())
    n = len(briefs) + int(p.get("more") or 0)
    previous = t(lang, "assigned_dm_from", who=mention(p["from"])) if p.get("from") else ""
    reason = p.get("reason") if p.get("reason") in ("more_time", "handover", "after_sale",
                                                     "win_undone") \
        else "lead"
    by = mention(p.get("by"))
    if reason == "lead":
        head = trn(lang, "{by} gave you {n} customer{previous}:",
                   "{by} gave you {n} customers{previous}:", n, by=by, previous=previous)
    elif reason == "handover":
        head = trn(lang, "{by} handed you {n} customer{previous}:",
                   "{by} handed you {n} customers{previous}:", n, by=by, previous=previous)
    else:
        head = t(lang, f"assigned_dm_{reason}", by=by, n=n, previous=previous)
    lines = [t(lang, "brief", name=shown(b.get("name"), 100),
               stage=class_word(STAGE, b.get("stage"), lang),
               tier=class_word(TIER, b.get("tier"), lang),
               likelihood=class_word(LIKELIHOOD, b.get("likelihood"), lang)) for b in briefs]
    blocks = [section(head), section("\n".join(f"• {line}" for line in lines))]
    if p.get("more"):
        blocks.append(context(t(lang, "assigned_dm_more", n=str(p["more"]))))
    return {"text": notice(head), "blocks": blocks}


def pool_taken_back_message(p: dict[str, Any]) -> dict[str, Any]:
    """To the service rep a customer had passed to: its win was undone, it went back."""
    text = t(p.get("lang") or "en", "taken_back_dm", customer=shown(p.get("customer"), 200),
             by=mention(p.get("by")), owner=mention(p.get("owner")))
    return {"text": notice(text), "blocks": [section(text)]}


def ownership_blocks(events: tuple[EventView, ...], lang: str, tz: str = "UTC"
                     ) -> list[dict[str, Any]]:
    """A customer's claims, returns, reassignments and shares in words, newest first."""
    if not events:
        return []
    lines = [_event(e, lang, tz) for e in reversed(events[-30:]) if e.kind in _EVENTS]
    if not lines:
        return []
    return [section(t(lang, "history_ownership") + "\n" + "\n".join(lines))]


def _event(e: EventView, lang: str, tz: str) -> str:
    def who(user: str | None) -> str:
        return t(lang, "the_bot") if user == "bot" else mention(user)

    frm_part = t(lang, "event_from_part", frm=who(e.from_user)) if e.from_user else ""
    # A teammate's log put its author on the list: nobody shared it with them.
    kind = "logged" if e.kind == "share" and e.reason == "logged" else e.kind
    return t(lang, f"event_{kind}", at=reader_time(e.at, lang, tz), to=who(e.to_user),
             frm=who(e.from_user), actor=who(e.actor), reason=_reason(e.reason, lang),
             frm_part=frm_part, unworked=t(lang, "event_unworked") if e.unworked else "")
