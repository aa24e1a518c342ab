"""The answer to /customers: a filtered list of customers, or how to filter."""

from __future__ import annotations

from typing import Any

from bot.catalog import tr, trn
from bot.domain.classification import LIKELIHOOD, STAGE, TIER
from bot.services.customers.listing import CustomerList, CustomerRow
from handlers import ids
from handlers.blocks.classes import class_word
from handlers.blocks.i18n import t
from handlers.blocks.problems import problems_text
from handlers.blocks.text import button, context, section, shown, when


def customer_list_message(found: CustomerList, tz: str = "UTC") -> dict[str, Any]:
    """The matching customers with a count, or the problems and the usage."""
    lang = found.lang
    if found.status != "list":
        problems = "\n".join(f"• {p}" for p in problems_text(lang, found.problems))
        return {"text": tr(lang, "Filter not understood"),
                "blocks": [section(tr(lang, "I could not read that filter:") + "\n" + problems),
                           context(t(lang, "customers_usage"))]}
    if not found.rows:
        return {"text": tr(lang, "No customers match"),
                "blocks": [section(tr(lang, "No customers you can see match that.")),
                           context(tr(lang, "`/customers help` shows the filters."))]}
    head = trn(lang, "{n} customer", "{n} customers", found.total)
    blocks: list[dict[str, Any]] = [section(f"*{head}*")]
    for row in found.rows:  # one section each, with its Open button (20 rows: 20 blocks)
        block = section(_row(row, tz, lang))
        block["accessory"] = button(tr(lang, "Open"), ids.CUSTOMER_OPEN, str(row.id))
        blocks.append(block)
    more = found.total - len(found.rows)
    if more > 0:
        blocks.append(context(trn(
            lang, "…and {n} more. Add a filter (tag:, stage:, owner:) to narrow the list.",
            "…and {n} more. Add a filter (tag:, stage:, owner:) to narrow the list.", more)))
    return {"text": head, "blocks": blocks}


def _row(row: CustomerRow, tz: str, lang: str) -> str:
    tags = " ".join(f"`{shown(t, 40)}`" for t in row.tags[:6])
    last = when(row.last_contact, "day", tz, lang).split(" (")[0].split("（")[0] \
        if row.last_contact else tr(lang, "never")
    owner = t(lang, "row_pooled") if row.pooled else f"<@{row.owner_id}>"
    if row.protected_until is not None and not row.pooled:
        owner += " · " + t(lang, "row_protected", until=when(
            row.protected_until, "day", row.pool_tz or tz, lang))
    line = tr(lang, "*{name}* · {owner} · likelihood {likelihood} · {stage} · tier {tier} · "
                    "last contact {last}", name=shown(row.name, 100), owner=owner,
              likelihood=class_word(LIKELIHOOD, row.likelihood, lang),
              stage=class_word(STAGE, row.stage, lang), tier=class_word(TIER, row.value_tier,
                                                                         lang), last=last)
    return line + (f" · {tags}" if tags else "")
