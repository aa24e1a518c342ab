"""Complaints through the real HTTP endpoint with the fake Slack: raise, page the owner,
escalate through the thread, acknowledge, resolve and check back, restarts and two bots."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.domain.teams import TeamDirectory
from bot.teamconfig import parse_directory
from handlers import ids
from store.models import Complaint, FollowUp
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.fakes import (
    TEAM_ID,
    FakeSlack,
    block_actions,
    dm_message,
    message_action,
    slash_command,
    view_submission,
)
from tests.services.complaints.test_complaints import ANN, BOB, CHANNEL, KIM, LEAD, MONDAY_9
from tests.services.complaints.test_complaints import YAML as TEAM_YAML
from tests.support.fakes import FakeClock

# The service tests' team (rotation Ann, Bob from Monday 16 November), with one-minute
# acknowledgements so an escalation can be watched end to end.
YAML = TEAM_YAML + """
complaints:
  ack_minutes: {high: 1, medium: 1, low: 1}
  repeat: 0
"""


@pytest.fixture
def directory() -> TeamDirectory:
    return parse_directory(YAML)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_9)


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        for user in (ANN, BOB, KIM, LEAD):
            fake.add_user(user, tz="Asia/Shanghai", name=user)
        yield fake


def _dms(slack: FakeSlack, user: str) -> list[str]:
    return [c.text or "" for c in slack.messages_to(user)]


def _pages(slack: FakeSlack, user: str) -> list[dict]:
    return [c.params for c in slack.messages_to(user)
            if ids.COMPLAINT_ACK in buttons(c.params.get("blocks") or [])]


def _thread(slack: FakeSlack) -> tuple[str, list[str]]:
    """The complaint's first message ts in the channel, and the texts of its replies."""
    posts = slack.messages_to(CHANNEL)
    root = next(c for c in posts if not c.params.get("thread_ts"))
    ts = root.response["ts"]
    return ts, [c.text or "" for c in posts if c.params.get("thread_ts") == ts]


def _raise(bot: RunningBot, slack: FakeSlack, text: str = "Acme Corp: delivery two weeks late",
           user: str = KIM) -> dict:
    hook = slack.response_url(kind="commands")
    status, body = bot.send(slash_command(ids.COMMAND_COMPLAINT, text, user_id=user,
                                          team_id=TEAM_ID, response_url=hook))
    assert status == 200 and isinstance(body, dict)
    if "Working on it" not in body["text"]:
        return body
    # Answered at once; the complaint is read and raised after, and replaces that answer.
    answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    assert answer["replace_original"] is True
    return answer


def _click(bot: RunningBot, slack: FakeSlack, action_id: str, value: str, user: str) -> dict:
    hook = slack.response_url()
    assert bot.send(block_actions(action_id, value, user_id=user, team_id=TEAM_ID,
                                  response_url=hook))[0] == 200
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def test_raise_pages_owner_then_backup_then_lead_each_step_in_the_thread(
        bot: RunningBot, slack: FakeSlack) -> None:
    answer = _raise(bot, slack)
    assert answer.get("response_type") != "in_channel"  # replaces an answer only KIM sees
    assert f"Complaint #1 raised for *Acme Corp*, routed to <@{BOB}>" in block_texts(
        answer["blocks"])
    bot.settle()
    page = _pages(slack, BOB)
    assert len(page) == 1 and "delivery two weeks late" in block_texts(page[0]["blocks"])
    root_ts, replies = _thread(slack)
    assert replies == []
    bot.at(MONDAY_9 + timedelta(minutes=1))
    assert len(_pages(slack, ANN)) == 1
    bot.at(MONDAY_9 + timedelta(minutes=2))
    assert len(_pages(slack, LEAD)) == 1
    bot.at(MONDAY_9 + timedelta(minutes=3))
    _, replies = _thread(slack)
    assert [r.split(":")[0] for r in replies][:2] == [
        f"⏫ Not acknowledged by <@{BOB}> within 1 min", f"⏫ Not acknowledged by <@{ANN}> "
        "within 1 min"]
    assert "Nobody acknowledged" in replies[2]
    assert [len(_pages(slack, u)) for u in (BOB, ANN, LEAD)] == [1, 1, 1]


def test_acknowledge_stops_the_escalation(bot: RunningBot, slack: FakeSlack) -> None:
    _raise(bot, slack)
    bot.settle()
    value = buttons(_pages(slack, BOB)[0]["blocks"])[ids.COMPLAINT_ACK]
    after = _click(bot, slack, ids.COMPLAINT_ACK, value, BOB)
    assert after["replace_original"] is True and "acknowledged" in block_texts(after["blocks"])
    assert ids.COMPLAINT_ACK not in buttons(after["blocks"])
    bot.at(MONDAY_9 + timedelta(minutes=5))
    assert _pages(slack, ANN) == [] and _pages(slack, LEAD) == []
    _, replies = _thread(slack)
    assert replies == [f"✅ <@{BOB}> acknowledged and owns it."]


