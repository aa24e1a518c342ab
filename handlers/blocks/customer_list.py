"""The answer to /customers: a filtered list of customers, or how to filter."""

from __future__ import annotations

from typing import Any

from bot.domain.classification import STAGE, display
from bot.services.customers.listing import CustomerList, CustomerRow
from handlers import ids
from handlers.blocks.i18n import t
from handlers.blocks.text import button, context, section, shown, when

CUSTOMERS_USAGE = t("en", "customers_usage")


def customer_list_message(found: CustomerList, tz: str = "UTC") -> dict[str, Any]:
    """The matching customers with a count, or the problems and the usage."""
    if found.status != "list":
        problems = "\n".join(f"• {shown(p, 300)}" for p in found.problems)
        return {"text": "Filter not understood",
                "blocks": [section("I could not read that filter:\n" + problems),
                           context(CUSTOMERS_USAGE)]}
    if not found.rows:
        return {"text": "No customers match",
                "blocks": [section("No customers you can see match that."),
                           context("`/customers help` shows the filters.")]}
    head = f"*{found.total} customer{'s' if found.total != 1 else ''}*"
    blocks: list[dict[str, Any]] = [section(head)]
    for row in found.rows:  # one section each, with its Open button (20 rows: 20 blocks)
        block = section(_row(row, tz))
        block["accessory"] = button("Open", ids.CUSTOMER_OPEN, str(row.id))
        blocks.append(block)
    more = found.total - len(found.rows)
    if more > 0:
        blocks.append(context(f"…and {more} more. Add a filter (tag:, stage:, owner:) to "
                              "narrow the list."))
    return {"text": f"{found.total} customers", "blocks": blocks}


def _row(row: CustomerRow, tz: str) -> str:
    tags = " ".join(f"`{shown(t, 40)}`" for t in row.tags[:6])
    last = when(row.last_contact, "day", tz).split(" (")[0] if row.last_contact else "never"
    owner = t("en", "row_pooled") if row.pooled else f"<@{row.owner_id}>"
    if row.protected_until is not None and not row.pooled:
        owner += " · " + t("en", "row_protected", until=when(row.protected_until, "day", tz))
    return (f"*{shown(row.name, 100)}* · {owner} · "
            f"likelihood {display('likelihood', row.likelihood)} · "
            f"{display(STAGE, row.stage)} · tier {display('tier', row.value_tier)} · "
            f"last contact {last}"
            + (f" · {tags}" if tags else ""))
