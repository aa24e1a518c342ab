"""The pool end to end through the signed HTTP endpoint and the fake Slack: the owner is
warned once (a DM, their morning message and the lead's digest), asks the lead for more time,
the prospect returns once, two reps claim it at the same moment (exactly one wins, the other is
told who), and the lead reassigns it with its open task. On SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from handlers import ids
from store.models import Task
from tests.e2e.harness import RunningBot, block_texts, buttons, mrkdwn_texts
from tests.e2e.test_core_loop import _log, _new_customer_log
from tests.e2e.test_customer_lists import _ask
from tests.fakes import TEAM_ID, FakeSlack, block_actions

REP, MATE, LEAD = "U0REP", "U0REP2", "U0LEAD"
WARN_AT = datetime(2026, 12, 18, 1, 0, tzinfo=UTC)  # 30 days from the clock, 3 days before
ENDS = datetime(2026, 12, 23, 1, 0, tzinfo=UTC)


def _dms(slack: FakeSlack, user: str, words: str) -> list[dict]:
    return [c.params for c in slack.messages_to(user)
            if words in block_texts(c.params.get("blocks") or [])]


def _click(bot: RunningBot, slack: FakeSlack, action_id: str, value: str, user: str) -> dict:
    hook = slack.response_url()
    assert bot.send(block_actions(action_id, value, user_id=user, team_id=TEAM_ID,
                                  response_url=hook))[0] == 200
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook).params


def test_warn_then_return_then_a_claim_race_then_a_reassignment(bot: RunningBot,
                                                                slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: called Li, wants a quote. Send it by Friday 3pm")
    bot.at(WARN_AT - timedelta(hours=1))
    assert not _dms(slack, REP, "returns to the team's pool")
    bot.at(WARN_AT)
    bot.at(WARN_AT + timedelta(hours=2))  # a later sweep warns nobody again
    # The warning DM, and the owner's morning message (at the same digest time) lists it
    # with the same two buttons; the lead's digest lists it too.
    (morning,) = _dms(slack, REP, "About to return to the pool: 1 prospect of yours")
    (warning,) = [d for d in _dms(slack, REP, "returns to the team's pool") if d is not morning]
    assert "Wed, 23 Dec 2026 09:00 (Asia/Shanghai)" in block_texts(warning["blocks"])
    assert "*Acme Corp* returns to the team's pool on Wed, 23 Dec 2026 09:00 (Asia/Shanghai)" \
        in block_texts(morning["blocks"])
    assert buttons(morning["blocks"]) == buttons(warning["blocks"])
    from_morning = _click(bot, slack, ids.POOL_LOG, buttons(morning["blocks"])[ids.POOL_LOG],
                          REP)
    assert "`Acme Corp:`" in mrkdwn_texts(from_morning["blocks"])
    assert from_morning["replace_original"] is False  # the morning message stays whole
    (digest,) = _dms(slack, LEAD, "Returning to the pool soon (1)")
    assert "*Acme Corp* · <@U0REP>" in block_texts(digest["blocks"])
    controls = buttons(warning["blocks"])
    assert set(controls) == {ids.POOL_LOG, ids.POOL_ASK_TIME}
    how = _click(bot, slack, ids.POOL_LOG, controls[ids.POOL_LOG], REP)
    assert "`Acme Corp:`" in mrkdwn_texts(how["blocks"]) and how["replace_original"] is False
    asked = _click(bot, slack, ids.POOL_ASK_TIME, controls[ids.POOL_ASK_TIME], REP)
    assert f"Asked <@{LEAD}> for more time" in mrkdwn_texts(asked["blocks"])
    bot.settle()
    (request,) = _dms(slack, LEAD, "asks for more time")
    assert ids.POOL_GIVE_TIME in buttons(request["blocks"])
    # Someone else pressing the owner's button is refused on the server.
    refused = _click(bot, slack, ids.POOL_ASK_TIME, controls[ids.POOL_ASK_TIME], MATE)
    assert "is not yours" in mrkdwn_texts(refused["blocks"])

    bot.at(ENDS)  # the lead gave no more time: it returns
    bot.at(ENDS + timedelta(hours=1))
    (returned,) = _dms(slack, REP, "went back to East's pool")
    assert "protection ended" in block_texts(returned["blocks"])

    card = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", LEAD)["blocks"])
    assert "in East's pool since Wed, 23 Dec 2026 (Asia/Shanghai) (was <@U0REP>'s)" in card
    listed = _ask(bot, ids.COMMAND_POOL, "", MATE)
    text = mrkdwn_texts(listed["blocks"])
    assert "*East's pool*" in text and "Acme Corp" in text and "protection ended" in text
    row = next(b for b in listed["blocks"] if "accessory" in b)
    assert row["accessory"]["action_id"] == ids.POOL_CLAIM

    hooks = {user: slack.response_url() for user in (MATE, LEAD)}
    start = threading.Barrier(2)

    def claim(user: str) -> None:
        request = block_actions(ids.POOL_CLAIM, row["accessory"]["value"], user_id=user,
                                team_id=TEAM_ID, response_url=hooks[user])
        start.wait()
        assert bot.send(request)[0] == 200

    threads = [threading.Thread(target=claim, args=(u,)) for u in hooks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    answers = {u: mrkdwn_texts(slack.wait_for(
        lambda c, h=h: c.method == "response_url" and c.url == h).params["blocks"])
        for u, h in hooks.items()}
    winners = [u for u, a in answers.items() if "is yours" in a]
    assert len(winners) == 1
    winner = winners[0]
    loser = next(u for u in hooks if u != winner)
    assert f"<@{winner}> claimed *Acme Corp* first." in answers[loser]

    card = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", LEAD)["blocks"])
    assert f"owner <@{winner}> · protected until Fri, 22 Jan 2027 (Asia/Shanghai)" in card
    _log(bot, slack, "Acme Corp: met Li again, send the revised quote by Monday 10am",
         user=winner)
    bot.settle()
    assigned = _ask(bot, ids.COMMAND_CUSTOMER, f"Acme Corp assign <@{REP}|rep>", LEAD)
    assert f"now <@{REP}>'s (from <@{winner}>)" in mrkdwn_texts(assigned["blocks"])
    bot.settle()
    with bot.runtime.services.uow() as uow:
        open_tasks = [(title, owner) for title, owner in uow.session.execute(
            select(Task.title, Task.owner_id).where(Task.status == "open"))]
    # The revised quote moved to the new owner with the customer; the first quote was Rep's
    # all along. Nothing is left open with the winner.
    assert ("send the revised quote", REP) in {(t[:22].lower(), o) for t, o in open_tasks}
    assert {o for _, o in open_tasks} == {REP}
    (brief,) = _dms(slack, REP, "gave you 1 customer")
    assert "Acme Corp" in block_texts(brief["blocks"])
    history = _ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp history", LEAD)
    words = mrkdwn_texts(history["blocks"])
    assert "went back to the pool from <@U0REP> (protection ended, never followed up)" \
        not in words  # Rep had logged on it before: it was worked
    assert "went back to the pool from <@U0REP> (protection ended)" in words
    assert f"<@{winner}> claimed it from the pool" in words
    assert f"<@{LEAD}> gave it to <@{REP}> from <@{winner}> (reassigned by a lead)" in words
