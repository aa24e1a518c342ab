"""Issue 12's readings end to end in a crowded workspace (hundreds of near-namesakes, contacts),
through each way a rep logs — /log, a DM, a reply in their review thread — on SQLite and
PostgreSQL: the right customer or a new one as typed, a contact never offered as a customer,
moves said back and undone, every promise a task, a complaint offered, when it happened, and
a new rep's own time zone."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import count
from typing import Any

import pytest
from sqlalchemy import insert, select

from bot.domain.customers import name_key
from bot.domain.pacing import UNLIMITED
from bot.domain.teams import TeamDirectory
from handlers import ids
from store.match_index import rebuild
from store.models import Customer, FollowUp, Task
from tests.e2e.harness import RunningBot, block_texts
from tests.e2e.test_core_loop import _log
from tests.e2e.test_log_permissions import _click
from tests.e2e.test_review_post import CHANNEL, _reply, posted_review
from tests.fakes import TEAM_ID, FakeSlack, dm_message
from tests.services.customers.test_customer_match import _crowd
from tests.support.fakes import FakeClock

REP = "U0REP"
_FAMILIES = ("Stark", "Wayne", "Hooli", "Wonka", "Oscorp", "Soylent", "Vandelay", "Tyrell")
_TRADES = ("Logistics", "Foods", "Retail", "Labs", "Health", "Energy", "Capital", "Media",
           "Robotics", "Textiles", "Pharma", "Mining", "Travel", "Insurance", "Security")


@pytest.fixture
def bot(db_url: str, slack: FakeSlack, clock: FakeClock,
        directory: TeamDirectory) -> Iterator[RunningBot]:
    """The running bot, sending as fast as the fake takes it: these tests are about reading
    (Slack's pace has its own, tests/e2e/test_slack_pace.py)."""
    running = RunningBot(db_url, slack, clock, directory, limits=UNLIMITED)
    yield running
    running.stop()


@dataclass(frozen=True)
class Read:
    """What became of one log: its row, and the bot's answer where it gave one."""

    status: str
    customer: str | None
    guess: str | None
    happened_at: datetime | None
    tasks: int
    blocks: list[dict[str, Any]] | None


def _seed_crowd(bot: RunningBot) -> None:
    names = _crowd() + [("Globex Industrial", None), ("Initech", None)]
    names += [(f"{family} {trade} {place}", None) for family in _FAMILIES
              for trade in _TRADES for place in ("Group", "Asia", "EU")]
    # Imported this morning (in bulk, then indexed in one go, as the CSV import does): no
    # cadence is due yet and no file is a day old, so the evening's review and ticks have
    # nothing of theirs to say.
    with bot.runtime.engine.begin() as connection:
        connection.execute(insert(Customer), [dict(
            workspace_id=TEAM_ID, name=n, name_key=name_key(n), owner_id=REP, created_by=REP,
            created_at=datetime(2026, 11, 23, 0, 0, tzinfo=UTC), contact_person=c)
            for n, c in names])
        rebuild(connection, TEAM_ID)
    with bot.runtime.services.uow() as uow:
        assert len(uow.customers.names(TEAM_ID)) > 700


def _newest(bot: RunningBot, blocks: list[dict[str, Any]] | None) -> Read:
    with bot.runtime.services.uow() as uow:
        row = uow.session.scalars(select(FollowUp).order_by(FollowUp.id.desc())).first()
        assert row is not None
        customer = uow.session.get(Customer, row.customer_id) if row.customer_id else None
        tasks = uow.session.scalars(select(Task).where(Task.follow_up_id == row.id)).all()
        return Read(row.status, customer.name if customer else None, row.customer_guess,
                    row.happened_at, len(tasks), blocks)


def _entry(via: str, bot: RunningBot, slack: FakeSlack) -> Callable[[str], Read]:
    """How a rep says a log by this way, returning what became of it."""
    serial = count(100)
    thread = ""
    if via == "thread":
        thread = posted_review(bot, slack)[0].response["ts"]

    def say(text: str) -> Read:
        since = len(slack.calls)
        if via == "slash":
            return _newest(bot, _log(bot, slack, text)["blocks"])
        if via == "dm":
            assert bot.send(dm_message(text, user_id=REP, team_id=TEAM_ID,
                                       ts=f"1764000000.{next(serial):06d}"))[0] == 200
            reply = slack.wait_for(lambda c: c.method == "chat.postMessage"
                                   and c.params["channel"] == f"D{REP}", since=since)
            return _newest(bot, reply.params["blocks"])
        _reply(bot, REP, text, thread, f"1764000001.{next(serial):06d}")
        reaction = slack.wait_for("reactions.add", since=since)
        if reaction.params["name"] == "white_check_mark":  # recorded: a reaction says so,
            bot.settle()  # and a reply in the thread only when there is more to say
            said = [c for c in slack.calls[since:] if c.method == "chat.postMessage"
                    and c.params.get("thread_ts") == thread and c.blocks]
            return _newest(bot, said[-1].blocks if said else None)
        answer = slack.wait_for(lambda c: c.method == "chat.postMessage"
                                and c.params.get("thread_ts") == thread
                                and c.params["channel"] == CHANNEL and bool(c.blocks),
                                since=since)
        return _newest(bot, answer.blocks)

    return say


def _buttons(blocks: list[dict[str, Any]] | None) -> list[tuple[str, str, str]]:
    return [(e["text"]["text"], e["action_id"], e.get("value", ""))
            for b in blocks or () if b.get("type") == "actions" for e in b["elements"]]


def _stage(bot: RunningBot, name: str) -> str | None:
    with bot.runtime.services.uow() as uow:
        found = uow.customers.by_key(TEAM_ID, name_key(name))
        assert found is not None
        return found.stage


@pytest.mark.parametrize("via", ["slash", "dm", "thread"])
def test_logs_are_read_right_in_a_crowd(via: str, bot: RunningBot, slack: FakeSlack,
                                        clock) -> None:
    _seed_crowd(bot)
    say = _entry(via, bot, slack)
    # A known customer written loosely, among dozens of Acme namesakes: attached.
    known = say("acme corp: called, send the quote by Friday 3pm")
    assert (known.status, known.customer) == ("recorded", "Acme Corp")
    # A new company like known ones: Create as typed first, the look-alikes after.
    new = say("Acme Aerospace: intro call, send the deck by Monday")
    assert (new.status, new.guess, new.tasks) == ("needs_customer", "Acme Aerospace", 1)
    assert _buttons(new.blocks)[0][:2] == ('Create "Acme Aerospace"', ids.LOG_CREATE_CUSTOMER)
    # A contact person is never offered as a new customer.
    contact = say("called Li Wei, he wants a demo next week")
    assert ids.LOG_CREATE_CUSTOMER not in {a for _, a, _ in _buttons(contact.blocks)}
    assert contact.customer == "Acme Corp" or "Acme Corp" in {
        label for label, _, _ in _buttons(contact.blocks)}
    # A move as reps write it is made, said back (in a review thread too), and undone.
    moved = say("Tencent Cloud signed the contract today!")
    assert moved.customer == "Tencent Cloud" and _stage(bot, "Tencent Cloud") == "won"
    assert moved.blocks is not None and "Stage: — → won" in block_texts(moved.blocks)
    undo = next(v for _, a, v in _buttons(moved.blocks) if a == ids.LOG_UNDO)
    _click(bot, slack, ids.LOG_UNDO, undo, REP)
    assert _stage(bot, "Tencent Cloud") is None
    # Two promises, two tasks.
    assert say("Initech: send contract by Wednesday 5pm, then call back on Dec 15").tasks == 2
    # A complaint in a log offers Raise complaint (in a review thread too).
    angry = say("Acme Corp: Li is angry, delivery is two weeks late")
    assert angry.customer == "Acme Corp"
    assert ids.LOG_RAISE_COMPLAINT in {a for _, a, _ in _buttons(angry.blocks)}
    # When it happened: yesterday afternoon in Shanghai (14:00), whatever day it is logged.
    visit = say("visited Globex Industrial yesterday afternoon")
    assert visit.customer == "Globex Industrial" and visit.happened_at is not None
    assert visit.happened_at.astimezone(UTC) == datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


def test_a_new_reps_first_dm_is_read_in_their_slack_zone(bot: RunningBot, slack: FakeSlack,
                                                         clock) -> None:
    _seed_crowd(bot)
    slack.add_user("U0NEW", tz="America/New_York", name="New Rep")
    text = "Zeta Robotics: intro call, send the quote tomorrow 9am"
    assert bot.send(dm_message(text, user_id="U0NEW", team_id=TEAM_ID))[0] == 200
    blocks = slack.wait_for(lambda c: c.method == "chat.postMessage"
                            and c.params["channel"] == "DU0NEW").blocks
    # Monday 09:00 in Shanghai is still Sunday 20:00 in New York: tomorrow is Monday there.
    assert "Mon, 23 Nov 2026 09:00 (America/New_York)" in block_texts(blocks)
    with bot.runtime.services.uow() as uow:
        [task] = uow.session.scalars(select(Task).where(Task.owner_id == "U0NEW")).all()
        assert task.due_at == datetime(2026, 11, 23, 14, 0, tzinfo=UTC)
