"""Turn a queued outgoing message into the Slack call that says it (pure: no I/O).

Every kind the services queue has its renderer declared once in RENDERERS (and every form in
MODALS), beside its lane, payload version, composer and after-send in
bot/services/delivery/kinds.py; a test checks both name the same kinds. A renderer reads the
payload in its kind's current shape: the sender upgrades older versions before it gets here.
Every call leaves through `render`, which strips control and bidi characters from every
string whatever the builder did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.catalog import tr
from bot.domain import reminders as rules
from bot.services.commands import COMMAND_ANSWER
from bot.services.complaints.duty import duty_from_payload
from bot.services.delivery.outbox import (
    LOG_REPLY,
    OPEN_MODAL,
    OVERDUE_LEAD,
    OVERDUE_OWNER,
    RESPOND,
    UPDATE_VIEW,
)
from bot.services.figures.chart_posts import FIGURES_CHART
from bot.services.figures.payload import team_figures_from_payload
from bot.services.figures.report import WEEKLY_REPORT
from bot.services.home.build import HOME_VIEW
from bot.services.home.view import home_from_payload
from bot.services.language import LanguageSetting
from bot.services.logs.questions import QUESTIONS
from bot.services.logs.thread_answers import REACTION, THREAD_REPLY
from bot.services.losses.moves import LOSS_ASK, LOSS_ASKED
from bot.services.losses.proposals import LOSS_PROPOSALS
from bot.services.losses.views import RENDER as LOSS_ANSWER
from bot.services.losses.views import answer_from_payload as loss_answer_from_payload
from bot.services.people import PROFILE_REFRESH
from bot.services.pool.after_sale import POOL_TAKEN_BACK
from bot.services.pool.asking import POOL_MORE_TIME
from bot.services.pool.briefs import POOL_ASSIGNED
from bot.services.pool.sweep import POOL_RETURNED, POOL_WARNING
from bot.services.pool.views import answer_from_payload
from bot.services.ports import OutgoingMessage
from bot.services.review.payload import rep_from_payload, review_from_payload
from bot.services.review.post import REVIEW_REP, REVIEW_TEAM
from bot.services.tasks.digest import LEAD_DIGEST
from bot.services.views import (
    Ownership,
    follow_up_from_payload,
    outcome_from_payload,
    task_from_payload,
)
from bot.services.zones import ZoneSetting
from handlers.blocks.customers import classification_message, customer_message
from handlers.blocks.duty import oncall_message
from handlers.blocks.figure_chart import chart_upload
from handlers.blocks.home import home_view
from handlers.blocks.logs import log_reply_message
from handlers.blocks.losses import (
    loss_answer_message,
    loss_ask_message,
    loss_asked_message,
    loss_proposals_message,
)
from handlers.blocks.pool import (
    pool_answer_message,
    pool_assigned_message,
    pool_more_time_message,
    pool_returned_message,
    pool_taken_back_message,
    pool_warning_message,
)
from handlers.blocks.questions import open_questions_message
from handlers.blocks.refusals import COMMAND_FAILED
from handlers.blocks.review import review_parent_message, review_rep_message
from handlers.blocks.revisits import revisit_changed_message, revisit_started_message
from handlers.blocks.settings import settings_message
from handlers.blocks.tasks import digest_message, reminder_message, task_changed_message
from handlers.blocks.text import clean_payload, notice, section, shown
from handlers.blocks.weekly_report import weekly_report_message
from handlers.form_calls import MODALS as MODALS  # every form, for the payload tests
from handlers.form_calls import form_call
from handlers.render_complaints import COMPLAINT_RENDERERS
from handlers.view_updates import view_update_call

RESPONSES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "log": lambda p: log_reply_message(outcome_from_payload(p)),
    "task": lambda p: task_changed_message(outcome_from_payload(p)),
    "customer": lambda p: customer_message(outcome_from_payload(p)),
    "revisit": lambda p: revisit_changed_message(outcome_from_payload(p)),
    "pool": lambda p: pool_answer_message(answer_from_payload(p)),
    LOSS_ANSWER: lambda p: loss_answer_message(loss_answer_from_payload(p))}
COMMAND_ANSWERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "customer": lambda p: customer_message(outcome_from_payload(p["outcome"])),
    "classification": lambda p: classification_message(outcome_from_payload(p["outcome"])),
    "settings": lambda p: settings_message(
        ZoneSetting(**p["setting"]) if p.get("setting") else None, p.get("lang") or "en",
        LanguageSetting(**p["language"]) if p.get("language") else None),
    "oncall": lambda p: oncall_message(duty_from_payload(p["duty"])),
    "pool": lambda p: pool_answer_message(answer_from_payload(p["outcome"])),
    "revisit_started": lambda p: revisit_started_message(outcome_from_payload(p["outcome"])),
    "failed": lambda p: _failed(p),
}


def _failed(p: dict[str, Any]) -> dict[str, Any]:
    """A command that could not be done, in its person's language (an older payload carried
    the sentence itself)."""
    said = shown(str(p["text"]), 500) if p.get("text") else tr(p.get("lang") or "en",
                                                                  COMMAND_FAILED)
    return {"text": notice(said), "blocks": [section(said)]}


UPLOAD = "files.completeUploadExternal"  # a file upload (files_upload_v2), as paced


@dataclass(frozen=True)
class SlackCall:
    """One Web API method (or a response_url post) with its arguments."""

    method: str
    args: dict[str, Any]


def render(message: OutgoingMessage) -> SlackCall:
    """The Slack call for a message of any kind the services queue."""
    renderer = RENDERERS.get(message.kind)
    if renderer is None:
        raise ValueError(f"no rendering for notification kind {message.kind!r}")
    call = renderer(message)
    return SlackCall(call.method, clean_payload(call.args))


def _log_reply(message: OutgoingMessage) -> SlackCall:
    body = log_reply_message(outcome_from_payload(message.payload))
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _respond(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    body = RESPONSES.get(p.get("render") or "task", RESPONSES["task"])(p["outcome"])
    if p.get("replace", True):
        args = {"replace_original": True, **body}
    else:
        args = {"response_type": "ephemeral", "replace_original": False, **body}
    return SlackCall("response_url", {"url": p["response_url"], **args})


def _command_answer(message: OutgoingMessage) -> SlackCall:
    # A command's result in place of its "working on it" (bot/services/commands.py).
    p = message.payload
    body = COMMAND_ANSWERS[p["answer"]](p)
    return SlackCall("response_url", {"url": p["response_url"], "response_type": "ephemeral",
                                      "replace_original": True, **body})


def _open_modal(message: OutgoingMessage) -> SlackCall:
    # Forms open from the request now (handlers/forms.py); this renders one queued before.
    return SlackCall(*form_call(message.payload))


def _reminder(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    due_was = p.get("due_was")
    body = reminder_message(
        message.kind, task_from_payload(p["task"]), lead_seconds=p.get("lead_seconds"),
        late=message.late, due_was=datetime.fromisoformat(due_was) if due_was else None,
        owner=p.get("owner"), lang=p.get("lang"))
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _lead_digest(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    returning = [Ownership(r["customer"], r["owner"], datetime.fromisoformat(r["until"]),
                           tz=p.get("tz") or "UTC") for r in p.get("returning") or ()]
    body = digest_message(p["team"], p["date"], [task_from_payload(t) for t in p["tasks"]],
                          returning, p.get("lang") or "en",
                          overdue if isinstance(overdue := p.get("overdue"), int) else None)
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _open_questions(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    asked = [(follow_up_from_payload(q["follow_up"]),
              tuple((int(i), str(n)) for i, n in q.get("choices") or ()))
             for q in p["questions"]]
    body = open_questions_message(asked, int(p.get("more") or 0), p.get("lang"),
                                  returning=list(p.get("returning") or ()),
                                  returning_more=int(p.get("returning_more") or 0),
                                  tz=p.get("tz") or "UTC")
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _review_team(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    body = review_parent_message(review_from_payload(p["review"]), list(p.get("reps") or ()),
                                 p.get("lang", "en"))
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _review_rep(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    return _thread_reply(p, review_rep_message(rep_from_payload(p["rep"]), p["timezone"],
                                               p.get("lang", "en")))


def _thread_answer(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    return _thread_reply(p, log_reply_message(outcome_from_payload(p["outcome"])))


def _reaction(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    return SlackCall("reactions.add", {"channel": message.recipient,
                                       "timestamp": p["timestamp"], "name": p["name"]})


def _refresh_profile(message: OutgoingMessage) -> SlackCall:
    return SlackCall("users.info", {"user": message.recipient, "include_locale": True})


def _thread_reply(p: dict[str, Any], body: dict[str, Any]) -> SlackCall:
    """A reply in its parent's thread; without the parent's ts it is never sent (it would
    land at the channel's top level)."""
    if not p.get("thread_ts") or not p.get("channel"):
        raise ValueError("a thread reply needs its parent's channel and ts")
    return SlackCall("chat.postMessage", {"channel": p["channel"], "thread_ts": p["thread_ts"],
                                          **body})


def _home(message: OutgoingMessage) -> SlackCall:
    return SlackCall("views.publish", {"user_id": message.recipient,
                                       "view": home_view(home_from_payload(message.payload))})


def _weekly_report(message: OutgoingMessage) -> SlackCall:
    p = message.payload
    body = weekly_report_message(team_figures_from_payload(p["figures"]), p.get("lang", "en"))
    return SlackCall("chat.postMessage", {"channel": message.recipient, **body})


def _chart(message: OutgoingMessage) -> SlackCall:
    # One call for the notifier, which makes the three of files_upload_v2; paced as its last.
    if not message.payload.get("thread_ts"):
        raise ValueError("a chart goes into its parent's thread")
    return SlackCall(UPLOAD, chart_upload(message.payload))


def _direct(build: Callable[[dict[str, Any]], dict[str, Any]]
            ) -> Callable[[OutgoingMessage], SlackCall]:
    """A DM built from its payload alone."""
    return lambda message: SlackCall("chat.postMessage", {"channel": message.recipient,
                                                          **build(message.payload)})


def _complaint(render: Callable[[OutgoingMessage], tuple[str, dict[str, Any]]]
               ) -> Callable[[OutgoingMessage], SlackCall]:
    return lambda message: SlackCall(*render(message))


RENDERERS: dict[str, Callable[[OutgoingMessage], SlackCall]] = {
    LOG_REPLY: _log_reply, RESPOND: _respond, OPEN_MODAL: _open_modal,
    UPDATE_VIEW: lambda message: SlackCall(*view_update_call(message.payload)),
    COMMAND_ANSWER: _command_answer,
    THREAD_REPLY: _thread_answer, REACTION: _reaction,
    **{kind: _complaint(render) for kind, render in COMPLAINT_RENDERERS.items()},
    **dict.fromkeys((rules.BEFORE, rules.AT_DUE, rules.SNOOZE_END, OVERDUE_OWNER, OVERDUE_LEAD),
                    _reminder),
    PROFILE_REFRESH: _refresh_profile,
    REVIEW_TEAM: _review_team, REVIEW_REP: _review_rep, LEAD_DIGEST: _lead_digest,
    QUESTIONS: _open_questions,
    POOL_WARNING: _direct(pool_warning_message), POOL_RETURNED: _direct(pool_returned_message),
    POOL_MORE_TIME: _direct(pool_more_time_message),
    POOL_ASSIGNED: _direct(pool_assigned_message),
    POOL_TAKEN_BACK: _direct(pool_taken_back_message),
    LOSS_ASK: _direct(loss_ask_message), LOSS_ASKED: _direct(loss_asked_message),
    LOSS_PROPOSALS: _direct(loss_proposals_message),
    FIGURES_CHART: _chart, WEEKLY_REPORT: _weekly_report, HOME_VIEW: _home}
