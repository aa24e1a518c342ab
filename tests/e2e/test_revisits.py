"""Revisits through the signed HTTP endpoint with the fake Slack: a customer won starts the
after-sale plan, the sweep makes the revisit's task, its reminder carries the script and the
buttons; Reached with 2/5 and a reason offers the complaint form, filled in. A service visit
brings a "problem solved?" call three days later. A log's reply says what it told the
revisits. A customer imported as won (the CSV import) gets its after-sale calls."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.customer_csv import run_import
from handlers import ids
from store.aftersale_models import Revisit, RevisitAnswer
from store.models import Task
from tests.conftest import TEAM_YAML
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, block_actions, view_submission

MONDAY_0901 = datetime(2026, 11, 23, 1, 1, tzinfo=UTC)  # 09:01 in Shanghai
WEDNESDAY_0901 = datetime(2026, 11, 25, 1, 1, tzinfo=UTC)


def _command(bot: RunningBot, command: str, text: str) -> dict[str, Any]:
    return bot.ask(command, text, REP)


def _revisit_reminders(slack: FakeSlack) -> list[dict[str, Any]]:
    return [c.params for c in slack.messages_to(REP)
            if any(e.get("action_id") == ids.REVISIT_SCORE
                   for b in c.params.get("blocks") or [] if b.get("type") == "actions"
                   for e in b["elements"])]


def _click(bot: RunningBot, slack: FakeSlack, action_id: str, value: str, *,
           menu: bool = False) -> str:
    hook = slack.response_url()
    option = {"type": "static_select",
              "selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": value}}
    assert bot.send(block_actions(action_id, None if menu else value, user_id=REP,
                                  team_id=TEAM_ID, response_url=hook,
                                  action=option if menu else None))[0] == 200
    return hook


def _posted(slack: FakeSlack, hook: str) -> dict[str, Any]:
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def test_won_to_reminder_to_a_low_score_offers_the_complaint(
        bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    moved = _command(bot, ids.COMMAND_CUSTOMER, "Acme Corp stage won")
    assert "won" in block_texts(moved["blocks"])
    bot.at(MONDAY_0901)  # the onboarding call is due on Tuesday: made now, "due tomorrow"
    bot.at(MONDAY_0901.replace(minute=5))  # a second sweep makes nothing more
    [reminder] = _revisit_reminders(slack)
    shown = block_texts(reminder["blocks"])
    assert "After-sale revisit (1 working day) for Acme Corp: onboarding contact" in shown
    assert "May I take two minutes of your time?" in shown  # the script
    assert {ids.REVISIT_NO_ANSWER, ids.REVISIT_WRONG_NUMBER, ids.REVISIT_CALL_BACK} <= set(
        buttons(reminder["blocks"]))
    with bot.runtime.services.uow() as uow:
        [task] = uow.session.scalars(select(Task).where(Task.origin == "revisit")).all()
        revisit = uow.revisits.for_task(task.id)
        assert revisit is not None and revisit.step == "1wd"
        revisit_id, task_id = revisit.id, task.id

    hook = _click(bot, slack, ids.REVISIT_SCORE, f"{revisit_id}:1:2", menu=True)
    form = slack.wait_for("views.open").params["view"]
    assert form["callback_id"] == ids.VIEW_REVISIT_REASON
    assert [o["value"] for o in form["blocks"][1]["element"]["options"]] == [
        "product", "delivery", "service", "price", "usage", "other"]
    empty = view_submission(ids.VIEW_REVISIT_REASON, {}, user_id=REP, team_id=TEAM_ID,
                            private_metadata=form["private_metadata"], view_id="V1")
    status, refused = bot.send(empty)
    assert status == 200 and isinstance(refused, dict)
    assert refused["response_action"] == "errors"
    assert "needs a reason" in refused["errors"][ids.FIELD_REASON]
    values = {ids.FIELD_REASON: {ids.FIELD_REASON: {
                  "type": "static_select", "selected_option": {"value": "delivery"}}},
              ids.FIELD_REASON_TEXT: {ids.FIELD_REASON_TEXT: "到货晚了两周 two weeks late"}}
    for _ in range(2):  # a double submit is recorded once
        assert bot.send(view_submission(ids.VIEW_REVISIT_REASON, values, user_id=REP,
                                        team_id=TEAM_ID, view_id="V2",
                                        private_metadata=form["private_metadata"]))[0] == 200
    bot.settle()
    answer = _posted(slack, hook)  # in place of the reminder whose menu was used
    said = block_texts(answer["blocks"])
    assert "reached, satisfaction 2/5" in said and "delivery; 到货晚了两周" in said
    assert answer["replace_original"] is True

    _click(bot, slack, ids.REVISIT_RAISE_COMPLAINT,
           buttons(answer["blocks"])[ids.REVISIT_RAISE_COMPLAINT])
    complaint = slack.wait_for(lambda c: c.method == "views.open"
                               and c.params["view"]["callback_id"] == ids.VIEW_COMPLAINT_RAISE)
    prefilled = str(complaint.params["view"]["blocks"])
    assert "Acme Corp" in prefilled and "2/5" in prefilled and "到货晚了两周" in prefilled

    card = _command(bot, ids.COMMAND_CUSTOMER, "Acme Corp")
    assert "Dissatisfied at the last revisit (2/5)" in block_texts(card["blocks"])
    with bot.runtime.services.uow() as uow:
        revisit = uow.session.get(Revisit, revisit_id)
        assert revisit is not None and (revisit.status, revisit.score, revisit.reason) == (
            "reached", 2, "delivery")
        assert len(uow.session.scalars(select(RevisitAnswer)).all()) == 1
        assert uow.session.get(Task, task_id).status == "done"


def test_a_service_visit_brings_the_three_day_call(bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    started = _command(bot, ids.COMMAND_REVISIT, "Acme Corp service")
    assert "a \u201cproblem solved?\u201d call on 2026-11-26" in block_texts(started["blocks"])
    again = _command(bot, ids.COMMAND_REVISIT, "acme corp 维修")
    assert "already has a \u201cproblem solved?\u201d call" in block_texts(again["blocks"])
    listed = _command(bot, ids.COMMAND_REVISIT, "")
    assert "Your revisits still to make (1)" in block_texts(listed["blocks"])
    usage = _command(bot, ids.COMMAND_REVISIT, "what is this")
    assert "/revisit Acme Corp service" in block_texts(usage["blocks"])
    assert "维修" in block_texts(_command(bot, ids.COMMAND_REVISIT, "帮助")["blocks"])

    bot.at(WEDNESDAY_0901)  # Thursday's call: made on Wednesday for its "due tomorrow"
    [reminder] = _revisit_reminders(slack)
    assert "Service revisit (3 days) for Acme Corp: is the problem solved?" in block_texts(
        reminder["blocks"])
    hook = _click(bot, slack, ids.REVISIT_NO_ANSWER, buttons(reminder["blocks"])[
        ids.REVISIT_NO_ANSWER])
    bot.settle()
    said = block_texts(_posted(slack, hook)["blocks"])
    assert "No answer: it comes back Thu, 26 Nov 2026" in said and "try 2 of 3" in said
    bot.at(datetime(2026, 11, 26, 1, 1, tzinfo=UTC))  # the second try: due now
    assert len(_revisit_reminders(slack)) == 2


def test_the_logs_reply_says_it_answered_a_revisit_or_started_a_service_call(
        bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    _command(bot, ids.COMMAND_CUSTOMER, "Acme Corp stage won")
    # Told before the onboarding call's task was made: it answers that call (due tomorrow).
    told = _log(bot, slack, "Acme Corp: satisfaction call with Li, very happy, rated 5")
    assert "📞 Recorded as the revisit (1 working day): reached, satisfaction 5/5." in \
        block_texts(told["blocks"])
    repaired = _log(bot, slack, "Acme Corp: repaired the printer on site")
    assert "🛠️ Service visit: a \u201cproblem solved?\u201d call on Thu, 26 Nov 2026 " \
        "(Asia/Shanghai)." in block_texts(repaired["blocks"])
    bot.at(MONDAY_0901)  # the answered onboarding call makes no task
    assert _revisit_reminders(slack) == []


def test_a_customer_imported_as_won_gets_its_after_sale_calls(
        bot: RunningBot, slack: FakeSlack, tmp_path: Path) -> None:
    file = tmp_path / "customers.csv"
    file.write_text("客户名称,负责人,阶段\nAcme Corp,U0REP,成交\nBeta Ltd,U0REP,谈判\n",
                    encoding="utf-8")
    teams = tmp_path / "crm.yml"  # the teams the bot runs with: their zone and working days
    teams.write_text(TEAM_YAML, encoding="utf-8")
    settings = replace(bot.settings, config_path=teams)
    out = io.StringIO()
    for _ in range(2):  # importing the same file again starts nothing more
        run_import([str(file), "--workspace", TEAM_ID], settings,
                   MONDAY_0901 - timedelta(minutes=1), stdout=out, stderr=out)
    assert "imported 2 customers" in out.getvalue() and "skipped 2" in out.getvalue()
    bot.at(MONDAY_0901)  # the onboarding call, due Tuesday, is made now
    bot.at(MONDAY_0901.replace(minute=5))
    [reminder] = _revisit_reminders(slack)
    assert "After-sale revisit (1 working day) for Acme Corp: onboarding contact" in \
        block_texts(reminder["blocks"])


def _reminder_for(slack: FakeSlack, title: str) -> dict[str, Any]:
    """The newest revisit reminder with this title."""
    found = [r for r in _revisit_reminders(slack) if title in block_texts(r["blocks"])]
    assert found, [block_texts(r["blocks"])[:120] for r in _revisit_reminders(slack)]
    return found[-1]


def _menu_value(reminder: dict[str, Any], score: int) -> str:
    menu = next(e for b in reminder["blocks"] if b.get("type") == "actions"
                for e in b["elements"] if e.get("action_id") == ids.REVISIT_SCORE)
    return next(o["value"] for o in menu["options"] if o["value"].endswith(f":{score}"))


def test_the_whole_plan_on_working_days_with_every_outcome(
        bot: RunningBot, slack: FakeSlack) -> None:
    """Won on Monday 23 November: calls on Tuesday (1 working day), Thursday (3 days),
    Monday 14 December (3 weeks) and Tuesday 23 February 2027 (3 months), each a reminder
    of its own; 5/5 in one click; a wrong number comes back the next working day and asks for
    the number; 3/5 with a reason flags the next reminder; a call back is tried again."""
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    _command(bot, ids.COMMAND_CUSTOMER, "Acme Corp stage won")
    with bot.runtime.services.uow() as uow:
        assert [(r.step, r.due_day) for r in uow.session.scalars(
            select(Revisit).order_by(Revisit.position))] == [
            ("1wd", date(2026, 11, 24)), ("3d", date(2026, 11, 26)),
            ("3w", date(2026, 12, 14)), ("3m", date(2027, 2, 23))]

    bot.at(MONDAY_0901)
    onboarding = _reminder_for(slack, "(1 working day) for Acme Corp: onboarding contact")
    hook = _click(bot, slack, ids.REVISIT_SCORE, _menu_value(onboarding, 5), menu=True)
    bot.settle()
    assert "reached, satisfaction 5/5" in block_texts(_posted(slack, hook)["blocks"])

    bot.at(WEDNESDAY_0901)  # Thursday's satisfaction call, made for its "due tomorrow"
    call = _reminder_for(slack, "(3 days) for Acme Corp: satisfaction call")
    hook = _click(bot, slack, ids.REVISIT_WRONG_NUMBER,
                  buttons(call["blocks"])[ids.REVISIT_WRONG_NUMBER])
    bot.settle()
    said = block_texts(_posted(slack, hook)["blocks"])
    assert "Wrong number: it comes back Thu, 26 Nov 2026" in said and "try 2 of 3" in said
    assert "correct the number" in said
    bot.at(datetime(2026, 11, 26, 1, 1, tzinfo=UTC))  # the second try, due now
    again = _reminder_for(slack, "(3 days) for Acme Corp: satisfaction call")
    assert again is not call
    hook = _click(bot, slack, ids.REVISIT_SCORE, _menu_value(again, 3), menu=True)
    form = slack.wait_for("views.open").params["view"]
    values = {ids.FIELD_REASON: {ids.FIELD_REASON: {
        "type": "static_select", "selected_option": {"value": "usage"}}}}
    assert bot.send(view_submission(ids.VIEW_REVISIT_REASON, values, user_id=REP,
                                    team_id=TEAM_ID, view_id="V3",
                                    private_metadata=form["private_metadata"]))[0] == 200
    bot.settle()
    answered = block_texts(_posted(slack, hook)["blocks"])
    assert "reached, satisfaction 3/5" in answered and "Raise complaint" not in answered

    bot.at(datetime(2026, 12, 14, 1, 1, tzinfo=UTC))  # the 3-week call, flagged
    usage = block_texts(_reminder_for(slack, "(3 weeks) for Acme Corp")["blocks"])
    assert "Dissatisfied at the last revisit (3/5)" in usage

    bot.at(datetime(2027, 2, 23, 1, 1, tzinfo=UTC))  # the 3-month check-in
    check_in = _reminder_for(slack, "(3 months) for Acme Corp")
    hook = _click(bot, slack, ids.REVISIT_CALL_BACK,
                  buttons(check_in["blocks"])[ids.REVISIT_CALL_BACK])
    bot.settle()
    said = block_texts(_posted(slack, hook)["blocks"])
    assert "Call back later: it comes back Wed, 24 Feb 2027" in said and "try 2 of 3" in said
    with bot.runtime.services.uow() as uow:
        rows = uow.session.scalars(select(Revisit).order_by(Revisit.position)).all()
        assert [(r.status, r.tries, r.outcome, r.score, r.reason) for r in rows] == [
            ("reached", 1, "reached", 5, None), ("reached", 2, "reached", 3, "usage"),
            ("open", 1, None, None, None), ("planned", 1, "call_back", None, None)]
        answers = uow.session.scalars(select(RevisitAnswer).order_by(RevisitAnswer.id)).all()
        assert [(a.outcome, a.score, a.try_no, a.actor) for a in answers] == [
            ("reached", 5, 1, REP), ("wrong_number", None, 1, REP), ("reached", 3, 2, REP),
            ("call_back", None, 1, REP)]
