"""Every kind of outgoing message, built with hostile text in every field a user controls,
leaves with nothing that pings, disguises a link, hides text direction or breaks a limit.

The kinds are read from the code (handlers.render.RENDERERS and MODALS, the answers the
command and form listeners import): a kind added without a case here fails the test.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

import handlers.commands
import handlers.views
from bot.domain.problems import problem
from bot.domain.review import RepReview, TeamReview
from bot.domain.teams import Team
from bot.services.complaints.duty import DutyView
from bot.services.complaints.figures import ComplaintFigures, FiguresOutcome
from bot.services.complaints.views import (
    ALERT,
    CHECK_BACK,
    NOTE,
    PAGE,
    RAISED,
    REPLY,
    RESPOND,
    THREAD,
    ComplaintOutcome,
    ComplaintView,
)
from bot.services.customers.create import Match
from bot.services.customers.listing import CustomerList, CustomerRow
from bot.services.figures.payload import team_figures_to_payload
from bot.services.home.view import SECTIONS, HomeView, home_to_payload
from bot.services.losses.views import LossAnswer
from bot.services.pool.claiming import PooledRow, PoolList
from bot.services.pool.views import PoolAnswer
from bot.services.ports import OutgoingMessage
from bot.services.review.command import ReviewAnswer
from bot.services.views import (
    CustomerView,
    EventView,
    FollowUpView,
    Outcome,
    Ownership,
    RevisitView,
    TaskView,
    to_payload,
)
from bot.services.zones import ZoneSetting
from handlers.blocks.complaints import raised_message
from handlers.blocks.customer_form import ORDER, confirm_form
from handlers.blocks.customer_list import customer_list_message
from handlers.blocks.customers import NOTES, classification_message, customer_message
from handlers.blocks.duty import figures_message, oncall_message
from handlers.blocks.help import help_message
from handlers.blocks.log_sharing import STATUSES as SHARE_STATUSES
from handlers.blocks.logs import received_message
from handlers.blocks.pool import pool_answer_message, pool_list_message
from handlers.blocks.review_command import review_command_message
from handlers.blocks.revisits import (
    revisit_list_message,
    revisit_started_message,
    revisit_usage_message,
)
from handlers.blocks.settings import settings_message
from handlers.blocks.stats import stats_message
from handlers.blocks.tasks import task_list_message, tasks_usage_message
from handlers.blocks.teams import team_message
from handlers.render import MODALS, RENDERERS, RESPONSES, render
from tests.handlers.hostile import NOW, TEXTS, USER, fill, problems
from tests.handlers.hostile_stats import stats_answers

Payloads = Callable[[str], list[dict[str, Any]]]
LOG_STATUSES = ("recorded", "needs_customer", "undone", "failed", "duplicate", "edited",
                *SHARE_STATUSES, "shared")
URL = "https://hooks.slack.com/actions/T1/1/x"
AT = datetime(2026, 12, 23, 1, 0, tzinfo=UTC)


def follow_up(text: str) -> FollowUpView:
    view: FollowUpView = fill(FollowUpView, text, status="recorded")
    return view


def task(text: str, status: str = "open") -> TaskView:
    view: TaskView = fill(TaskView, text, status=status, revisit_id=None)
    return view


def revisit_task(text: str) -> TaskView:
    """A revisit's task: its controls, the script (typed in the configuration) and a flag."""
    view: TaskView = fill(TaskView, text, revisit_id=7, script=(text, text), dissatisfied=2)
    return view


