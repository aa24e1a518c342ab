"""The core loop through the real HTTP endpoint: /log, DMs, buttons, reminders, retries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from handlers import ids
from store.models import FollowUp, Task
from tests.e2e.harness import RunningBot, block_texts, buttons, mrkdwn_texts
from tests.fakes import (
    TEAM_ID,
    FakeSlack,
    block_actions,
    dm_message,
    slash_command,
    view_submission,
)

REP, LEAD = "U0REP", "U0LEAD"
FRIDAY_3PM = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def _count(bot: RunningBot, model: type) -> int:
    with bot.runtime.services.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def _log(bot: RunningBot, slack: FakeSlack, text: str, user: str = REP) -> dict:
    """/log: the instant answer says the text is saved; what was read replaces it."""
    hook = slack.response_url()
    status, body = bot.send(slash_command(ids.COMMAND_LOG, text, user_id=user, team_id=TEAM_ID,
                                          response_url=hook))
    assert status == 200 and isinstance(body, dict)
    assert body["response_type"] == "ephemeral" and "Saved" in body["text"]
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def _new_customer_log(bot: RunningBot, slack: FakeSlack, text: str) -> dict:
    """Log about a new customer and press "Create"; returns what replaced the message."""
    body = _log(bot, slack, text)
    assert "Which customer" in body["text"] and body["replace_original"] is True
    hook = slack.response_url()
    click = block_actions(ids.LOG_CREATE_CUSTOMER, buttons(body["blocks"])[ids.LOG_CREATE_CUSTOMER],
                          user_id=REP, team_id=TEAM_ID, response_url=hook)
    assert bot.send(click)[0] == 200
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def test_log_to_task_to_reminders_to_overdue(bot: RunningBot, slack: FakeSlack, clock) -> None:
    answer = _new_customer_log(bot, slack, "Acme Corp: called Li, wants a quote for 20 seats. "
                                           "Send quote by Friday 3pm")
    shown = block_texts(answer["blocks"])
    assert answer["replace_original"] is True
    assert "Acme Corp" in shown and "Fri, 27 Nov 2026 15:00 (Asia/Shanghai)" in shown
    assert _count(bot, Task) == 1

    bot.at(FRIDAY_3PM - timedelta(days=1))
    before = slack.wait_for(lambda c: c.method == "chat.postMessage" and c.params["channel"] == REP)
    assert "Due tomorrow" in block_texts(before.params["blocks"])
    assert ids.TASK_DONE in buttons(before.params["blocks"])

    bot.at(FRIDAY_3PM)
    bot.at(FRIDAY_3PM + timedelta(hours=1))
    # The sender thread, woken by the overdue mark, may be the one that sends these.
    slack.wait_for(lambda c: c.method == "chat.postMessage" and c.params["channel"] == LEAD)
    slack.wait_for(lambda c: c.method == "chat.postMessage" and "Overdue" in (c.text or "")
                   and c.params["channel"] == REP)
    bot.sweep()
    to_rep = [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == REP]
    to_lead = [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == LEAD]
    assert [c.text.split(":")[0] for c in to_rep] == ["⏰ Due tomorrow", "⏰ Due now", "🔴 Overdue"]
    assert len(to_lead) == 1 and f"<@{REP}>" in to_lead[0].text


def test_done_button_closes_task_and_stops_reminders(bot: RunningBot, slack: FakeSlack,
                                                     clock) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    listing = bot.ask(ids.COMMAND_TASKS, "", REP)  # in place of "working on it"
    assert "open tasks: 1" in listing["text"]
    task_id = buttons(listing["blocks"])[ids.TASK_DONE]
    hook = slack.response_url()
    for _ in range(2):  # a double click
        bot.send(block_actions(ids.TASK_DONE, task_id, user_id=REP, team_id=TEAM_ID,
                               response_url=hook))
    done = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert "Done" in block_texts(done.params["blocks"])
    bot.at(FRIDAY_3PM + timedelta(days=1))
    assert [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == REP] == []


def test_snooze_button_holds_reminders_until_tomorrow_morning(bot: RunningBot, slack: FakeSlack,
                                                              clock) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    bot.at(FRIDAY_3PM - timedelta(days=1))
    reminder = slack.wait_for(lambda c: c.method == "chat.postMessage")
    hook = slack.response_url()
    task_id = buttons(reminder.params["blocks"])[ids.TASK_DONE]
    bot.send(block_actions(ids.TASK_SNOOZE_TOMORROW, task_id,
                           user_id=REP, team_id=TEAM_ID, response_url=hook,
                           message=reminder.response["message"]))
    snoozed = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert "Snoozed" in block_texts(snoozed.params["blocks"])
    bot.at(datetime(2026, 11, 27, 1, 0, tzinfo=UTC))  # Friday 09:00 Shanghai
    back = slack.wait_for(lambda c: c.method == "chat.postMessage" and "snooze" in (c.text or ""))
    assert back.params["channel"] == REP


def test_dm_is_a_log_and_a_slack_retry_adds_nothing(bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact")
    first = dm_message("Called Acme Corp, Li wants a quote, send it by Friday 3pm",
                       user_id=REP, team_id=TEAM_ID)
    assert bot.send(first)[0] == 200
    reply = slack.wait_for(lambda c: c.method == "chat.postMessage")
    assert "Logged" in reply.text and reply.params["channel"] == first.payload["event"]["channel"]
    retry = dm_message("Called Acme Corp, Li wants a quote, send it by Friday 3pm",
                       user_id=REP, team_id=TEAM_ID, ts=first.payload["event"]["ts"],
                       client_msg_id=first.payload["event"]["client_msg_id"],
                       channel=first.payload["event"]["channel"])
    from tests.fakes import event as event_request
    again = event_request(retry.payload["event"], team_id=TEAM_ID,
                          event_id=first.payload["event_id"], retry_num=1,
                          retry_reason="http_timeout")
    assert bot.send(again)[0] == 200
    bot.sweep()
    assert _count(bot, FollowUp) == 2 and _count(bot, Task) == 1  # the first had no next step
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_edit_button_opens_modal_and_submission_updates_the_log(bot: RunningBot,
                                                                slack: FakeSlack) -> None:
    answer = _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    hook = slack.response_url()
    log_id = buttons(answer["blocks"])[ids.LOG_EDIT]
    bot.send(block_actions(ids.LOG_EDIT, log_id, user_id=REP, team_id=TEAM_ID, response_url=hook))
    opened = slack.wait_for("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == ids.VIEW_EDIT_LOG
    values = {ids.FIELD_CUSTOMER: {ids.FIELD_CUSTOMER: "Acme Corp"},
              ids.FIELD_SUMMARY: {ids.FIELD_SUMMARY: "met Li"},
              ids.FIELD_NEXT_STEP: {ids.FIELD_NEXT_STEP: "send revised quote"},
              ids.FIELD_WHEN: {ids.FIELD_WHEN: "whenever"}}
    status, body = bot.send(view_submission(ids.VIEW_EDIT_LOG, values, user_id=REP,
                                            team_id=TEAM_ID,
                                            private_metadata=view["private_metadata"]))
    # The times are read by the worker after Slack has its answer (never Duckling while Slack
    # waits): one it cannot read is said below the log, which is left as it was.
    assert status == 200 and body == ""
    refused = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert refused.params["replace_original"] is False
    assert "Not saved: I could not read" in block_texts(refused.params["blocks"])
    assert "whenever" in block_texts(refused.params["blocks"])
    slack.reset()
    values[ids.FIELD_WHEN] = {ids.FIELD_WHEN: "tomorrow 10am"}
    status, body = bot.send(view_submission(ids.VIEW_EDIT_LOG, values, user_id=REP,
                                            team_id=TEAM_ID,
                                            private_metadata=view["private_metadata"]))
    assert status == 200
    updated = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert "send revised quote" in block_texts(updated.params["blocks"])
    assert "Tue, 24 Nov 2026 10:00" in block_texts(updated.params["blocks"])


def test_rate_limited_reminder_is_retried_and_sent_once(bot: RunningBot, slack: FakeSlack,
                                                        clock) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    slack.rate_limit("chat.postMessage", times=1, retry_after=1)
    bot.at(FRIDAY_3PM - timedelta(days=1))
    # Slack's Retry-After defers the message (no thread sleeps it out): due a second later.
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [429]
    bot.at(FRIDAY_3PM - timedelta(days=1) + timedelta(seconds=1))
    posts = slack.calls_to("chat.postMessage")
    assert [c.status for c in posts] == [429, 200]


def test_restart_sends_missed_reminder_late_and_only_once(db_url, slack: FakeSlack, clock,
                                                          directory) -> None:
    first = RunningBot(db_url, slack, clock, directory)
    try:
        _new_customer_log(first, slack, "Acme Corp: send quote by Friday 3pm")
    finally:
        first.stop()
    clock.set(FRIDAY_3PM + timedelta(minutes=30))  # down through both reminders
    second = RunningBot(db_url, slack, clock, directory)
    try:
        second.sweep()
        second.sweep()
    finally:
        second.stop()
    to_rep = [c for c in slack.calls_to("chat.postMessage") if c.params["channel"] == REP]
    assert [c.text.split(":")[0] for c in to_rep] == ["⏰ Due tomorrow", "⏰ Due now"]
    assert all("while the bot was offline" in block_texts(c.params["blocks"]) for c in to_rep)


def test_bad_signature_and_stale_timestamp_are_refused(bot: RunningBot) -> None:
    forged = slash_command(ids.COMMAND_LOG, "Acme: hi", user_id=REP, team_id=TEAM_ID,
                           signing_secret="not-the-secret")
    assert bot.send(forged)[0] == 401
    import time
    stale = slash_command(ids.COMMAND_LOG, "Acme: hi", user_id=REP, team_id=TEAM_ID,
                          timestamp=int(time.time()) - 301)
    assert bot.send(stale)[0] == 401
    assert _count(bot, FollowUp) == 0


def test_every_command_answers_help(bot: RunningBot) -> None:
    for command in ids.COMMANDS:
        for text in ("", "help"):
            if command in (ids.COMMAND_TASKS, ids.COMMAND_TEAM, ids.COMMAND_REVIEW,
                           ids.COMMAND_CUSTOMERS, ids.COMMAND_STATS) and text == "":
                continue  # these do their work without words (a bare /review posts it)
            body = bot.ask(command, text, REP)  # the help, or what follows "working on it"
            assert body["response_type"] == "ephemeral"
            assert command in block_texts(body["blocks"])


def test_tasks_of_someone_else_for_lead_only(bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    mention = f"<@{REP}|rep>"
    refused = bot.ask(ids.COMMAND_TASKS, mention, "U0REP2")
    assert "team lead" in refused["text"]
    shown = bot.ask(ids.COMMAND_TASKS, mention, LEAD)
    assert f"<@{REP}>'s open tasks: 1" in shown["text"]


def test_hostile_text_is_stored_whole_and_shown_inert(bot: RunningBot, slack: FakeSlack) -> None:
    text = "<!channel> <@U0LEAD> <https://evil.example|bank>: wants a quote" + "x" * 5000
    body = _log(bot, slack, text)
    shown = mrkdwn_texts(body["blocks"])
    assert "<!channel>" not in shown and "<@U0LEAD>" not in shown and "<https://" not in shown
    assert "&lt;!channel&gt;" in shown
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in body["blocks"])
    with bot.runtime.services.uow() as uow:
        stored = uow.session.scalars(select(FollowUp)).one()
        assert stored.raw_text == text


def test_a_request_from_another_workspace_sees_and_changes_nothing(bot: RunningBot,
                                                                   slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    listing = bot.ask(ids.COMMAND_TASKS, "", REP)
    task_id = buttons(listing["blocks"])[ids.TASK_DONE]
    # The same user id, in a workspace the bot is not installed in.
    status, body = bot.send(slash_command(ids.COMMAND_TASKS, "", user_id=REP, team_id="T0OTHER"))
    assert status == 200 and "not installed in your workspace" in body["text"]
    hook = slack.response_url()
    assert bot.send(block_actions(ids.TASK_DONE, task_id, user_id=REP, team_id="T0OTHER",
                                  response_url=hook))[0] == 200
    status, body = bot.send(slash_command(ids.COMMAND_LOG, "Acme Corp: sneaky", user_id=REP,
                                          team_id="T0OTHER"))
    assert "not installed" in body["text"]
    bot.settle()
    with bot.runtime.services.uow() as uow:
        assert uow.tasks.get(TEAM_ID, int(task_id)).status == "open"
    assert _count(bot, FollowUp) == 1
    assert slack.response_posts(hook) == []


def test_a_crafted_click_on_someone_elses_task_is_refused(bot: RunningBot,
                                                          slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    listing = bot.ask(ids.COMMAND_TASKS, "", REP)
    task_id = buttons(listing["blocks"])[ids.TASK_DONE]
    hook = slack.response_url()
    for action in (ids.TASK_DONE, ids.TASK_SNOOZE_1H):
        bot.send(block_actions(action, task_id, user_id="U0REP2", team_id=TEAM_ID,
                               response_url=hook))
    refusals = [slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)]
    bot.settle()
    refusals = slack.response_posts(hook)
    assert len(refusals) == 2
    for refusal in refusals:
        assert refusal.params["replace_original"] is False
        assert refusal.params["response_type"] == "ephemeral"
        assert "only change your own tasks" in refusal.params["text"]
    with bot.runtime.services.uow() as uow:
        task = uow.tasks.get(TEAM_ID, int(task_id))
        assert task.status == "open" and task.snoozed_until is None
    # Their lead may close it.
    lead_hook = slack.response_url()
    bot.send(block_actions(ids.TASK_DONE, task_id, user_id=LEAD, team_id=TEAM_ID,
                           response_url=lead_hook))
    assert "Done" in slack.wait_for(lambda c: c.url == lead_hook).params["text"]


def test_reschedule_button_opens_a_form_and_moves_the_task(bot: RunningBot,
                                                           slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    listing = bot.ask(ids.COMMAND_TASKS, "", REP)
    task_id = buttons(listing["blocks"])[ids.TASK_RESCHEDULE]
    hook = slack.response_url()
    bot.send(block_actions(ids.TASK_RESCHEDULE, task_id, user_id=REP, team_id=TEAM_ID,
                           response_url=hook))
    view = slack.wait_for("views.open").params["view"]
    assert view["callback_id"] == ids.VIEW_RESCHEDULE
    status, body = bot.send(view_submission(
        ids.VIEW_RESCHEDULE, {ids.FIELD_WHEN: {ids.FIELD_WHEN: "next Tuesday 10am"}},
        user_id=REP, team_id=TEAM_ID, private_metadata=view["private_metadata"]))
    assert status == 200
    moved = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert "Rescheduled" in moved.params["text"]
    assert "Tue, 1 Dec 2026 10:00 (Asia/Shanghai)" in block_texts(moved.params["blocks"])
