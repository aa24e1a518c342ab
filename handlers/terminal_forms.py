"""Filling in a modal in the terminal shell: one prompt per input, as Slack would send it."""

from __future__ import annotations

from typing import Any

from handlers.terminal_input import ReadLine

CANCEL = "/cancel"


def ask_form(view: dict[str, Any], read: ReadLine) -> dict[str, Any] | None:
    """state.values for a modal, asked field by field (Enter keeps the value shown; a menu
    shows its options' labels, as Slack does, and takes an option's label or value); None at
    end of input or on /cancel."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        current = _current(element)
        options = [str(o["text"]["text"]) for o in element.get("options", [])]
        choices = f" ({' | '.join(options)})" if options else ""
        shown = str((element.get("initial_option") or {}).get("text", {}).get("text", current))
        line = read(f"  {block['label']['text']}{choices} [{shown}]: ")
        if line is None or line.strip() == CANCEL:
            return None
        typed = line.strip() or current
        values[block["block_id"]] = {element["action_id"]: element_state(element, typed)}
    return values


def _current(element: dict[str, Any]) -> str:
    if element.get("type") == "static_select":
        return str((element.get("initial_option") or {}).get("value", ""))
    if element.get("type") == "datepicker":
        return str(element.get("initial_date", ""))
    return str(element.get("initial_value", ""))


def element_state(element: dict[str, Any], typed: str) -> dict[str, Any]:
    """What Slack puts in state.values for an input of this kind holding `typed`."""
    kind = element.get("type")
    if kind == "static_select":
        if not typed:
            return {"type": kind, "selected_option": None}
        chosen = next((o for o in element.get("options", [])
                       if typed.casefold() in (str(o["value"]).casefold(),
                                               str(o["text"]["text"]).casefold())),
                      {"text": {"type": "plain_text", "text": typed}, "value": typed})
        return {"type": kind, "selected_option": chosen}
    if kind == "datepicker":
        return {"type": kind, "selected_date": typed or None}
    return {"type": "plain_text_input", "value": typed or None}


def keep_typed(view: dict[str, Any], values: dict[str, Any]) -> None:
    """Show what was typed as the form's values when it is asked again, as Slack does."""
    for block in view["blocks"]:
        typed = values.get(block.get("block_id", ""), {})
        for state in typed.values():
            element = block["element"]
            if state.get("value"):
                element["initial_value"] = state["value"]
            if state.get("selected_option"):
                element["initial_option"] = state["selected_option"]
            if state.get("selected_date"):
                element["initial_date"] = state["selected_date"]