def test_resolve_then_check_back_and_not_satisfied_reopens(bot: RunningBot,
                                                           slack: FakeSlack) -> None:
    _raise(bot, slack)
    bot.settle()
    value = buttons(_pages(slack, BOB)[0]["blocks"])[ids.COMPLAINT_RESOLVE]
    after = _click(bot, slack, ids.COMPLAINT_RESOLVE, value, BOB)
    assert "Resolved" in block_texts(after["blocks"])
    bot.at(MONDAY_9 + timedelta(hours=23))
    assert not any("Check back" in t for t in _dms(slack, BOB))
    bot.at(MONDAY_9 + timedelta(hours=24))
    check = next(c.params for c in slack.messages_to(BOB) if "Check back" in (c.text or ""))
    verdict = _click(bot, slack, ids.COMPLAINT_NOT_SATISFIED,
                     buttons(check["blocks"])[ids.COMPLAINT_NOT_SATISFIED], BOB)
    assert "open again" in block_texts(verdict["blocks"])
    bot.settle()
    assert "Reopened" in block_texts(_pages(slack, BOB)[-1]["blocks"])
    _, replies = _thread(slack)
    assert any("resolved it" in r for r in replies) and replies[-1].startswith("🔁 Reopened")


def test_a_dm_that_says_complaint_raises_one(bot: RunningBot, slack: FakeSlack) -> None:
    assert bot.send(dm_message("投诉:联想说交货太慢", user_id=KIM, team_id=TEAM_ID))[0] == 200
    bot.settle()
    confirmation = slack.wait_for(lambda c: c.method == "chat.postMessage"
                                  and c.params["channel"] == KIM and "已提交" in (c.text or ""))
    assert "*联想*" in block_texts(confirmation.params["blocks"])
    assert len(_pages(slack, BOB)) == 1
    with bot.runtime.services.uow() as uow:
        assert uow.session.scalar(select(func.count()).select_from(FollowUp)) == 0  # not a log
        c = uow.complaints.by_number(TEAM_ID, 1)
        assert c is not None and c.raw_text == "投诉:联想说交货太慢" and c.source == "dm"


def test_message_shortcut_opens_a_form_and_raises_the_complaint(bot: RunningBot,
                                                                slack: FakeSlack) -> None:
    message = {"type": "message", "user": "U0CUST", "ts": "1700000000.000100",
               "text": "Acme Corp says the printer is broken and they want to cancel"}
    assert bot.send(message_action(ids.SHORTCUT_RAISE_COMPLAINT, user_id=KIM, team_id=TEAM_ID,
                                   response_url=slack.response_url(), message=message,
                                   channel_id="C0SALES"))[0] == 200
    form = slack.wait_for("views.open").params["view"]
    assert form["callback_id"] == ids.VIEW_COMPLAINT_RAISE
    status, _ = bot.send(view_submission(
        ids.VIEW_COMPLAINT_RAISE,
        {ids.FIELD_CUSTOMER: {ids.FIELD_CUSTOMER: "Acme Corp"},
         ids.FIELD_COMPLAINT_TEXT: {ids.FIELD_COMPLAINT_TEXT: message["text"]},
         ids.FIELD_CATEGORY: {ids.FIELD_CATEGORY: {"type": "static_select",
                                                   "selected_option": {"value": "product"}}},
         ids.FIELD_PRIORITY: {ids.FIELD_PRIORITY: {"type": "static_select",
                                                   "selected_option": {"value": "high"}}}},
        user_id=KIM, team_id=TEAM_ID, private_metadata=form["private_metadata"]))
    assert status == 200
    bot.settle()
    page = block_texts(_pages(slack, BOB)[0]["blocks"])
    assert "product · high" in page and "archives/C0SALES/p1700000000000100" in str(
        _pages(slack, BOB)[0]["blocks"])


def test_oncall_shows_the_duty_and_records_a_cover(bot: RunningBot, slack: FakeSlack) -> None:
    body = bot.ask(ids.COMMAND_ONCALL, "", ANN)  # in place of "working on it"
    assert f"on duty now: <@{BOB}>" in block_texts(body["blocks"])
    body = bot.ask(ids.COMMAND_ONCALL, f"cover <@{KIM}|kim> until Wednesday 18:00", LEAD)
    shown = block_texts(body["blocks"])  # in place of "working on it", once it is recorded
    assert f"on duty now: <@{KIM}> (cover) until Wed, 25 Nov 2026 18:00" in shown
    _raise(bot, slack)
    bot.settle()
    assert len(_pages(slack, KIM)) == 1
    body = bot.ask(ids.COMMAND_COMPLAINTS, "", LEAD)
    assert "1 open complaint*" in block_texts(body["blocks"])
    body = bot.ask(ids.COMMAND_COMPLAINTS, "", ANN)
    assert "team leads and admins" in block_texts(body["blocks"])