def revisits(text: str) -> list[Outcome]:
    """A revisit's answer in every state it can show, a list and the service-visit replies."""
    def one(**fixed: Any) -> RevisitView:
        view: RevisitView = fill(RevisitView, text, **{"kind": "after_purchase", "step": "3d",
                                                       **fixed})
        return view
    shown = (one(status="reached", outcome="reached", score=2, complaint_offered=True),
             one(status="reached", outcome="reached", score=None, reason=None),
             one(status="planned", outcome="call_back"),
             one(status="unreached", outcome="wrong_number", language="zh"))
    return [*(Outcome(status="revisit_recorded", revisits=(v,)) for v in shown),
            Outcome(status="revisit_repeat", revisits=shown[:1]),
            Outcome(status="revisit_closed", revisits=shown[:1]),
            Outcome(status="revisits", revisits=(one(status="open"),) * 30, language="zh"),
            Outcome(status="revisits", revisits=()),
            Outcome(status="revisit_started", revisits=(one(kind="service"),)),
            Outcome(status="revisit_covered", message=text, language="zh"),
            Outcome(status="not_found", message=text, suggestions=((4, text),)),
            *(Outcome(status="forbidden", message=code, language=lang)
              for code in ("rv_not_yours", "rv_gone", "rv_bad_button", "rv_taken",
                           "rv_customer_refused") for lang in ("en", "zh")),
            Outcome(status="not_found", note="no_such_customer", note_values={"name": text},
                    suggestions=((4, text),), language="zh"),
            Outcome(status="invalid", problems=(problem("reason_unknown", typed=text),),
                    language="zh")]


def customer(text: str) -> CustomerView:
    values = dict.fromkeys(ORDER, text) | {"kind": "company", "first_contact": "2026-11-01"}
    events = tuple(fill(EventView, text, kind=k, at=NOW, actor=a, unworked=True)
                   for k in ("claim", "return", "reassign", "share", "unshare", "warn")
                   for a in (USER, "bot"))
    view: CustomerView = fill(CustomerView, text, fields=values, tags=(text, text),
                              missing=("needs",), contact_hidden=False, ownership=events)
    return view


def complaint(text: str) -> ComplaintView:
    view: ComplaintView = fill(ComplaintView, text)
    return view


def review(text: str) -> TeamReview:
    rep = fill(RepReview, text)
    rep = fill(RepReview, text, incomplete=tuple(fill(type(g), text, missing=("needs",))
                                                for g in rep.incomplete))
    view: TeamReview = fill(TeamReview, text, by_stage=(("negotiating", 3),),
                            by_likelihood=(("A", 2), (None, 1)), moves=(("upgraded", 1),),
                            reps=(rep,))
    return view


def outcomes(text: str) -> list[Outcome]:
    """A log's reply in every state, a task's, a customer's, and a refusal quoting the text."""
    fu = follow_up(text)
    return [*(Outcome(status=s, follow_up=fu, suggestions=((4, text), (5, text)), message=text)
              for s in LOG_STATUSES),
            Outcome(status="task_done", task=task(text)), Outcome(status="refused", message=text),
            Outcome(status="tasks", tasks=(task(text), task(text, "snoozed"),
                                            revisit_task(text))),
            Outcome(status="shown", customer=customer(text), message=text),
            Outcome(status="not_found", message=text, suggestions=((4, text),))]


POOL_STATUSES = ("claimed", "taken", "cooling_down", "holds_max", "daily_limit", "forbidden",
                 "not_found", "no_such_customer", "not_yours", "not_pooled", "unknown_person",
                 "how_to_log", "asked_more_time", "no_lead", "more_time_given", "assigned",
                 "handed_over")


def pool_answers(text: str) -> list[PoolAnswer]:
    """Every answer the pool gives, with the customer's name hostile."""
    return [PoolAnswer(s, lang, text, 4, who=USER, at=NOW, tz="Asia/Shanghai", limit=5,
                       count=3, people=(USER, USER)) for s in POOL_STATUSES
            for lang in ("en", "zh")]


LOSS_STATUSES = ("recorded_move", "recorded_win_back", "already", "not_found", "forbidden",
                 "invalid", "proposal_not_found", "marked_lost", "marked_lost_owner",
                 "kept_active",
                 "proposal_was_lost", "proposal_was_active")


def loss_answers(text: str) -> list[LossAnswer]:
    """Every answer the loss buttons and form give, with the customer and words hostile."""
    return [LossAnswer(s, lang, text, reason, text, USER) for s in LOSS_STATUSES
            for lang in ("en", "zh") for reason in ("price", "other", text)]


def _complaint_payload(text: str) -> dict[str, Any]:
    return {"complaint": to_payload(complaint(text)), "reason": "escalated", "by": USER,
            "ack_minutes": 15, "clock": "answer", "level": "breach", "status": "raised",
            "response_url": URL, "message": text, "text": text}


