"""A revisit's controls under its task, the answer that replaces its reminder, the reason
form, and /revisit's list and replies (English and Chinese)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.revisit_outcomes import OUTCOMES, REACHED
from bot.domain.revisit_titles import revisit_title
from bot.services.views import Outcome, RevisitNotes, RevisitView, TaskView
from handlers import ids
from handlers.blocks.i18n import MESSAGES, language_of, t
from handlers.blocks.problems import problems_text
from handlers.blocks.revisit_steps import purpose_text, step_words
from handlers.blocks.text import actions, button, context, notice, plain, section, shown, when

OUTCOME_WORDS = {"no_answer": "rv_no_answer", "wrong_number": "rv_wrong_number",
                 "call_back": "rv_call_back"}


def revisit_controls(task: TaskView, lang: str | None = None) -> dict[str, Any]:
    """Reached (a menu of the score), No answer, Wrong number, Call back later (in the
    reader's language; without one, the title's)."""
    lang = lang or language_of(task.title)
    value = f"{task.revisit_id}:{task.revisit_try}"
    options = [{"text": {"type": "plain_text", "text": plain(t(lang, f"rv_score_{n}"))},
                "value": f"{value}:{n}"} for n in (5, 4, 3, 2, 1)]
    score: dict[str, object] = {
        "type": "static_select", "action_id": ids.REVISIT_SCORE, "options": options,
        "placeholder": {"type": "plain_text", "text": plain(t(lang, "rv_reached"))}}
    return actions(score, *(button(t(lang, word), action_id, value)
                            for action_id, word in (
                                (ids.REVISIT_NO_ANSWER, "rv_no_answer"),
                                (ids.REVISIT_WRONG_NUMBER, "rv_wrong_number"),
                                (ids.REVISIT_CALL_BACK, "rv_call_back"))),
                   block_id=f"revisit:{task.revisit_id}")


def script_blocks(task: TaskView, lang: str | None = None) -> list[dict[str, Any]]:
    """The script to follow (the team's lines, else the default) and the customer's flag."""
    lang = lang or language_of(task.title)
    lines = "\n".join(shown(line, 300) for line in task.script) or t(lang, "rv_script")
    out = [context(f"*{t(lang, 'rv_script_head')}*\n{lines}")]
    if task.dissatisfied is not None:
        out.insert(0, context(t(lang, "rv_flag", score=str(task.dissatisfied))))
    return out


def reason_label(reason: str, lang: str) -> str:
    """A reason code in words; a team's own reason as written."""
    key = f"rv_reason_{reason}"
    return t(lang, key) if key in MESSAGES else reason


def _step(view: RevisitView, lang: str) -> str:
    return step_words(view.step, lang)


def revisit_changed_message(outcome: Outcome) -> dict[str, Any]:
    """What replaces a revisit's reminder once answered (or the refusal, below it)."""
    view = outcome.revisits[0] if outcome.revisits else None
    if view is None:
        text = _refused(outcome, outcome.language or "en")
        return {"text": notice(text), "blocks": [section(text)]}
    lang = view.language
    if outcome.status in ("revisit_repeat", "revisit_closed"):
        text = t(lang, "rv_repeat" if outcome.status == "revisit_repeat" else "rv_closed")
        return {"text": notice(text), "blocks": [section(text)]}
    customer = shown(view.customer, 100)
    blocks: list[dict[str, Any]] = []
    if view.status == "reached":
        key = "rv_done_scored" if view.score is not None else "rv_done_reached"
        head = t(lang, key, customer=customer, step=_step(view, lang),
                 score=str(view.score))
        blocks.append(section(head))
        words = "; ".join(w for w in (shown(reason_label(view.reason, lang), 60)
                                      if view.reason else None,
                                      shown(view.reason_text, 300)) if w)
        if words:
            blocks.append(context(t(lang, "rv_because", reason=words)))
    else:
        said = t(lang, OUTCOME_WORDS.get(view.outcome or "", "rv_no_answer"))
        head = t(lang, "rv_retry", outcome=said, n=str(view.tries + 1),
                 max=str(view.max_tries), when=when(view.next_try, "day", view.tz, lang)) \
            if view.status == "planned" else t(lang, "rv_unreached", outcome=said,
                                                max=str(view.max_tries))
        blocks.append(section(head))
        if view.outcome == "wrong_number":
            blocks.append(context(t(lang, "rv_fix_number", customer=customer)))
    if view.complaint_offered and view.score is not None:  # offered for a low score only
        blocks.append(section(t(lang, "rv_offer", score=str(view.score))))
        blocks.append(actions(button(t(lang, "rv_raise"), ids.REVISIT_RAISE_COMPLAINT,
                                     str(view.id), "danger"), block_id=f"revisit_done:{view.id}"))
    return {"text": notice(head), "blocks": blocks}


def revisit_list_message(outcome: Outcome) -> dict[str, Any]:
    """/revisit: my revisits still to make, soonest first; those out now with their
    controls."""
    lang = outcome.language or "en"
    if not outcome.revisits:
        text = t(lang, "rv_list_none")
        return {"text": text, "blocks": [section(text)]}
    head = t(lang, "rv_list_head", n=str(len(outcome.revisits)))
    blocks: list[dict[str, Any]] = [section(f"*{head}*")]
    for view in outcome.revisits:
        blocks.append(section(_line(view, lang)))
        if view.status == "open" and view.task_id is not None:
            task = TaskView(id=view.task_id, title=revisit_title(
                view.kind, view.step, view.customer, view.language), owner_id="",
                status="open", tz=view.tz, revisit_id=view.id, revisit_try=view.tries)
            blocks.append(revisit_controls(task))
    return {"text": head, "blocks": blocks[:50]}


def _line(view: RevisitView, lang: str) -> str:
    state = t(lang, "rv_out", n=str(view.tries)) if view.status == "open" else \
        t(lang, "rv_planned")
    what = f"{purpose_text(view.kind, view.step, lang)} ({step_words(view.step, lang)})"
    return t(lang, "rv_line", customer=shown(view.customer, 100), what=what,
             when=f"{_day(view, lang)} · {state}")


def _day(view: RevisitView, lang: str) -> str:
    return view.due_day.isoformat() if lang != "zh" else \
        f"{view.due_day.month}月{view.due_day.day}日"


def _refused(outcome: Outcome, lang: str) -> str:
    """Why nothing was recorded or started: problems, a refusal's code, a customer not found
    (the customer answers' words), or an older payload's sentence as it came."""
    from handlers.blocks.customers import said  # the card's blocks show revisits: no cycle

    if outcome.problems:
        return "\n".join(problems_text(lang, outcome.problems))
    if outcome.message in _REFUSALS:
        return t(lang, outcome.message)
    return said(outcome, lang) if outcome.note else shown(outcome.message, 500)


_REFUSALS = ("rv_not_yours", "rv_gone", "rv_bad_button", "rv_taken", "rv_customer_refused")


def revisit_started_message(outcome: Outcome) -> dict[str, Any]:
    """The answer to `/revisit Acme service`."""
    lang = outcome.language or "en"
    if outcome.status == "revisit_covered":
        text = t(lang, "rv_covered", customer=shown(outcome.message, 100))
    elif outcome.status == "revisit_started" and outcome.revisits:
        first = outcome.revisits[0]
        text = t(lang, "rv_started", customer=shown(first.customer, 100),
                 when=_day(first, lang))
    else:
        text = _refused(outcome, lang)
        if outcome.suggestions:
            text += "\n" + ", ".join(shown(name, 80) for _, name in outcome.suggestions[:5])
    return {"text": notice(text), "blocks": [section(text)]}


def revisit_usage_message(lang: str) -> dict[str, Any]:
    """The help for /revisit."""
    return {"text": t(lang, "rv_usage_title"), "blocks": [section(t(lang, "rv_usage"))]}


def log_revisit_lines(notes: RevisitNotes, tz: str, lang: str) -> list[str]:
    """What a log told the revisits, for its reply: the service call it started, the
    revisit it answered (a note this release cannot read is left out)."""
    lines = []
    for kind, step, detail in notes:
        try:
            label = step_words(step, lang)
            if kind == "service":
                day = datetime.combine(date.fromisoformat(detail), time(12),
                                       tzinfo=ZoneInfo(tz))
                lines.append(t(lang, "rv_log_service", when=when(day, "day", tz, lang)))
                continue
        except (ValueError, KeyError):
            continue
        outcome, _, score = detail.partition(":")
        if kind != "answered" or outcome not in OUTCOMES or (score and not score.isdigit()):
            continue
        what = t(lang, "rv_log_scored", score=score) if score else \
            t(lang, "rv_log_reached") if outcome == REACHED else t(lang, f"rv_{outcome}")
        lines.append(t(lang, "rv_log_answered", step=label, what=what))
    return lines


def reason_modal(p: dict[str, Any]) -> dict[str, Any]:
    """The reason for a score of 1-3: one of the team's reasons and/or the customer's words."""
    lang = str(p.get("lang") or "en")
    options = [{"text": {"type": "plain_text", "text": plain(reason_label(r, lang))},
                "value": str(r)[:150]} for r in p.get("reasons") or ()][:100]
    label = {"type": "plain_text", "text": t(lang, "rv_form_reason")}
    return {
        "type": "modal", "callback_id": ids.VIEW_REVISIT_REASON,
        "private_metadata": f"{p['revisit_id']}:{p['try']}:{p['score']}",
        "title": {"type": "plain_text", "text": plain(t(lang, "rv_form_title"), 24)},
        "submit": {"type": "plain_text", "text": t(lang, "rv_form_save")},
        "close": {"type": "plain_text", "text": t(lang, "rv_form_cancel")},
        "blocks": [
            section(f"*{shown(str(p.get('customer') or ''), 100)}* · {p['score']}/5\n"
                    + t(lang, "rv_form_hint")),
            {"type": "input", "block_id": ids.FIELD_REASON, "optional": True, "label": label,
             "element": {"type": "static_select", "action_id": ids.FIELD_REASON,
                         "options": options}},
            {"type": "input", "block_id": ids.FIELD_REASON_TEXT, "optional": True,
             "label": {"type": "plain_text", "text": t(lang, "rv_form_text")},
             "element": {"type": "plain_text_input", "action_id": ids.FIELD_REASON_TEXT,
                         "multiline": True, "max_length": 2000}},
        ],
    }
