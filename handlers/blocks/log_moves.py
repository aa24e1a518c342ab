"""What a log's reply says about the moves it made (or its Undo took back), and the
Raise complaint offer under a log that reads as a complaint."""

from __future__ import annotations

from bot.catalog import N_, tr
from bot.domain.classification import AXIS_NAMES, display
from bot.domain.language import is_chinese
from bot.services.views import FollowUpView
from handlers import ids
from handlers.blocks.text import button, shown

TAKEN_BACK = N_("Taken back:")
RAISE = N_("Raise complaint")
COMPLAINT = N_("This reads like a complaint. *Raise complaint* hands it to whoever is on duty; "
               "it is your choice.")


def move_lines(fu: FollowUpView, lang: str) -> list[str]:
    """One line per move, in the log's language: `Stage: negotiating → won`, `阶段：谈判 → 成交`."""
    lines = []
    for axis, old, new in fu.moved:
        names = AXIS_NAMES.get(axis, (axis, axis))
        label = names[1] if is_chinese(lang) else names[0].capitalize()
        lines.append(tr(lang, "{axis}: {old} → {new}", axis=shown(label, 40),
                        old=shown(display(axis, old, lang), 40),
                        new=shown(display(axis, new, lang), 40)))
    if lines and fu.status == "undone":
        lines.insert(0, tr(lang, TAKEN_BACK))
    return lines


def raise_complaint_button(fu: FollowUpView, lang: str) -> dict[str, object] | None:
    """Raise complaint, under a recorded log that reads as one."""
    if not fu.complaint:
        return None
    return button(tr(lang, RAISE), ids.LOG_RAISE_COMPLAINT, str(fu.id))


def complaint_note(lang: str) -> str:
    """Why the reply offers Raise complaint."""
    return tr(lang, COMPLAINT)