NOTE_EVENTS = ("escalated", "acknowledged", "reassigned", "resolved", "checked_back",
               "reopened", "triaged", "breach", "unacknowledged")


def _render_cases() -> dict[str, Payloads]:
    """Per queued kind: payloads with hostile text wherever a user's words can be."""
    def task_kind(text: str) -> list[dict[str, Any]]:
        return [{"task": to_payload(t), "lead_seconds": 86400, "owner": USER,
                 "due_was": NOW.isoformat()} for t in (task(text), revisit_task(text))]
    cases: dict[str, Payloads] = {
        "log_reply": lambda text: [to_payload(o) for o in outcomes(text)],
        "respond": lambda text: [
            {"response_url": URL, "render": name, "replace": replace,
             "outcome": to_payload(o)}
            for name in RESPONSES if name not in ("pool", "loss") for o in outcomes(text)
            for replace in (True, False)] + [
            {"response_url": URL, "render": "pool", "replace": True, "outcome": to_payload(a)}
            for a in pool_answers(text)] + [
            {"response_url": URL, "render": "revisit", "outcome": to_payload(o)}
            for o in revisits(text)] + [
            {"response_url": URL, "render": "loss", "outcome": to_payload(a)}
            for a in loss_answers(text)],
        "update_view": lambda text: [
            {"view_id": "V1", "render": "customer_confirm", "values": dict.fromkeys(ORDER, text),
             "matches": [to_payload(Match(4, text, USER, what, Ownership(text, USER, NOW)))
                         for what in ("name", "phone", "email")],
             "name_taken": taken, "refused": taken, "warned": [4], "response_url": URL,
             "round": 1, "lang": lang} for taken in (True, False) for lang in ("en", "zh")] + [
            {"view_id": "V1", "render": "customer_created", "outcome": to_payload(o)}
            for o in outcomes(text) if o.customer is not None] + [
            {"view_id": "V1", "render": "failed", "lang": lang} for lang in ("en", "zh")],
        "loss_ask": lambda text: [{"change_id": 4, "customer": text, "lang": lang}
                                  for lang in ("en", "zh")],
        "loss_asked": lambda text: [{"change_id": 4, "customer": text, "owner": USER,
                                     "lang": lang} for lang in ("en", "zh")],
        "loss_proposals": lambda text: [
            {"proposals": [{"id": 4, "customer": text, "since": NOW.isoformat()}] * 30,
             "tz": "Asia/Shanghai", "lang": lang} for lang in ("en", "zh")],
        "command_answer": lambda text: [
            *({"response_url": URL, "answer": "customer", "outcome": to_payload(o)}
              for o in outcomes(text)),
            *({"response_url": URL, "answer": "classification", "outcome": to_payload(Outcome(
                status=s, customer=fill(CustomerView, text, fields={})))}
              for s in ("moved", "unchanged", "invalid")),
            *({"response_url": URL, "answer": "settings", "lang": lang, "setting": {
                "status": s, "zone": text, "source": "you", "typed": text}}
              for s in ("shown", "set", "unknown_zone", "usage") for lang in ("en", "zh")),
            *({"response_url": URL, "answer": "oncall",
               "duty": to_payload(fill(DutyView, text, status=s))}
              for s in ("duty", "covered", "error")),
            {"response_url": URL, "answer": "failed", "text": text},  # queued before "lang"
            *({"response_url": URL, "answer": "failed", "lang": lang} for lang in ("en", "zh")),
            *({"response_url": URL, "answer": "pool", "outcome": to_payload(a)}
              for a in pool_answers(text)),
            *({"response_url": URL, "answer": "revisit_started", "outcome": to_payload(o)}
              for o in revisits(text))],
        "pool_warning": lambda text: [
            {"customer_id": 4, "customer": text, "until": NOW.isoformat(), "reason": r,
             "tz": "Asia/Shanghai", "lang": lang}
            for r in ("protection_ended", "no_contact", text) for lang in ("en", "zh")],
        "pool_returned": lambda text: [{"customer": text, "reason": "no_contact", "team": text,
                                        "lang": lang} for lang in ("en", "zh")],
        "pool_more_time": lambda text: [
            {"customer_id": 4, "customer": text, "owner": USER, "until": NOW.isoformat(),
             "tz": "Asia/Shanghai", "lang": lang} for lang in ("en", "zh")],
        "pool_assigned": lambda text: [
            {"customers": [{"id": 4, "name": text, "stage": "negotiating", "tier": "A",
                            "likelihood": "B"}] * 30, "more": 3, "from": USER, "by": USER,
             "reason": r, "lang": lang}
            for r in ("lead", "handover", "more_time", "after_sale", "win_undone")
            for lang in ("en", "zh")],
        "pool_taken_back": lambda text: [{"customer": text, "owner": USER, "by": USER,
                                          "lang": lang} for lang in ("en", "zh")],
        "lead_digest": lambda text: [{"team": text, "date": "2026-11-30",
                                      "tasks": [to_payload(task(text))] * 45},
                                     *({"team": text, "date": "2026-11-30", "tasks": [],
                                        "returning": [{"customer_id": 4, "customer": text,
                                                       "owner": USER,
                                                       "until": AT.isoformat()}] * 45,
                                        "tz": "Asia/Shanghai", "lang": lang}
                                       for lang in ("en", "zh"))],
        "review_team": lambda text: [{"review": to_payload(review(text)), "reps": [USER],
                                      "lang": lang} for lang in ("en", "zh")],
        "review_rep": lambda text: [{"rep": to_payload(review(text).reps[0]),
                                     "timezone": "Asia/Shanghai", "lang": lang,
                                     "channel": "C0TEAM", "thread_ts": "1.2"}
                                    for lang in ("en", "zh")],
        "thread_reply": lambda text: [{"outcome": to_payload(o), "channel": "C0TEAM",
                                       "thread_ts": "1.2"} for o in outcomes(text)],
        "reaction": lambda text: [{"timestamp": "1.2", "name": "white_check_mark"}],
        "home_view": lambda text: [home_to_payload(HomeView(
            user=USER, lang=lang, tz="Asia/Shanghai", expanded=expanded,
            overdue=(task(text),) * 30, upcoming=(task(text, "snoozed"),) * 30,
            revisits=((text, text, "2026-11-30"),) * 30, a_deals=((4, text, text, True),) * 30,
            complaints=((7, text, text, text),) * 30,
            returning=((4, text, NOW.isoformat()),) * 30,
            counts=dict.fromkeys(SECTIONS, 99), team=text,
            figures=team_figures_to_payload(stats_answers(text)[0].figures),  # type: ignore[arg-type]
            late_reps=((USER, 3),) * 40))
            for lang in ("en", "zh") for expanded in (None, "overdue")],
        "weekly_report": lambda text: [
            {"figures": team_figures_to_payload(a.figures), "lang": a.lang}
            for a in stats_answers(text) if a.figures and a.figures.team_pair],
        "figures_chart": lambda text: [{
            "team": text, "at": NOW.isoformat(), "lang": lang, "png": "iVBORw0KGgo=",
            "channel": "C0TEAM", "thread_ts": "1.2", "pipeline": [[text, text, 3]],
            "trend": [{"week": text, "timeliness": 0.5, "conversion": None, "reach": 1.0,
                       "resolution": None, "new_a": 2}] * 8} for lang in ("en", "zh")],
        "open_questions": lambda text: [{"date": "2026-11-30", "more": 3, "questions": [
            {"follow_up": to_payload(follow_up(text)), "choices": [[4, text]] * 6}] * 12,
            "returning": [{"customer_id": 4, "customer": text, "until": NOW.isoformat(),
                           "reason": text}] * 5, "returning_more": 2, "tz": "UTC"}],
        "refresh_profile": lambda text: [{}],
        PAGE: lambda text: [_complaint_payload(text) | {"reason": r}
                            for r in ("new", "escalated", "reassigned", "reopened")],
        NOTE: lambda text: [_complaint_payload(text) | {
            "event": e, "actor": USER, "target": USER, "detail": text, "thread_ts": "1.2",
            "channel": "C0COMPLAINTS"} for e in NOTE_EVENTS],
        RESPOND: lambda text: [_complaint_payload(text) | {"status": s} for s in (
            "acknowledged", "resolved", "refused")] + [{"status": "refused", "message": text,
                                                         "response_url": URL}] + [
            {"status": "failed", "message": "failed", "typed": text, "render": "raised",
             "response_url": URL, "lang": "zh"}],
        ALERT: lambda text: [_complaint_payload(text) | {"level": level}
                             for level in ("warning", "breach")],
    }
    for kind in (THREAD, RAISED, CHECK_BACK):
        cases[kind] = lambda text: [_complaint_payload(text)]
    cases[REPLY] = lambda text: [_complaint_payload(text), *(
        {"refusal": code, "typed": text, "lang": lang}
        for code in ("no_customer", "failed", text) for lang in ("en", "zh"))]
    for kind in ("reminder_before", "reminder_due", "snooze_end", "overdue_owner",
                 "overdue_lead"):
        cases[kind] = task_kind
    return cases


