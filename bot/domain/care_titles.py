"""What a care date's task says, in the owner's language: whose date, which day, how far
ahead (docs/revisits.md, "Care dates"). A task's title is data: it is written once, when the
task is made, in its owner's language then."""

from __future__ import annotations

from datetime import date

from bot.catalog import day_words, tr, trn
from bot.domain.care_dates import ANNIVERSARY, BIRTHDAY, RENEWAL


def care_task_title(kind: str, label: str, customer: str, occurrence: date, days_before: int,
                    lang: str) -> str:
    """"Birthday of Mr Li (Acme) on 5 Mar — in 3 days" / "王总(华为)生日 3月5日 — 还有 3 天"."""
    day = day_words(occurrence, lang, year=kind == RENEWAL, weekday=False)
    ahead = tr(lang, "today") if days_before == 0 else \
        trn(lang, "in {n} day", "in {n} days", days_before)
    if kind == BIRTHDAY:
        who = tr(lang, "{label} ({customer})", label=label, customer=customer) if label else \
            tr(lang, "the contact at {customer}", customer=customer)
        return tr(lang, "Birthday of {who} on {day} — {ahead}", who=who, day=day, ahead=ahead)
    if kind == ANNIVERSARY:
        return tr(lang, "Company anniversary of {customer} on {day} — {ahead}",
                  customer=customer, day=day, ahead=ahead)
    if kind == RENEWAL:
        return tr(lang, "Contract renewal of {customer} due {day} — {ahead}", customer=customer,
                  day=day, ahead=ahead)
    return tr(lang, "{what} of {customer} on {day} — {ahead}",
              what=label or tr(lang, "Key date"), customer=customer, day=day, ahead=ahead)
