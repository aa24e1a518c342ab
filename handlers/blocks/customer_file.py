"""The customer file's fields on the card: what is filled in, tags, what is missing."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from babel.dates import format_date

from bot.catalog import babel_locale, tr
from bot.domain.customer_form import KIND_LABELS, LABELS, SOURCE_LABELS
from bot.services.views import CustomerView
from handlers.blocks.text import context, section, shown, when

# Shown on the card in this order; phone and e-mail are in the heading (or hidden).
CARD_FIELDS = ("kind", "industry", "size", "occupation", "contact_person", "contact_title",
               "source_channel", "first_contact", "needs")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def file_blocks(view: CustomerView, lang: str = "en") -> list[dict[str, Any]]:
    """The file's fields, its tags, last contact, and the required fields still missing."""
    values = {f: shown(v, 500 if f == "needs" else 150) for f, v in view.fields.items()}
    if DAY.fullmatch(view.fields.get("first_contact") or ""):  # a day, not an ISO string
        values["first_contact"] = format_date(date.fromisoformat(view.fields["first_contact"]),
                                              "medium", locale=babel_locale(lang))
    for field, labels in (("kind", KIND_LABELS), ("source_channel", SOURCE_LABELS)):
        if view.fields.get(field) in labels:
            values[field] = tr(lang, labels[view.fields[field]])
    lines = [tr(lang, "*{field}:* {value}", field=tr(lang, LABELS[f]), value=values[f])
             for f in CARD_FIELDS if values.get(f)]
    tags = " ".join(f"`{shown(t, 60)}`" for t in view.tags) or tr(lang, "none")
    last = when(view.last_contact, "day", "UTC", lang).split(" (")[0].split("（")[0] \
        if view.last_contact else tr(lang, "never")
    lines.append(tr(lang, "*Tags:* {tags} · *Last contact:* {last}", tags=tags, last=last))
    blocks: list[dict[str, Any]] = [section("\n".join(lines))]
    if view.missing:
        blocks.append(context(tr(lang, "⚠️ Incomplete file, missing: {fields}. *Edit* fills it "
                                       "in.", fields=", ".join(tr(lang, m) for m in view.missing))))
    return blocks