def _modal_cases() -> dict[str, Payloads]:
    """Per form: its queued payload, filled with hostile text."""
    def base(modal: str, **rest: Any) -> dict[str, Any]:
        return {"modal": modal, "trigger_id": "1.2", "response_url": URL, **rest}
    return {
        "edit_log": lambda text: [base("edit_log", follow_up=to_payload(follow_up(text)))],
        "reschedule": lambda text: [base("reschedule", task=to_payload(task(text)))],
        "customer_new": lambda text: [base("customer_new",
                                           prefill=dict.fromkeys(ORDER, text))],
        "customer_edit": lambda text: [base("customer_edit", outcome=to_payload(
            Outcome(status="shown", customer=customer(text))))],
        "customer_card": lambda text: [base("customer_card", outcome=to_payload(
            Outcome(status="shown", customer=customer(text), message=text)))],
        "complaint_reassign": lambda text: [base("complaint_reassign",
                                                 complaint=to_payload(complaint(text)))],
        "complaint_raise": lambda text: [base("complaint_raise", customer=text, text=text,
                                              category="service", priority="high",
                                              link=text)],
        "revisit_reason": lambda text: [base("revisit_reason", revisit_id=7, score=2, lang=lang,
                                             customer=text, reasons=[text] * 120,
                                             **{"try": 1}) for lang in ("en", "zh")],
        "loss_reason": lambda text: [base("loss_reason", kind=kind, record=7, lang=lang,
                                          customer=text, reasons=[text] * 120)
                                     for kind in ("move", "win_back") for lang in ("en", "zh")],
    }


