"""What a log's reply says about the moves it made (or its Undo took back), and the
Raise complaint offer under a log that reads as a complaint."""

from __future__ import annotations

from bot.domain.classification import AXIS_NAMES, display
from bot.services.views import FollowUpView
from handlers import ids
from handlers.blocks.text import button, shown

WORDS = {
    "en": {"taken_back": "Taken back:", "raise": "Raise complaint",
           "complaint": "This reads like a complaint. *Raise complaint* hands it to whoever is "
                        "on duty; it is your choice."},
    "zh": {"taken_back": "已撤回：", "raise": "提出投诉",
           "complaint": "这条记录像是一个投诉。点 *提出投诉* 会交给值班同事处理，"
                        "是否提出由你决定。"},
}


def _word(lang: str, key: str) -> str:
    return WORDS.get(lang, WORDS["en"])[key]


def move_lines(fu: FollowUpView, lang: str) -> list[str]:
    """One line per move, in the log's language: `Stage: negotiating → won`, `阶段：谈判 → 成交`."""
    colon = "：" if lang == "zh" else ": "
    lines = []
    for axis, old, new in fu.moved:
        names = AXIS_NAMES.get(axis, (axis, axis))
        label = names[1] if lang == "zh" else names[0].capitalize()
        lines.append(f"{shown(label, 40)}{colon}{shown(display(axis, old, lang), 40)} → "
                     f"{shown(display(axis, new, lang), 40)}")
    if lines and fu.status == "undone":
        lines.insert(0, _word(lang, "taken_back"))
    return lines


def raise_complaint_button(fu: FollowUpView, lang: str) -> dict[str, object] | None:
    """Raise complaint, under a recorded log that reads as one."""
    if not fu.complaint:
        return None
    return button(_word(lang, "raise"), ids.LOG_RAISE_COMPLAINT, str(fu.id))


def complaint_note(lang: str) -> str:
    """Why the reply offers Raise complaint."""
    return _word(lang, "complaint")
