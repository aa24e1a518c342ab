"""Before working a customer a rep sees whose it is (issue 15): the duplicate warning of
`/customer new` and the reply to a log naming someone else's customer say "owner … protected
until …" or "in East's pool since …", in English and Chinese. Through the signed HTTP endpoint
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

from handlers import ids
from tests.e2e.harness import RunningBot, block_texts, mrkdwn_texts
from tests.e2e.test_core_loop import _log, _new_customer_log
from tests.e2e.test_customer_forms import _open_form, _values
from tests.e2e.test_pool import ENDS, WARN_AT
from tests.e2e.west import directory, slack  # noqa: F401 (fixtures)
from tests.fakes import TEAM_ID, FakeSlack, slash_command, view_submission
from tests.support.teams import WEST_REP

REP, MATE, LEAD = "U0REP", "U0REP2", "U0LEAD"
OWNED = f"owner <@{REP}> · protected until Wed, 23 Dec 2026 (Asia/Shanghai)"
POOLED = (f"in East's pool since Wed, 23 Dec 2026 (Asia/Shanghai) (was <@{REP}>'s): "
          "`/pool` to claim it")


def _warning(bot: RunningBot, slack: FakeSlack, user: str, **typed: str) -> str:
    view, _ = _open_form(bot, slack)
    status, body = bot.send(view_submission(view["callback_id"], _values(**typed),
                                            user_id=user, team_id=TEAM_ID,
                                            private_metadata=view["private_metadata"],
                                            view_id=view["id"]))
    assert status == 200 and isinstance(body, dict) and body["response_action"] == "update"
    bot.settle()  # the worker looks for look-alikes and puts the form back under a warning
    bot.past_the_answer()  # once Slack has applied "Checking…"
    return mrkdwn_texts(slack.wait_for(lambda c: c.method == "views.update" and c.params[
        "view_id"] == view["id"]).params["view"]["blocks"])


def test_the_duplicate_warning_and_a_log_say_whose_the_customer_is(
        bot: RunningBot, slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: called Li, wants a quote. Send it by Friday 3pm")
    own = _log(bot, slack, "Acme Corp: sent Li the brochure")
    assert "protected until" not in block_texts(own["blocks"])  # your own: nothing to say
    rows = mrkdwn_texts(bot.ask(ids.COMMAND_CUSTOMERS, "", REP)["blocks"])
    assert "protected until Wed, 23 Dec 2026 (Asia/Shanghai)" in rows  # /customers says it

    warning = _warning(bot, slack, MATE, name="Acme Corp")
    assert f"*Acme Corp* has the same name · {OWNED}" in warning
    mate = _log(bot, slack, "Acme Corp: visited Li, he wants a demo", user=MATE)
    assert f"*Acme Corp*: {OWNED}" in block_texts(mate["blocks"])
    # The teammate's log put them on the customer's list, in its history in words.
    history = mrkdwn_texts(bot.ask(ids.COMMAND_CUSTOMER, "Acme Corp history", MATE)["blocks"])
    assert f"<@{MATE}> logged on it and works it from then on" in history
    held = _log(bot, slack, "Acme Corp: met Li at the fair", user=WEST_REP)
    assert f"*Acme Corp*: {OWNED}" in block_texts(held["blocks"])

    bot.at(WARN_AT)  # the warning, and the lead's digest of that morning says so
    digest = slack.wait_for(lambda c: c.method == "chat.postMessage"
                            and c.params["channel"] == LEAD and "Returning to the pool" in
                            block_texts(c.params.get("blocks") or []))
    assert (f"*Acme Corp* · <@{REP}> · returns Wed, 23 Dec 2026 09:00 (Asia/Shanghai)"
            in block_texts(digest.params["blocks"]))
    bot.at(ENDS)
    bot.at(ENDS + timedelta(hours=1))  # back in East's pool
    rows = mrkdwn_texts(bot.ask(ids.COMMAND_CUSTOMERS, "", LEAD)["blocks"])
    assert "Acme Corp" in rows and "in the pool" in rows
    warning = _warning(bot, slack, MATE, name="ACME corp")
    assert f"*Acme Corp* has the same name · {POOLED}" in warning
    pooled = _log(bot, slack, "Acme Corp: Li called, asks for the price list", user=MATE)
    assert f"*Acme Corp*: {POOLED}" in block_texts(pooled["blocks"])
    hook = slack.response_url()
    bot.send(slash_command(ids.COMMAND_LOG, "Acme Corp：拜访了李总，下周二发报价", user_id=MATE,
                           team_id=TEAM_ID, response_url=hook))
    in_chinese = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params
    assert ("*Acme Corp*：2026年12月23日周三（Asia/Shanghai） 起在 East 的公海中（原负责人 "
            "<@U0REP>）：用 `/pool` 领取") in block_texts(in_chinese["blocks"])
