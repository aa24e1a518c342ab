"""Care dates' and the brief's words in English and Chinese (merged into"""

from __future__ import annotations

from bot.catalog import N_

CARE: dict[str, str] = {
    "care_birthday": N_("Birthday"),
    "care_anniversary": N_("Company anniversary"),
    "care_renewal": N_("Contract renewal"),
    "care_named": N_("Key date"),
    "care_recorded": N_("📅 Recorded: {what} — a yearly reminder comes ahead of it."),
    "care_of": N_("{what} of {who}"),
    "care_card": N_("📅 Key dates: {dates}"),
    "brief_head": N_("Before you call"),
    "brief_last": N_("Last contact {when}: {text}"),
    "brief_no_contact": N_("No contact logged yet"),
    "brief_needs": N_("Needs: {text}"),
    "brief_objection": N_("Last objection: {text}"),
    "brief_unhappy": N_("⚠️ Dissatisfied at the last revisit ({score}/5){reason}"),
    "brief_complaints": N_("🔴 Open complaints ({n}): {text}"),
    "brief_revisit": N_("Next revisit: {step} on {when}"),
}
