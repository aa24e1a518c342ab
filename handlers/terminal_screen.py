"""What the terminal shell shows: messages as text, their buttons and menus numbered."""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass, field
from typing import Any, TextIO


@dataclass
class Button:
    action_id: str
    value: str
    label: str
    message_key: str
    block_id: str
    in_form: bool = False
    menu: bool = False


@dataclass
class Form:
    view: dict[str, Any]


@dataclass
class Screen:
    """What the shell shows: messages with numbered buttons, and forms to fill in."""

    out: TextIO
    me: str = ""  # who is at the keyboard (`/as` changes it); messages to others are labelled
    buttons: dict[int, Button] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def show(self, who: str, body: dict[str, Any], message_key: str,
             in_form: bool = False) -> None:
        lines = [f"[{who}]"]
        with self.lock:
            fallback = [{"type": "section", "text": {"text": body.get("text", "")}}]
            for block in body.get("blocks") or fallback:
                if block.get("type") != "input":
                    lines += self._block(block, message_key, in_form)
            self.out.write("\n".join(lines) + "\n")
            self.out.flush()

    def say(self, text: str) -> None:
        with self.lock:
            self.out.write(text + "\n")
            self.out.flush()

    def _block(self, block: dict[str, Any], message_key: str, in_form: bool) -> list[str]:
        kind = block.get("type")
        if kind in ("section", "context"):
            parts = [block.get("text")] if kind == "section" else block.get("elements", [])
            lines = ["  " + _plain(str(p.get("text", ""))).replace("\n", "\n  ")
                     for p in parts if isinstance(p, dict)]
            accessory = block.get("accessory") or {}
            if accessory.get("type") == "button":
                lines.append("  " + self._button(accessory, block, message_key, in_form))
            return lines
        if kind == "actions":
            labels = []
            for element in block.get("elements", []):
                if element.get("type") == "static_select":
                    labels.append(self._menu(element, block, message_key))
                else:
                    labels.append(self._button(element, block, message_key, in_form))
            return ["  " + "  ".join(labels)]
        return []

    def _button(self, element: dict[str, Any], block: dict[str, Any], message_key: str,
                in_form: bool) -> str:
        number = len(self.buttons) + 1
        label = str(element.get("text", {}).get("text", ""))
        self.buttons[number] = Button(element["action_id"], str(element.get("value", "")),
                                      label, message_key, str(block.get("block_id", "")),
                                      in_form)
        return f"[{number}] {label}"

    def _menu(self, element: dict[str, Any], block: dict[str, Any], message_key: str) -> str:
        """A menu in a message: one numbered choice per option."""
        name = str(element.get("placeholder", {}).get("text", "choose"))
        choices = []
        for option in element.get("options", []):
            number = len(self.buttons) + 1
            label = str(option["text"]["text"]).removeprefix(f"{name}: ")
            self.buttons[number] = Button(element["action_id"], str(option["value"]), label,
                                          message_key, str(block.get("block_id", "")),
                                          menu=True)
            choices.append(f"[{number}] {label}")
        return f"{name}: " + " ".join(choices)


# Slack's date token (<!date^UNIX^{date_short_pretty} {time}|fallback>): a terminal has no
# reader's zone to show it in, so it shows the fallback, written in the team's zone.
_DATE_TOKEN = re.compile(r"<!date\^\d+\^[^|<>]*\|([^<>]*)>")


def _plain(mrkdwn: str) -> str:
    # The text was escaped for Slack; a terminal shows it literally, minus the markup stars.
    return html.unescape(_DATE_TOKEN.sub(r"\1", mrkdwn)).replace("*", "")
