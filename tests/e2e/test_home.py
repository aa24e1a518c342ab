"""The Home tab through the HTTP endpoint and the fake Slack: published when opened (a rep's
day with the task buttons, a lead's team), again a few seconds after a Done click on it or
after logs (once for several),
"more" opens a list; at most 100 blocks; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers import ids
from store.models import Customer, Task
from store.pool_models import PoolState
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.fakes import TEAM_ID, Call, FakeSlack, event, issue_trigger_id, slash_command
from tests.fakes.signing import interactive_request, new_ts
from tests.services.figures.seed import LEAD, REP, complaint, revisit
from tests.support.fakes import FakeClock


def _open(bot: RunningBot, user: str) -> None:
    status, _ = bot.send(event({"type": "app_home_opened", "user": user, "tab": "home",
                                "channel": f"D{user}", "event_ts": new_ts()}, team_id=TEAM_ID))
    assert status == 200


def _home_click(action_id: str, value: str, user: str) -> Any:
    """A button on the Home tab: no message, no response_url, the view as container."""
    return interactive_request({
        "type": "block_actions", "api_app_id": "A0APP", "token": "legacy",
        "user": {"id": user, "username": user.lower(), "name": user.lower(),
                 "team_id": TEAM_ID},
        "team": {"id": TEAM_ID, "domain": "workspace-domain"},
        "container": {"type": "view", "view_id": "V0HOME"}, "trigger_id": issue_trigger_id(),
        "view": {"id": "V0HOME", "type": "home", "blocks": []},
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value,
                     "action_ts": new_ts()}]})


def _published(slack: FakeSlack, user: str, count: int) -> Call:
    slack.wait_for(lambda c: c.method == "views.publish" and c.params.get("user_id") == user
                   and len([x for x in slack.calls_to("views.publish")
                            if x.params.get("user_id") == user]) >= count)
    return [c for c in slack.calls_to("views.publish") if c.params["user_id"] == user][-1]


def _view(call: Call) -> dict[str, Any]:
    view = call.params["view"]
    return dict(view) if isinstance(view, dict) else {}


def _seed(bot: RunningBot, clock: FakeClock) -> dict[str, int]:
    now = clock.now()
    with bot.runtime.services.uow() as uow:
        acme = uow.customers.add(Customer(
            workspace_id=TEAM_ID, name="Acme Corp", name_key="acme corp", owner_id=REP,
            created_by=REP, created_at=now - timedelta(days=20), stage="negotiating",
            likelihood="A"))
        ids_: dict[str, int] = {"acme": acme.id}
        for name, due, overdue in (("Call Acme back", now - timedelta(hours=3), True),
                                   *((f"Visit {n}", now + timedelta(days=1, hours=n), False)
                                     for n in range(7))):
            task = Task(workspace_id=TEAM_ID, owner_id=REP, customer_id=acme.id, title=name,
                        origin="test", status="open", due_at=due, tz="Asia/Shanghai",
                        overdue_since=due + timedelta(hours=1) if overdue else None,
                        overdue_at=due + timedelta(hours=1), created_at=now, updated_at=now)
            uow.session.add(task)
            uow.session.flush()
            ids_[name] = task.id
        uow.commit()
    return ids_


def test_a_rep_opens_their_day_and_a_done_click_republishes_it(
        bot: RunningBot, slack: FakeSlack, clock: FakeClock) -> None:
    tasks = _seed(bot, clock)
    _open(bot, REP)
    home = _view(_published(slack, REP, 1))
    text = block_texts(home["blocks"])
    assert home["type"] == "home" and len(home["blocks"]) <= 100
    assert "*Overdue* (1)" in text and "Call Acme back" in text
    assert "*Today and the next 7 days* (7)" in text and "Visit 4" in text
    assert "Visit 5" not in text  # five shown, the rest behind "more"
    assert "Acme Corp (negotiating) [A FOR OVER A WEEK, NOT SIGNED]" in text
    controls = buttons(home["blocks"])
    assert controls[ids.TASK_DONE] == str(tasks["Call Acme back"])
    assert controls[ids.HOME_MORE] == "upcoming"
    assert bot.send(_home_click(ids.TASK_DONE, str(tasks["Call Acme back"]), REP))[0] == 200
    bot.settle()
    clock.set(clock.now() + timedelta(seconds=6))  # past the debounce
    bot.sweep()
    again = block_texts(_view(_published(slack, REP, 2))["blocks"])
    assert "*Overdue* (0)" in again and "Call Acme back" not in again
    assert bot.send(_home_click(ids.HOME_MORE, "upcoming", REP))[0] == 200
    more = block_texts(_view(_published(slack, REP, 3))["blocks"])
    assert "Visit 6" in more


def test_a_lead_sees_the_teams_week_and_who_has_overdue_work(
        bot: RunningBot, slack: FakeSlack, clock: FakeClock) -> None:
    _seed(bot, clock)
    _open(bot, LEAD)
    text = block_texts(_view(_published(slack, LEAD, 1))["blocks"])
    assert "*Team East*: this week so far" in text
    assert "Follow-up timeliness:" in text
    assert f"*Reps with overdue tasks*: <@{REP}> 1" in text


def test_a_log_republishes_the_home_tab_once_after_the_debounce(
        bot: RunningBot, slack: FakeSlack, clock: FakeClock) -> None:
    _seed(bot, clock)
    _open(bot, REP)
    _published(slack, REP, 1)
    for text in ("Acme Corp: called Li, send the quote by Friday 3pm",
                 "Acme Corp: sent the price list, call back Saturday 10am"):
        status, _ = bot.send(slash_command(ids.COMMAND_LOG, text, user_id=REP, team_id=TEAM_ID,
                                           response_url=slack.response_url()))
        assert status == 200
    bot.settle()
    clock.set(clock.now() + timedelta(seconds=6))  # past the debounce
    bot.sweep()
    again = block_texts(_view(_published(slack, REP, 2))["blocks"])
    assert "*Today and the next 7 days* (9)" in again  # the two logs' tasks
    bot.sweep()
    assert len([c for c in slack.calls_to("views.publish")
                if c.params.get("user_id") == REP]) == 2  # two logs, one publication


def test_a_reps_home_lists_every_section_in_their_own_language(
        bot: RunningBot, slack: FakeSlack, clock: FakeClock) -> None:
    ids_ = _seed(bot, clock)  # English task titles; an A deal 20 days old
    now = clock.now()
    with bot.runtime.services.uow() as uow:
        revisit(uow, TEAM_ID, ids_["acme"], (now + timedelta(days=1)).date())
        complaint(uow, TEAM_ID, 7, REP, now - timedelta(hours=2), 15, None)  # acknowledged
        beta = uow.customers.add(Customer(
            workspace_id=TEAM_ID, name="Beta Ltd", name_key="beta ltd", owner_id=REP,
            created_by=REP, created_at=now - timedelta(days=80)))
        uow.session.add(PoolState(customer_id=beta.id, workspace_id=TEAM_ID, team="East",
                                  owner_since=now - timedelta(days=80),
                                  protected_until=now + timedelta(days=3), updated_at=now))
        uow.people.choose_language(TEAM_ID, REP, "zh")  # the team's language is English
        uow.commit()
    _open(bot, REP)
    home = _view(_published(slack, REP, 1))
    text = block_texts(home["blocks"])
    for heading, n in (("逾期", 1), ("今天和未来 7 天", 7), ("待做的回访", 1),
                       ("我的 A 类商机", 1), ("我负责的未结投诉", 1), ("即将退回公海的客户", 1)):
        assert f"*{heading}* ({n})" in text
    assert "Acme Corp：3天 回访" in text  # the step in the reader's words
    assert "#7 Acme (中, 已认领)" in text  # priority and status, not their codes
    assert "Beta Ltd：保护期至 " in text and "（Asia/Shanghai）" in text
    assert "Acme Corp (谈判) [A 类超过一周未签]" in text
    assert "Call Acme back\n到期 " in text  # its due line in the reader's words
    done = [e for b in home["blocks"] if b["type"] == "actions" for e in b["elements"]
            if e["action_id"] == ids.TASK_DONE]
    assert done and {e["text"]["text"] for e in done} == {"完成"}  # not the title's English
    assert "Overdue" not in text and "Done" not in text


def test_a_leads_home_is_in_their_own_language(
        bot: RunningBot, slack: FakeSlack, clock: FakeClock) -> None:
    _seed(bot, clock)
    with bot.runtime.services.uow() as uow:
        uow.people.choose_language(TEAM_ID, LEAD, "zh")
        uow.commit()
    _open(bot, LEAD)
    text = block_texts(_view(_published(slack, LEAD, 1))["blocks"])
    assert "*团队 East*" in text and "跟进及时率" in text
    assert f"*有逾期任务的销售*: <@{REP}> 1" in text
