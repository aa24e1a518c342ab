"""The customer file's fields on the card: what is filled in, tags, what is missing."""

from __future__ import annotations

from typing import Any

from bot.domain.customer_form import KIND_LABELS, LABELS, SOURCE_LABELS
from bot.services.views import CustomerView
from handlers.blocks.text import context, section, shown, when

# Shown on the card in this order; phone and e-mail are in the heading (or hidden).
CARD_FIELDS = ("kind", "industry", "size", "occupation", "contact_person", "contact_title",
               "source_channel", "first_contact", "needs")


def file_blocks(view: CustomerView) -> list[dict[str, Any]]:
    """The file's fields, its tags, last contact, and the required fields still missing."""
    values = dict(view.fields)
    if "kind" in values:
        values["kind"] = KIND_LABELS.get(values["kind"], values["kind"])
    if "source_channel" in values:
        values["source_channel"] = SOURCE_LABELS.get(values["source_channel"],
                                                     values["source_channel"])
    lines = [f"*{LABELS[f]}:* {shown(values[f], 500 if f == 'needs' else 150)}"
             for f in CARD_FIELDS if values.get(f)]
    tags = " ".join(f"`{shown(t, 60)}`" for t in view.tags) or "none"
    last = when(view.last_contact, "day", "UTC").split(" (")[0] if view.last_contact \
        else "never"
    lines.append(f"*Tags:* {tags} · *Last contact:* {last}")
    blocks: list[dict[str, Any]] = [section("\n".join(lines))]
    if view.missing:
        blocks.append(context("⚠️ Incomplete file, missing: " + ", ".join(view.missing)
                              + ". *Edit* fills it in."))
    return blocks
