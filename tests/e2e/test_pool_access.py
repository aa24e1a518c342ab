"""Who may see and work a customer follows its explicit list, through the signed HTTP endpoint
on SQLite and PostgreSQL: a former owner loses the customer after a return or a reassignment
unless it was shared with them, a pooled prospect's card is its pool team's lead's (its contact
hidden), and every command and menu re-checks on the server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from handlers import ids
from tests.e2e.harness import RunningBot, block_texts, buttons, mrkdwn_texts
from tests.e2e.test_core_loop import FRIDAY_3PM, _log, _new_customer_log
from tests.e2e.test_customer_lists import _ask
from tests.e2e.test_pool import ENDS, WARN_AT, _click
from tests.e2e.west import directory, slack  # noqa: F401 (fixtures)
from tests.fakes import TEAM_ID, FakeSlack, block_actions
from tests.support.teams import WEST_LEAD, WEST_REP

REP, MATE, LEAD = "U0REP", "U0REP2", "U0LEAD"
PHONE = "+86 138 0013 8000"
REFUSED = "Only the people who work this customer"


def _acme_with_a_phone(bot: RunningBot, slack: FakeSlack) -> int:
    _new_customer_log(bot, slack, "Acme Corp: called Li, wants a quote. Send it by Friday 3pm")
    with bot.runtime.services.uow() as uow:
        acme = uow.customers.by_key(TEAM_ID, "acme corp")
        assert acme is not None
        uow.act_as(REP, datetime(2026, 11, 23, 1, 0, tzinfo=UTC))
        acme.phone = PHONE
        uow.commit()
        return acme.id


def _card(bot: RunningBot, user: str) -> str:
    return mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", user)["blocks"])


def _stage_menu(bot: RunningBot, slack: FakeSlack, customer_id: int, user: str) -> str:
    hook = slack.response_url()
    pick = {"type": "static_select", "selected_option": {
        "text": {"type": "plain_text", "text": "Stage: lost"}, "value": f"{customer_id}:lost"}}
    click = block_actions(ids.CUSTOMER_STAGE, None, user_id=user, team_id=TEAM_ID,
                          response_url=hook, action=pick)
    assert bot.send(click)[0] == 200
    answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    return str(answer.get("text") or "") + block_texts(answer.get("blocks") or [])


def _stage(bot: RunningBot) -> str | None:
    with bot.runtime.services.uow() as uow:
        acme = uow.customers.by_key(TEAM_ID, "acme corp")
        assert acme is not None
        return acme.stage


def test_a_reassigned_customer_leaves_its_former_owner(bot: RunningBot,
                                                      slack: FakeSlack) -> None:
    acme = _acme_with_a_phone(bot, slack)
    assert PHONE in _card(bot, REP) and REFUSED in _card(bot, MATE)
    _ask(bot, ids.COMMAND_CUSTOMER, f"Acme Corp assign <@{MATE}|mate>", LEAD)
    bot.settle()

    assert REFUSED in _card(bot, REP)
    moved = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp stage lost", REP)["blocks"])
    assert REFUSED in moved
    tagged = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp tag +hot", REP)["blocks"])
    assert REFUSED in tagged
    assert REFUSED in _stage_menu(bot, slack, acme, REP)  # the card's menu, re-checked
    assert _stage(bot) is None
    listed = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMERS, "", REP)["blocks"])
    assert "Acme Corp" not in listed

    assert PHONE in _card(bot, MATE) and PHONE in _card(bot, LEAD)
    assert "Acme Corp" in mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMERS, "", MATE)["blocks"])
    assert REFUSED in _card(bot, WEST_LEAD)


def test_a_returned_prospect_is_its_pool_leads_and_the_shared_keep_it(
        bot: RunningBot, slack: FakeSlack) -> None:
    acme = _acme_with_a_phone(bot, slack)
    held = _log(bot, slack, "Acme Corp: met Li at the fair", user=WEST_REP)
    asked = _click(bot, slack, ids.LOG_ASK_SHARE, buttons(held["blocks"])[ids.LOG_ASK_SHARE],
                   WEST_REP)
    assert f"Asked <@{REP}> to share" in asked["text"]
    request = slack.wait_for(lambda c: c.method == "chat.postMessage"
                             and c.params["channel"] == REP and "asks you to share" in c.text)
    _click(bot, slack, ids.LOG_SHARE, buttons(request.blocks)[ids.LOG_SHARE], REP)
    assert "Acme Corp" in _card(bot, WEST_REP) and PHONE not in _card(bot, WEST_REP)

    bot.at(WARN_AT)
    bot.at(ENDS)
    bot.at(ENDS + timedelta(hours=1))  # back in East's pool
    card = _card(bot, LEAD)
    assert "in East's pool since" in card and PHONE not in card
    assert "Contact details are shown to the owner" in card
    for former_or_other in (REP, MATE):
        assert REFUSED in _card(bot, former_or_other)
    assert REFUSED in _stage_menu(bot, slack, acme, REP)
    assert "Acme Corp" not in mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMERS, "", REP)["blocks"])
    # Shared with West's rep before the return: they keep it, and their lead sees it.
    assert "in East's pool since" in _card(bot, WEST_REP)
    assert "in East's pool since" in _card(bot, WEST_LEAD)
    assert "Acme Corp" in mrkdwn_texts(
        _ask(bot, ids.COMMAND_CUSTOMERS, "", WEST_REP)["blocks"])

    # The former owner's log names a pooled prospect of their own team: it attaches (the
    # team's pool is the team's) but puts nobody on the list.
    logged = _log(bot, slack, "Acme Corp: Li called back, still keen", user=REP)
    assert "Logged" in logged["text"]
    assert REFUSED in _card(bot, REP)

    claimed = _click(bot, slack, ids.POOL_CLAIM, str(acme), MATE)
    assert "is yours" in mrkdwn_texts(claimed["blocks"])
    assert PHONE in _card(bot, MATE) and REFUSED in _card(bot, REP)


def _menu(card: dict) -> dict | None:
    return next((e for b in card["blocks"] if b.get("type") == "actions"
                 for e in b["elements"] if e["action_id"] == ids.CUSTOMER_ASSIGN), None)


def _pick(bot: RunningBot, slack: FakeSlack, customer_id: int, user: str, to: str,
          block_id: str | None = None) -> str:
    hook = slack.response_url()
    click = block_actions(ids.CUSTOMER_ASSIGN, None, user_id=user, team_id=TEAM_ID,
                          response_url=hook, block_id=block_id or f"customer_{customer_id}",
                          action={"type": "users_select", "selected_user": to})
    status, body = bot.send(click)
    assert status == 200 and not body  # answered first: the work is done after
    answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    return mrkdwn_texts(answer["blocks"])


def _text(bot: RunningBot, slack: FakeSlack, user: str, block_id: str) -> str:
    hook = slack.response_url()
    bot.send(block_actions(ids.CUSTOMER_ASSIGN, None, user_id=user, team_id=TEAM_ID,
                           response_url=hook, block_id=block_id,
                           action={"type": "users_select", "selected_user": MATE}))
    answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    return str(answer.get("text") or "") + block_texts(answer.get("blocks") or [])


def test_the_cards_reassign_menu_is_for_the_lead_and_rechecked_on_the_click(
        bot: RunningBot, slack: FakeSlack) -> None:
    acme = _acme_with_a_phone(bot, slack)
    assert _menu(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", REP)) is None
    lead_card = _ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", LEAD)
    menu = _menu(lead_card)
    assert menu is not None and menu["type"] == "users_select"
    block = next(b for b in lead_card["blocks"] if _menu({"blocks": [b]}) is not None)

    # The owner crafting the lead's click, and another team's lead: refused, nothing moves.
    for outsider in (REP, WEST_LEAD):
        assert "it is for the owner's team lead and admins" in _pick(
            bot, slack, acme, outsider, MATE, block["block_id"])
    assert "Nothing was changed" in _text(bot, slack, LEAD, "customer_x")  # a crafted block
    assert PHONE in _card(bot, REP)

    moved = _pick(bot, slack, acme, LEAD, MATE, block["block_id"])
    assert f"*Acme Corp* is now <@{MATE}>'s (from <@{REP}>)" in moved
    assert PHONE in _card(bot, MATE) and REFUSED in _card(bot, REP)
    history = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp history", LEAD)["blocks"])
    assert f"<@{LEAD}> gave it to <@{MATE}> from <@{REP}> (reassigned by a lead)" in history


def test_a_moved_snoozed_tasks_snooze_end_goes_to_the_new_owner(bot: RunningBot,
                                                               slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    bot.at(FRIDAY_3PM - timedelta(days=1))  # the day-before reminder, snoozed to tomorrow
    reminder = slack.wait_for(lambda c: c.method == "chat.postMessage"
                              and c.params["channel"] == REP)
    hook = slack.response_url()
    bot.send(block_actions(ids.TASK_SNOOZE_TOMORROW, buttons(reminder.params["blocks"])[
        ids.TASK_DONE], user_id=REP, team_id=TEAM_ID, response_url=hook,
        message=reminder.response["message"]))
    slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    _ask(bot, ids.COMMAND_CUSTOMER, f"Acme Corp assign <@{MATE}|mate>", LEAD)
    bot.settle()
    slack.reset()

    bot.at(datetime(2026, 11, 27, 1, 0, tzinfo=UTC))  # Friday 09:00 Shanghai: the snooze ends
    back = slack.wait_for(lambda c: c.method == "chat.postMessage"
                          and "Back from snooze" in block_texts(c.params.get("blocks") or []))
    assert back.params["channel"] == MATE
    bot.at(FRIDAY_3PM)  # and the task's next reminder is the new owner's too
    sent = [c.params["channel"] for c in slack.calls_to("chat.postMessage")]
    assert REP not in sent and sent.count(MATE) >= 2
