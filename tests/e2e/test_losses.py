"""Losses through the signed HTTP endpoint with the fake Slack, on SQLite and PostgreSQL: a
move to lost asks why (a DM whose button opens the reason form) and the reason is recorded
once; the move cancels the customer's revisits and Undo of its log brings them back; the
win-back call records why they left; quiet customers are proposed once each morning."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot.domain.customers import name_key
from handlers import ids
from store.aftersale_models import LossProposal, LossRecord, Revisit
from store.models import Customer, Task
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_click_refusals import REP2
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, block_actions, view_submission

MONDAY_0901 = datetime(2026, 11, 23, 1, 1, tzinfo=UTC)  # 09:01 in Shanghai


def _click(bot: RunningBot, slack: FakeSlack, action_id: str, value: str,
           user: str = REP) -> str:
    hook = slack.response_url()
    assert bot.send(block_actions(action_id, value, user_id=user, team_id=TEAM_ID,
                                  response_url=hook))[0] == 200
    return hook


def _posted(slack: FakeSlack, hook: str) -> dict[str, Any]:
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def _asked_why(bot: RunningBot, slack: FakeSlack) -> list[dict[str, Any]]:
    bot.settle()
    return [c.params for c in slack.messages_to(REP)
            if ids.LOSS_REASON in buttons(c.params.get("blocks") or [])]


def _revisits(bot: RunningBot) -> list[tuple[str, str]]:
    with bot.runtime.services.uow() as uow:
        return [(r.step, r.status) for r in uow.session.scalars(
            select(Revisit).order_by(Revisit.position))]


def _reason_form(bot: RunningBot, slack: FakeSlack, value: str) -> tuple[str, dict[str, Any]]:
    hook = _click(bot, slack, ids.LOSS_REASON, value)
    form = slack.wait_for(lambda c: c.method == "views.open"
                          and c.params["view"]["callback_id"] == ids.VIEW_LOSS_REASON)
    return hook, form.params["view"]


def _submit(bot: RunningBot, form: dict[str, Any], reason: str | None, text: str,
            view_id: str = "V1") -> tuple[int, Any]:
    values: dict[str, Any] = {ids.FIELD_REASON_TEXT: {ids.FIELD_REASON_TEXT: text}}
    if reason is not None:
        values[ids.FIELD_REASON] = {ids.FIELD_REASON: {
            "type": "static_select", "selected_option": {"value": reason}}}
    return bot.send(view_submission(ids.VIEW_LOSS_REASON, values, user_id=REP,
                                    team_id=TEAM_ID, view_id=view_id,
                                    private_metadata=form["private_metadata"]))


def test_a_move_to_lost_asks_why_and_records_the_reason_once(bot: RunningBot,
                                                             slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp stage won", REP)
    assert _revisits(bot) == [("1wd", "planned"), ("3d", "planned"), ("3w", "planned"),
                              ("3m", "planned")]
    moved = bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp stage lost", REP)
    assert "lost" in block_texts(moved["blocks"])
    assert {status for _, status in _revisits(bot)} == {"cancelled"}  # none left to make
    [asked] = _asked_why(bot, slack)
    assert "*Acme Corp* was moved to lost. Why was it lost?" in block_texts(asked["blocks"])

    hook, form = _reason_form(bot, slack, buttons(asked["blocks"])[ids.LOSS_REASON])
    assert [o["value"] for o in form["blocks"][1]["element"]["options"]] == [
        "price", "competitor", "no_budget", "no_need", "service", "other"]
    status, refused = _submit(bot, form, "other", "  ")
    assert status == 200 and isinstance(refused, dict)
    assert refused["response_action"] == "errors"
    assert "needs a few words" in refused["errors"][ids.FIELD_REASON]
    for _ in range(2):  # a double submit is recorded once
        assert _submit(bot, form, "competitor", "went with Huawei, 20% cheaper", "V2") == (200, "")
    bot.settle()
    answer = _posted(slack, hook)
    assert answer["replace_original"] is True
    assert "*Acme Corp* lost — reason recorded: went to a competitor; went with Huawei, " \
           "20% cheaper" in block_texts(answer["blocks"])
    with bot.runtime.services.uow() as uow:
        [row] = uow.session.scalars(select(LossRecord)).all()
        assert (row.reason, row.text, row.actor, row.source) == (
            "competitor", "went with Huawei, 20% cheaper", REP, "move")
        assert row.classification_change_id is not None and row.at is not None

    again = _click(bot, slack, ids.LOSS_REASON, buttons(asked["blocks"])[ids.LOSS_REASON])
    said = _posted(slack, again)  # the form is not opened again: the reason stands
    assert "A reason is recorded for *Acme Corp* already" in block_texts(said["blocks"])
    assert said["replace_original"] is False


def test_undo_of_the_log_that_lost_it_brings_the_revisits_back(bot: RunningBot,
                                                               slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp stage won", REP)
    bot.at(MONDAY_0901)  # the onboarding call's task is out
    assert _revisits(bot)[0] == ("1wd", "open")
    lost = _log(bot, slack, "Acme Corp: we lost the deal to Siemens")
    assert "Stage: won → lost" in block_texts(lost["blocks"])
    assert {status for _, status in _revisits(bot)} == {"cancelled"}
    with bot.runtime.services.uow() as uow:
        [task] = uow.session.scalars(select(Task).where(Task.origin == "revisit")).all()
        assert task.status == "cancelled"
        task_id = task.id
    [asked] = _asked_why(bot, slack)

    undone = _click(bot, slack, ids.LOG_UNDO, buttons(lost["blocks"])[ids.LOG_UNDO])
    assert "Stage: lost → won" in block_texts(_posted(slack, undone)["blocks"])
    assert _revisits(bot) == [("1wd", "open"), ("3d", "planned"), ("3w", "planned"),
                              ("3m", "planned")]
    with bot.runtime.services.uow() as uow:
        assert uow.session.get(Task, task_id).status == "open"  # its reminders come again
    hook = _click(bot, slack, ids.LOSS_REASON, buttons(asked["blocks"])[ids.LOSS_REASON])
    assert "This loss no longer exists" in block_texts(_posted(slack, hook)["blocks"])
    assert not slack.calls_to("views.open")


def test_the_win_back_call_asks_why_they_left_and_records_it(bot: RunningBot,
                                                             slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp stage lost", REP)  # Monday 23 November 2026
    # 90 days later is Sunday 21 February 2027: the call is on Monday, made once.
    bot.at(datetime(2027, 2, 22, 1, 1, tzinfo=UTC))
    bot.at(datetime(2027, 2, 22, 1, 30, tzinfo=UTC))
    calls = [c.params for c in slack.messages_to(REP)
             if "Win-back" in block_texts(c.params.get("blocks") or [])]
    assert len(calls) == 1
    value = buttons(calls[0]["blocks"])[ids.LOSS_REASON]
    with bot.runtime.services.uow() as uow:
        [task] = uow.session.scalars(select(Task).where(Task.origin == "win_back")).all()
        assert value == f"{task.id}:win_back" and task.status == "open"
        task_id = task.id

    hook, form = _reason_form(bot, slack, value)
    assert form["title"]["text"] == "Why did they leave?"
    assert _submit(bot, form, "price", "a cheaper offer from Siemens") == (200, "")
    bot.settle()
    said = block_texts(_posted(slack, hook)["blocks"])
    assert "Win-back call with *Acme Corp*: why they left is recorded (price; a cheaper " \
           "offer from Siemens); the task is done." in said
    with bot.runtime.services.uow() as uow:
        rows = uow.session.scalars(select(LossRecord).order_by(LossRecord.id)).all()
        assert [(r.source, r.reason, r.task_id) for r in rows] == [
            ("win_back", "price", task_id)]
        assert uow.session.get(Task, task_id).status == "done"
    bot.at(datetime(2027, 2, 23, 1, 1, tzinfo=UTC))  # the loss has had its one call
    with bot.runtime.services.uow() as uow:
        assert len(uow.session.scalars(select(Task).where(Task.origin == "win_back")).all()) \
            == 1


def _seed(bot: RunningBot, name: str, owner: str = REP) -> None:
    with bot.runtime.services.uow() as uow:
        uow.customers.add(Customer(workspace_id=TEAM_ID, name=name, name_key=name_key(name),
                                   owner_id=owner, created_by=owner,
                                   created_at=datetime(2026, 1, 1, tzinfo=UTC)))
        uow.commit()


def _proposal_lists(slack: FakeSlack, user: str = REP) -> list[dict[str, Any]]:
    return [c.params for c in slack.messages_to(user)
            if ids.LOSS_MARK_LOST in buttons(c.params.get("blocks") or [])]


def test_quiet_customers_are_proposed_as_lost_once_each_morning(bot: RunningBot,
                                                                slack: FakeSlack) -> None:
    for name in ("Quiet Lost Co", "Quiet Active Co", "Fresh Won Co"):
        _seed(bot, name)  # made on 1 January, never logged
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    bot.ask(ids.COMMAND_CUSTOMER, "Fresh Won Co stage won", REP)  # business: not quiet
    bot.at(MONDAY_0901)  # the team's morning
    [listed] = _proposal_lists(slack)
    shown = block_texts(listed["blocks"])
    assert "Quiet customers: no won deal and no contact for a while." in shown
    assert "*Quiet Lost Co* — quiet since Thu, 1 Jan 2026 (Asia/Shanghai)" in shown
    assert "Quiet Active Co" in shown
    assert "Fresh Won Co" not in shown and "Acme Corp" not in shown
    # Each customer: its line, then its buttons (whose value is the proposal).
    blocks = listed["blocks"]
    ids_by_name = {block_texts([line]).split("*")[1]: buttons([row])[ids.LOSS_MARK_LOST]
                   for line, row in zip(blocks[1::2], blocks[2::2], strict=True)}
    lost_id, active_id = ids_by_name["Quiet Lost Co"], ids_by_name["Quiet Active Co"]
    with bot.runtime.services.uow() as uow:
        named = {p.id: uow.session.get(Customer, p.customer_id).name
                 for p in uow.session.scalars(select(LossProposal))}

    refused = _posted(slack, _click(bot, slack, ids.LOSS_MARK_LOST, lost_id, user=REP2))
    assert "Only the people who work *Quiet Lost Co*" in block_texts(refused["blocks"])
    first = _posted(slack, _click(bot, slack, ids.LOSS_MARK_LOST, lost_id))
    assert first["replace_original"] is False  # the list keeps its other customers
    assert "*Quiet Lost Co* is now lost." in block_texts(first["blocks"])
    again = _posted(slack, _click(bot, slack, ids.LOSS_STILL_ACTIVE, lost_id))
    assert "*Quiet Lost Co* was marked lost already" in block_texts(again["blocks"])
    kept = _posted(slack, _click(bot, slack, ids.LOSS_STILL_ACTIVE, active_id))
    assert "*Quiet Active Co* stays active" in block_texts(kept["blocks"])
    [asked] = _asked_why(bot, slack)  # the move to lost asks why, like any other
    assert "*Quiet Lost Co* was moved to lost." in block_texts(asked["blocks"])
    with bot.runtime.services.uow() as uow:
        stages = {c.name: c.stage for c in uow.session.scalars(select(Customer))}
        assert stages["Quiet Lost Co"] == "lost" and stages["Quiet Active Co"] is None
        answers = {named[p.id]: (p.answer, p.answered_by)
                   for p in uow.session.scalars(select(LossProposal))}
        assert answers == {"Quiet Lost Co": ("lost", REP), "Quiet Active Co": ("active", REP)}

    bot.at(datetime(2026, 11, 24, 1, 1, tzinfo=UTC))  # the next morning: nothing new to ask
    assert len(_proposal_lists(slack)) == 1


def test_a_lead_moving_it_to_lost_asks_the_owner_and_tells_the_lead(bot: RunningBot,
                                                                    slack: FakeSlack) -> None:
    lead = "U0LEAD"
    _new_customer_log(bot, slack, "Acme Corp: first contact, Li is the buyer")
    bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp stage lost", lead)
    [asked] = _asked_why(bot, slack)  # the owner, REP, is asked
    assert "*Acme Corp* was moved to lost. Why was it lost?" in block_texts(asked["blocks"])
    told = [block_texts(c.params.get("blocks") or []) for c in slack.messages_to(lead)]
    assert any(f"*Acme Corp* was moved to lost. I have asked its owner <@{REP}> why." in t
               for t in told)
    assert not [c for c in slack.messages_to(lead)
                if ids.LOSS_REASON in buttons(c.params.get("blocks") or [])]
    hook, form = _reason_form(bot, slack, buttons(asked["blocks"])[ids.LOSS_REASON])
    assert _submit(bot, form, "price", "") == (200, "")
    bot.settle()
    assert "reason recorded: price" in block_texts(_posted(slack, hook)["blocks"])


def test_a_rep_in_no_team_gets_quiet_customers_on_the_default_morning(
        bot: RunningBot, slack: FakeSlack) -> None:
    loner = "U0LONER"  # in no team: the default zone (UTC here), Monday to Friday
    _seed(bot, "Lonely Quiet Co", owner=loner)
    bot.at(MONDAY_0901)  # the team's morning in Shanghai, not yet UTC's
    assert _proposal_lists(slack, loner) == []
    bot.at(datetime(2026, 11, 23, 9, 1, tzinfo=UTC))
    bot.at(datetime(2026, 11, 23, 9, 30, tzinfo=UTC))  # once a morning
    [listed] = _proposal_lists(slack, loner)
    assert "*Lonely Quiet Co* — quiet since Thu, 1 Jan 2026" in block_texts(listed["blocks"])
    kept = _posted(slack, _click(bot, slack, ids.LOSS_STILL_ACTIVE,
                                 buttons(listed["blocks"])[ids.LOSS_STILL_ACTIVE], user=loner))
    assert "*Lonely Quiet Co* stays active" in block_texts(kept["blocks"])
