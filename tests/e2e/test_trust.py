"""Trust boundaries through the HTTP endpoint: who sees a customer, and user text stays inert."""

from __future__ import annotations

from handlers import ids
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.e2e.test_core_loop import LEAD, REP, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, slash_command


def _customer(bot: RunningBot, user: str, text: str) -> dict:
    body = bot.ask(ids.COMMAND_CUSTOMER, text, user)  # answered after "working on it"
    assert body["response_type"] == "ephemeral"
    return body


def test_contact_details_only_for_owner_and_lead(bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    with bot.runtime.services.uow() as uow:
        customer = uow.customers.by_key(TEAM_ID, "acme corp")
        customer.phone = "+86 138 0000 0000"
        uow.commit()
    assert "+86 138 0000 0000" in mrkdwn_texts(_customer(bot, REP, "Acme Corp")["blocks"])
    assert "+86 138 0000 0000" in mrkdwn_texts(_customer(bot, LEAD, "Acme Corp")["blocks"])
    refused = _customer(bot, "U0REP2", "Acme Corp")
    assert "+86" not in str(refused) and "Only the people who work this customer" in str(refused)


def test_history_through_slack_shows_changes_and_keeps_names_inert(bot: RunningBot,
                                                                   slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "<!here> Corp: send quote by Friday 3pm")
    body = _customer(bot, REP, "<!here> Corp history")
    shown = mrkdwn_texts(body["blocks"])
    assert "History" in shown and f"<@{REP}>" in shown
    assert "Log #1 · Status: waiting for its customer → recorded, by" in shown
    assert "<!here>" not in shown and "&lt;!here&gt; Corp" in shown


def test_customer_help(bot: RunningBot) -> None:
    assert "history" in mrkdwn_texts(_customer(bot, REP, "help")["blocks"])


def test_team_shows_the_team_and_the_role(bot: RunningBot) -> None:
    _, body = bot.send(slash_command(ids.COMMAND_TEAM, "", user_id=LEAD, team_id=TEAM_ID))
    shown = mrkdwn_texts(body["blocks"])
    assert "*East* — you are its lead" in shown and "<#C0EAST>" in shown
    assert f"<@{REP}>" in shown and "Asia/Shanghai" in shown
    _, body = bot.send(slash_command(ids.COMMAND_TEAM, "", user_id="U0NOTEAM", team_id=TEAM_ID))
    assert "not in a team yet" in mrkdwn_texts(body["blocks"])