def _answer_cases() -> dict[str, Payloads]:
    """Per answer a command or a form gives on its request: every outcome it can show."""
    def complaint_outcomes(text: str) -> list[ComplaintOutcome]:
        return [ComplaintOutcome(s, complaint(text), text, suggestions=(text,))
                for s in ("raised", "refused", "usage")]
    figures = fill(ComplaintFigures, "x", per_owner=((USER, 2, 1),), categories=(("service", 2),))
    return {
        "received_message": lambda text: [received_message(o) for o in outcomes(text)],
        "help_message": lambda text: [help_message(c, lang) for lang in ("en", "zh")
                                      for c in ("log", "customer", "tasks", "review", "pool",
                                                "handover")],
        "pool_list_message": lambda text: [pool_list_message(fill(
            PoolList, text, status=s, lang=lang, tz="Asia/Shanghai",
            rows=(fill(PooledRow, text, in_pool_since=NOW, reason="no_contact"),) * 20,
            more=True, problems=(text,)))
            for s in ("list", "invalid", "no_team") for lang in ("en", "zh")],
        "pool_answer_message": lambda text: [pool_answer_message(a) for a in pool_answers(text)],
        "tasks_usage_message": lambda text: [tasks_usage_message("en", True)],
        "task_list_message": lambda text: [task_list_message(o) for o in outcomes(text)],
        "customer_message": lambda text: [customer_message(o) for o in outcomes(text)] + [
            customer_message(Outcome(status="history", customer=customer(text), language=lang))
            for lang in ("en", "zh")] + [
            customer_message(Outcome(status="shown", customer=c, note=note, note_values={
                "name": text, "tags": text, "axis": "stage", "old": "won", "new": text,
                "value": text})) for note in NOTES for c in (None, customer(text))],
        "classification_message": lambda text: [classification_message(Outcome(
            status=s, customer=fill(CustomerView, text, fields={}))) for s in
            ("moved", "unchanged", "invalid")],
        "team_message": lambda text: [team_message(fill(Team, text), USER)],
        "customer_list_message": lambda text: [customer_list_message(fill(
            CustomerList, text, status=s, rows=(fill(CustomerRow, text),) * 20, total=30))
            for s in ("list", "invalid")],
        "review_command_message": lambda text: [review_command_message(fill(
            ReviewAnswer, text, status=s, review=review(text))) for s in
            ("preview", "queued", "already", "which_team", "forbidden")],
        "raised_message": lambda text: [raised_message(o) for o in complaint_outcomes(text)],
        "oncall_message": lambda text: [oncall_message(fill(DutyView, text, status=s))
                                        for s in ("duty", "covered", "error")],
        "figures_message": lambda text: [figures_message(fill(
            FiguresOutcome, text, figures=fill(ComplaintFigures, text, per_owner=(
                (USER, 2, 1),), categories=figures.categories))),
            figures_message(FiguresOutcome("forbidden", None, text))],
        "settings_message": lambda text: [settings_message(ZoneSetting(s, text, src, text), lang)
                                          for s in ("shown", "set", "unknown_zone", "usage")
                                          for src in ("you", "team") for lang in ("en", "zh")],
        "revisit_list_message": lambda text: [revisit_list_message(o) for o in revisits(text)],
        "revisit_started_message": lambda text: [revisit_started_message(o)
                                                 for o in revisits(text)],
        "revisit_usage_message": lambda text: [revisit_usage_message(lang)
                                               for lang in ("en", "zh")],
        "stats_message": lambda text: [stats_message(a) for a in stats_answers(text)],
        "confirm_form": lambda text: [{"view": confirm_form(
            dict.fromkeys(ORDER, text), [
                Match(4, text, USER, "name", Ownership(text, USER, AT)),
                Match(5, text, USER, text, Ownership(text, None, pool_team=text,
                                                     in_pool_since=AT, was=text))],
            name_taken=taken, private_metadata=f"4,5|{URL}", lang=lang)}
            for taken in (True, False) for lang in ("en", "zh")],
    }


