"""Tags and /customers through the HTTP endpoint, with Slack's escaped mentions."""

from __future__ import annotations

from handlers import ids
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.e2e.test_core_loop import REP, _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, block_actions


def _ask(bot: RunningBot, command: str, text: str, user: str = REP) -> dict:
    body = bot.ask(command, text, user)  # answered after "working on it", on its response_url
    assert body["response_type"] == "ephemeral"
    return body


def test_tag_a_customer_then_find_it_by_tag_stage_and_owner(bot: RunningBot,
                                                            slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, send deck by Friday 3pm")
    tagged = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER,
                               "Acme Corp tag +Urgent +制造业 -cold")["blocks"])
    assert "Tags: +Urgent +制造业" in tagged and "`Urgent`" in tagged
    _ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp stage negotiating")
    found = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMERS,
                              f"tag:urgent tag:制造业 stage:negotiating owner:<@{REP}|rep>")
                         ["blocks"])
    # A filter typed with Chinese in it is answered in Chinese.
    assert "*1 个客户*" in found and "Acme Corp" in found and "谈判" in found
    english = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMERS, "tag:urgent stage:negotiating")
                           ["blocks"])
    assert "*1 customer*" in english and "negotiating" in english
    assert "No customers you can see" in mrkdwn_texts(
        _ask(bot, ids.COMMAND_CUSTOMERS, "tag:urgent", user="U0REP2")["blocks"])
    lead = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMERS, "owner:<@U0REP>", user="U0LEAD")
                        ["blocks"])
    assert "Acme Corp" in lead


def test_customers_help_and_bad_filters_explain_themselves(bot: RunningBot) -> None:
    assert "owner:me" in mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMERS, "help")["blocks"])
    wrong = _ask(bot, ids.COMMAND_CUSTOMERS, "stage:maybe colour:red")
    text = mrkdwn_texts(wrong["blocks"])
    assert wrong["text"] == "Filter not understood"
    assert "`maybe` is not a stage; use inquiry, first_meeting" in text
    assert "`colour:red` is not a filter" in text


def test_open_on_a_listed_customer_shows_its_card_to_the_viewer(bot: RunningBot,
                                                               slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, send deck by Friday 3pm")
    listed = _ask(bot, ids.COMMAND_CUSTOMERS, "owner:me")
    row = next(b for b in listed["blocks"] if "accessory" in b)
    assert row["accessory"]["action_id"] == ids.CUSTOMER_OPEN
    hook = slack.response_url()
    assert bot.send(block_actions(ids.CUSTOMER_OPEN, row["accessory"]["value"], user_id=REP,
                                  team_id=TEAM_ID, response_url=hook))[0] == 200
    card = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook)
    assert card.params["replace_original"] is False
    assert "Acme Corp" in mrkdwn_texts(card.params["blocks"])
    other = slack.response_url()
    bot.send(block_actions(ids.CUSTOMER_OPEN, row["accessory"]["value"], user_id="U0REP2",
                           team_id=TEAM_ID, response_url=other))
    refused = slack.wait_for(lambda c: c.method == "response_url" and c.url == other)
    assert "Only the people who work this customer" in mrkdwn_texts(refused.params["blocks"])