def test_restart_mid_escalation_escalates_each_step_once(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    first = RunningBot(db_url, slack, clock, directory)
    try:
        _raise(first, slack)
        first.at(MONDAY_9 + timedelta(minutes=1))
        assert len(_pages(slack, ANN)) == 1
    finally:
        first.stop()
    second = RunningBot(db_url, slack, clock, directory)
    try:
        second.at(MONDAY_9 + timedelta(minutes=1))
        second.at(MONDAY_9 + timedelta(minutes=2))
        second.at(MONDAY_9 + timedelta(minutes=3))
        assert [len(_pages(slack, u)) for u in (BOB, ANN, LEAD)] == [1, 1, 1]
    finally:
        second.stop()


def _sweep_together(bot: RunningBot, barrier: threading.Barrier) -> None:
    barrier.wait()
    bot.sweep()


def test_two_bots_on_postgresql_escalate_each_step_once(
        db_url: str, slack: FakeSlack, clock: FakeClock, directory: TeamDirectory) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("two running copies share PostgreSQL (SQLite is one process's file)")
    bots = [RunningBot(db_url, slack, clock, directory) for _ in range(2)]
    try:
        for i in range(5):
            _raise(bots[i % 2], slack, text=f"Acme Corp: delivery late, order {i}")
        for step in (1, 2, 3):
            for b in bots:
                b.settle()
            clock.set(MONDAY_9 + timedelta(minutes=step))
            barrier = threading.Barrier(2)

            workers = [threading.Thread(target=_sweep_together, args=(b, barrier))
                       for b in bots]
            for w in workers:
                w.start()
            for w in workers:
                w.join()
        for b in bots:
            b.settle()
        assert [len(_pages(slack, u)) for u in (BOB, ANN, LEAD)] == [5, 5, 5]
        replies = [c for c in slack.messages_to(CHANNEL) if c.params.get("thread_ts")]
        assert len(replies) == 5 * 3  # two escalations and the end of the policy, each once
    finally:
        for b in bots:
            b.stop()


def test_reassign_through_its_form_and_triage_through_the_menus(bot: RunningBot,
                                                                slack: FakeSlack) -> None:
    answer = _raise(bot, slack)
    bot.settle()
    menu = next(e for b in answer["blocks"] if b.get("type") == "actions"
                for e in b["elements"] if e["action_id"] == ids.COMPLAINT_PRIORITY)
    high = next(o for o in menu["options"] if o["text"]["text"] == "high")
    hook = slack.response_url()
    assert bot.send(block_actions(
        ids.COMPLAINT_PRIORITY, None, user_id=KIM, team_id=TEAM_ID, response_url=hook,
        action={"type": "static_select", "selected_option": high}))[0] == 200
    bot.settle()  # a menu is done after its answer; the form below comes seconds later
    value = buttons(_pages(slack, BOB)[0]["blocks"])[ids.COMPLAINT_REASSIGN]
    hook = slack.response_url()
    assert bot.send(block_actions(ids.COMPLAINT_REASSIGN, value, user_id=BOB, team_id=TEAM_ID,
                                  response_url=hook))[0] == 200
    form = slack.wait_for("views.open").params["view"]
    assert form["callback_id"] == ids.VIEW_COMPLAINT_REASSIGN
    status, _ = bot.send(view_submission(
        ids.VIEW_COMPLAINT_REASSIGN,
        {ids.FIELD_OWNER: {ids.FIELD_OWNER: {"type": "users_select", "selected_user": KIM}}},
        user_id=BOB, team_id=TEAM_ID, private_metadata=form["private_metadata"]))
    assert status == 200
    after = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    assert f"Reassigned to <@{KIM}>" in block_texts(after["blocks"])
    bot.settle()
    page = _pages(slack, KIM)
    assert len(page) == 1 and "high" in block_texts(page[0]["blocks"])
    _, replies = _thread(slack)
    assert replies == [f"🏷️ <@{KIM}> changed priority medium → high.",
                       f"↪️ <@{BOB}> reassigned it to <@{KIM}>."]


def test_a_complaint_with_a_nul_is_kept_and_paged_without_it(bot: RunningBot,
                                                             slack: FakeSlack) -> None:
    # PostgreSQL refused the NUL: "not saved" for a text no retry could save (issue 11).
    answer = _raise(bot, slack, "Acme Corp: delivery\x00 two weeks late")
    assert "Complaint #1 raised" in block_texts(answer["blocks"])
    bot.settle()
    page = block_texts(_pages(slack, BOB)[0]["blocks"])
    assert "delivery\ufffd two weeks late" in page and "\x00" not in page
    with bot.runtime.services.uow() as uow:
        assert uow.session.scalar(select(Complaint.raw_text)) == \
            "Acme Corp: delivery\ufffd two weeks late"
