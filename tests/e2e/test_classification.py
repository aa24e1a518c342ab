"""Pipeline moves through the HTTP endpoint: from a /log, by /customer, shown in the history."""

from __future__ import annotations

from handlers import ids
from tests.e2e.harness import RunningBot, block_texts, mrkdwn_texts
from tests.e2e.test_core_loop import REP, _log, _new_customer_log
from tests.fakes import FakeSlack


def _customer(bot: RunningBot, user: str, text: str) -> dict:
    body = bot.ask(ids.COMMAND_CUSTOMER, text, user)  # answered after "working on it"
    assert body["response_type"] == "ephemeral"
    return body


def test_a_log_moves_the_stage_and_the_history_shows_it(bot: RunningBot,
                                                        slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, send deck by Friday 3pm")
    answer = _log(bot, slack, "Acme Corp: met Li, moved Acme Corp to negotiating")
    assert "Acme Corp" in block_texts(answer["blocks"])
    card = mrkdwn_texts(_customer(bot, REP, "Acme Corp")["blocks"])
    assert "Stage negotiating" in card and "Likelihood —" in card
    history = mrkdwn_texts(_customer(bot, REP, "Acme Corp history")["blocks"])
    assert f"Stage: — → negotiating, by <@{REP}>" in history


def test_the_command_moves_likelihood_and_says_it_was_an_upgrade(bot: RunningBot,
                                                                  slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first contact, send deck by Friday 3pm")
    _customer(bot, REP, "Acme Corp likelihood C")
    moved = mrkdwn_texts(_customer(bot, REP, "Acme Corp likelihood A")["blocks"])
    assert "likelihood: C → A" in moved and "upgrade" in moved
    staged = mrkdwn_texts(_customer(bot, REP, "Acme Corp 阶段 谈判")["blocks"])
    assert "*Acme Corp* · 阶段：— → 谈判" in staged  # typed in Chinese: answered in it
    refused = _customer(bot, "U0REP2", "Acme Corp tier A")
    assert "Only the people who work this customer" in mrkdwn_texts(refused["blocks"])
    wrong = mrkdwn_texts(_customer(bot, REP, "Acme Corp stage maybe")["blocks"])
    assert "not a stage" in wrong
