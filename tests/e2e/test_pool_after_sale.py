"""The owner after the sale (`pool.after_sale: Service`), through the signed HTTP endpoint on
SQLite and PostgreSQL: a win passes the customer from its seller to the service team's
least-loaded member, recorded in its history; the seller stays on its list and keeps the
tasks they promised; the new owner is told. With `after_sale: keep` nothing moves."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from bot.domain.teams import Team, TeamDirectory
from handlers import ids
from store.models import Task
from store.pool_models import OwnershipEvent
from tests.e2e.harness import RunningBot, block_texts, buttons, mrkdwn_texts
from tests.e2e.test_core_loop import _log, _new_customer_log
from tests.e2e.test_customer_lists import _ask
from tests.e2e.test_losses import _click, _posted
from tests.fakes import FakeSlack

REP, LEAD = "U0REP", "U0LEAD"
SERVICE = Team(name="Service", channel="C0SVC", lead="U0SLEAD", members=("U0SVC2", "U0SVC1"),
               timezone="Asia/Shanghai")


@pytest.fixture
def directory(directory: TeamDirectory) -> TeamDirectory:
    return replace(directory, teams=(*directory.teams, SERVICE),
                   pool=replace(directory.pool, after_sale_team="Service"))


@pytest.fixture
def slack(slack: FakeSlack) -> FakeSlack:
    for user in ("U0SLEAD", "U0SVC1", "U0SVC2"):
        slack.add_user(user, tz="Asia/Shanghai", name=user)
    return slack


def _events(bot: RunningBot) -> list[tuple[str, str | None, str | None, str | None]]:
    with bot.runtime.services.uow() as uow:
        return [(e.kind, e.from_user, e.to_user, e.reason) for e in uow.session.scalars(
            select(OwnershipEvent).order_by(OwnershipEvent.id))]


def test_a_win_passes_the_customer_to_the_service_team(bot: RunningBot,
                                                       slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: signed, send the invoice by Friday 3pm")
    _new_customer_log(bot, slack, "Beta Ltd: first call, send deck by Monday 10am")
    _ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp stage won", REP)
    bot.settle()

    card = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", "U0SVC1")["blocks"])
    assert "owner <@U0SVC1>" in card and "also <@U0REP>" in card  # the seller stays on it
    assert "Acme Corp" in mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp",
                                            REP)["blocks"])
    assert ("reassign", REP, "U0SVC1", "after_sale") in _events(bot)
    told = slack.wait_for(lambda c: c.method == "chat.postMessage"
                          and c.params["channel"] == "U0SVC1")
    assert f"Won by <@{REP}> and passed to you to look after" in block_texts(told.blocks)
    with bot.runtime.services.uow() as uow:
        owners = {o for (o,) in uow.session.execute(
            select(Task.owner_id).where(Task.status == "open"))}
    assert owners == {REP}  # the invoice the seller promised stays theirs
    history = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp history",
                                LEAD)["blocks"])
    assert f"gave it to <@U0SVC1> from <@{REP}> (after the sale)" in history

    # The next win goes to the other service rep: U0SVC1 holds one already.
    _ask(bot, ids.COMMAND_CUSTOMER, "Beta Ltd stage won", REP)
    bot.settle()
    assert ("reassign", REP, "U0SVC2", "after_sale") in _events(bot)


def test_undo_of_the_win_gives_the_customer_back_to_its_seller(bot: RunningBot,
                                                                slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first call, send deck by Monday 10am")
    won = _log(bot, slack, "Acme Corp: signed the contract today, they are a customer now")
    assert "→ won" in block_texts(won["blocks"])
    bot.settle()
    assert ("reassign", REP, "U0SVC1", "after_sale") in _events(bot)

    undone = _click(bot, slack, ids.LOG_UNDO, buttons(won["blocks"])[ids.LOG_UNDO])
    assert "Stage: won →" in block_texts(_posted(slack, undone)["blocks"])
    bot.settle()
    assert _events(bot)[-1] == ("reassign", "U0SVC1", REP, "win_undone")
    card = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", REP)["blocks"])
    assert f"owner <@{REP}>" in card and "U0SVC1" not in card  # the service rep is off it
    told_rep = [block_texts(c.blocks) for c in slack.messages_to(REP)]
    assert any(f"The win was undone (by <@{REP}>): yours again from <@U0SVC1>" in t
               for t in told_rep)
    told_svc = [block_texts(c.blocks) for c in slack.messages_to("U0SVC1")]
    assert any(f"undid the win of *Acme Corp*: it goes back to <@{REP}>" in t
               for t in told_svc)
    with bot.runtime.services.uow() as uow:
        owners = {o for (o,) in uow.session.execute(
            select(Task.owner_id).where(Task.status == "open"))}
    assert owners == {REP}
    history = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp history",
                                LEAD)["blocks"])
    assert "the win was undone" in history


def test_a_customer_passed_on_since_the_win_stays_where_it_is(bot: RunningBot,
                                                              slack: FakeSlack) -> None:
    _new_customer_log(bot, slack, "Acme Corp: first call, send deck by Monday 10am")
    won = _log(bot, slack, "Acme Corp: signed the contract today, they are a customer now")
    bot.settle()
    _ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp assign <@U0SVC2|svc2>", "U0SLEAD")
    bot.settle()
    _posted(slack, _click(bot, slack, ids.LOG_UNDO, buttons(won["blocks"])[ids.LOG_UNDO]))
    bot.settle()
    assert "win_undone" not in [e[3] for e in _events(bot)]
    card = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", "U0SVC2")["blocks"])
    assert "owner <@U0SVC2>" in card


class TestKeep:
    @pytest.fixture
    def directory(self, directory: TeamDirectory) -> TeamDirectory:
        return replace(directory, pool=replace(directory.pool, after_sale_team=None))

    def test_with_after_sale_keep_the_seller_keeps_the_customer(
            self, bot: RunningBot, slack: FakeSlack) -> None:
        _new_customer_log(bot, slack, "Acme Corp: signed, send the invoice by Friday 3pm")
        _ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp stage won", REP)
        bot.settle()
        card = mrkdwn_texts(_ask(bot, ids.COMMAND_CUSTOMER, "Acme Corp", REP)["blocks"])
        assert f"owner <@{REP}>" in card
        assert [e for e in _events(bot) if e[0] == "reassign"] == []