def _answers_listeners_give() -> set[str]:
    """The builders the command and form listeners answer with (read from their imports)."""
    names = set()
    for package in (handlers.commands, handlers.views):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            names |= {name for name, value in vars(module).items()
                      if callable(value) and getattr(value, "__module__", "").startswith(
                          "handlers.blocks") and name.endswith(("_message", "_form", "_modal"))}
    return names


RENDER_CASES, MODAL_CASES, ANSWER_CASES = _render_cases(), _modal_cases(), _answer_cases()


def test_every_kind_form_and_answer_has_a_hostile_case() -> None:
    assert set(RENDERERS) - {"open_modal"} <= set(RENDER_CASES)
    assert set(MODALS) <= set(MODAL_CASES)
    assert _answers_listeners_give() <= set(ANSWER_CASES)


def _message(kind: str, payload: dict[str, Any]) -> OutgoingMessage:
    return OutgoingMessage(id=1, workspace_id="T1", kind=kind, recipient="U0REP0001",
                           payload=payload, late=True)


@pytest.mark.parametrize("size", sorted(TEXTS))
@pytest.mark.parametrize("kind", sorted(RENDER_CASES))
def test_every_queued_kind_leaves_clean(kind: str, size: str) -> None:
    for payload in RENDER_CASES[kind](TEXTS[size]):
        call = render(_message(kind, payload))
        assert problems(call.args) == [], (kind, payload.get("status"))


@pytest.mark.parametrize("size", sorted(TEXTS))
@pytest.mark.parametrize("modal", sorted(MODAL_CASES))
def test_every_form_opens_clean(modal: str, size: str) -> None:
    for payload in MODAL_CASES[modal](TEXTS[size]):
        call = render(_message("open_modal", payload))
        assert problems(call.args) == []


@pytest.mark.parametrize("size", sorted(TEXTS))
@pytest.mark.parametrize("answer", sorted(ANSWER_CASES))
def test_every_answer_to_a_request_is_clean(answer: str, size: str) -> None:
    for body in ANSWER_CASES[answer](TEXTS[size]):
        assert problems(body) == []
