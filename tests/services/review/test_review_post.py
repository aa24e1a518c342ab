"""Posting the nightly review: once per team per working day, threads after their parent."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain.cadence import CadenceTable
from bot.services.context import ServiceContext
from bot.services.delivery.sweeps import run_sweep, send_due_notifications
from bot.services.figures.chart_posts import FIGURES_CHART
from bot.services.ports import DeliveryError
from bot.services.review.post import REVIEW_BUILD, REVIEW_REP, REVIEW_TEAM, post_due_reviews
from bot.teamconfig import parse_directory
from store.models import Notification, ReviewThread
from tests.conftest import TEAM_YAML
from tests.services.review.test_review import WS, _customer
from tests.support.concurrency import run_together
from tests.support.fakes import FakeNotifier

MONDAY_1829 = datetime(2026, 11, 23, 10, 29, tzinfo=UTC)  # 18:29 in Shanghai
MONDAY_1830 = MONDAY_1829 + timedelta(minutes=1)
HOLIDAY_YAML = TEAM_YAML.replace("timezone: Asia/Shanghai",
                                 "timezone: Asia/Shanghai\n    country: CN")


@pytest.fixture
def posting(services: ServiceContext) -> ServiceContext:
    """The services as a running bot has them: it knows its workspace. Cadence tasks (and
    their reminders) are switched off: these tests count exactly what is sent."""
    with services.uow() as uow:
        _customer(uow, "Acme", "U0REP", "negotiating", "A", "A")
        uow.commit()
    quiet = replace(services.directory, cadence=CadenceTable.switched_off())
    return replace(services, workspace_id=WS, directory=quiet)


def _notes(ctx: ServiceContext, kind: str) -> list[Notification]:
    with ctx.uow() as uow:
        rows = list(uow.session.scalars(select(Notification).where(Notification.kind == kind)
                                        .order_by(Notification.id)))
        uow.session.expunge_all()  # read after the session closes
        return rows


def test_the_review_is_posted_at_review_time_then_one_thread_reply_per_rep(
        posting: ServiceContext) -> None:
    notifier = FakeNotifier()
    run_sweep(posting, notifier, MONDAY_1829)
    assert notifier.sent == []
    run_sweep(posting, notifier, MONDAY_1830)
    assert notifier.kinds() == [REVIEW_TEAM, REVIEW_REP, REVIEW_REP, FIGURES_CHART]
    parent, *replies, chart = notifier.sent  # the team's chart last, in the thread too
    assert chart.payload["png"] and chart.payload["team"] == "East"
    assert parent.recipient == "C0EAST" and parent.payload["reps"] == ["U0REP", "U0REP2"]
    (sent_parent,) = _notes(posting, REVIEW_TEAM)
    assert sent_parent.slack_ts and sent_parent.slack_channel == "C0EAST"
    assert [r.payload["thread_ts"] for r in replies] == [sent_parent.slack_ts] * 2
    assert [r.payload["rep"]["user_id"] for r in replies] == ["U0REP", "U0REP2"]
    assert replies[0].payload["rep"]["a_deals"][0]["customer"] == "Acme"
    with posting.uow() as uow:
        threads = uow.session.scalars(select(ReviewThread)).all()
        assert {(t.channel, t.thread_ts, t.rep_id, t.team) for t in threads} == {
            ("C0EAST", sent_parent.slack_ts, rep, "East") for rep in ("U0REP", "U0REP2")}


def test_posted_once_however_often_the_sweep_runs(posting: ServiceContext) -> None:
    notifier = FakeNotifier()
    for minutes in (0, 1, 30, 200):
        run_sweep(posting, notifier, MONDAY_1830 + timedelta(minutes=minutes))
    assert notifier.kinds().count(REVIEW_TEAM) == 1
    # Tuesday evening is a new day.
    assert post_due_reviews(posting, MONDAY_1830 + timedelta(days=1)) == 1


def test_a_restart_at_review_time_catches_up_the_same_evening_only(
        posting: ServiceContext) -> None:
    # Down from 18:00 to 23:30 on Monday: the first tick after it still posts Monday's.
    assert post_due_reviews(posting, datetime(2026, 11, 23, 15, 30, tzinfo=UTC)) == 1
    # Down from Tuesday 18:00 to Wednesday 00:30: Tuesday's review is not posted late.
    assert post_due_reviews(posting, datetime(2026, 11, 24, 16, 30, tzinfo=UTC)) == 0
    assert post_due_reviews(posting, datetime(2026, 11, 25, 10, 30, tzinfo=UTC)) == 1


def test_two_copies_of_the_bot_post_it_once(posting: ServiceContext) -> None:
    assert run_together(lambda: post_due_reviews(posting, MONDAY_1830)) == [0, 0, 0, 1]
    assert len(_notes(posting, REVIEW_BUILD)) == 1
    # Two senders racing for the build job: one builds it, the review is queued once.
    run_together(lambda: send_due_notifications(posting, FakeNotifier(), MONDAY_1830,
                                                batch=1).claimed, copies=2)
    assert len(_notes(posting, REVIEW_TEAM)) == 1 and len(_notes(posting, REVIEW_REP)) == 2


def test_no_review_on_a_weekend_or_a_public_holiday(posting: ServiceContext) -> None:
    saturday = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    assert post_due_reviews(posting, saturday) == 0
    holidays = replace(posting, directory=parse_directory(HOLIDAY_YAML))
    national_day = datetime(2026, 10, 1, 11, 0, tzinfo=UTC)  # a Thursday, a holiday in CN
    assert post_due_reviews(holidays, national_day) == 0
    assert post_due_reviews(holidays, national_day + timedelta(days=-1)) == 1  # Wednesday
    assert post_due_reviews(posting, national_day) == 1  # a team without CN holidays


def _built(posting: ServiceContext) -> None:
    """Queue tonight's review and let a sender run its build job (no message sent yet)."""
    assert post_due_reviews(posting, MONDAY_1830) == 1
    report = send_due_notifications(posting, FakeNotifier(), MONDAY_1830, batch=1)
    assert (report.claimed, report.sent) == (1, 1)
    (job,) = _notes(posting, REVIEW_BUILD)
    assert job.status == "done"


def test_the_review_is_built_by_the_sender_not_the_tick(posting: ServiceContext) -> None:
    post_due_reviews(posting, MONDAY_1830)
    assert _notes(posting, REVIEW_TEAM) == []  # the tick only claimed the day
    send_due_notifications(posting, FakeNotifier(), MONDAY_1830, batch=1)
    assert len(_notes(posting, REVIEW_TEAM)) == 1 and len(_notes(posting, REVIEW_REP)) == 2


def test_thread_replies_wait_for_their_parents_ts(posting: ServiceContext) -> None:
    _built(posting)
    notifier = FakeNotifier()
    notifier.failures.append(DeliveryError("ratelimited"))
    report = send_due_notifications(posting, notifier, MONDAY_1830)
    # Only the parent was ready, and the job that renders the chart (it sends nothing).
    assert (report.claimed, report.failed, report.sent) == (2, 1, 1)
    assert notifier.sent == []
    # Its back-off has not run out: still nothing, and never a reply on its own.
    assert send_due_notifications(posting, notifier, MONDAY_1830).claimed == 0
    later = MONDAY_1830 + timedelta(minutes=1)
    assert send_due_notifications(posting, notifier, later).sent == 1
    assert notifier.kinds() == [REVIEW_TEAM]  # the replies become ready after this commit
    assert send_due_notifications(posting, notifier, later).sent == 3  # and the chart
    (parent,) = _notes(posting, REVIEW_TEAM)
    assert [m.payload["thread_ts"] for m in notifier.sent[1:]] == [parent.slack_ts] * 3


def test_a_crash_between_the_parent_and_its_replies_loses_no_reply(
        posting: ServiceContext) -> None:
    _built(posting)
    notifier = FakeNotifier()
    send_due_notifications(posting, notifier, MONDAY_1830, batch=1)  # then the process died
    assert notifier.kinds() == [REVIEW_TEAM]
    run_sweep(posting, notifier, MONDAY_1830 + timedelta(seconds=30))  # the restarted bot
    assert notifier.kinds() == [REVIEW_TEAM, REVIEW_REP, REVIEW_REP, FIGURES_CHART]


def test_replies_of_a_parent_given_up_on_are_never_sent(posting: ServiceContext) -> None:
    post_due_reviews(posting, MONDAY_1830)
    notifier = FakeNotifier()
    notifier.failures.append(DeliveryError("channel_not_found", permanent=True))
    run_sweep(posting, notifier, MONDAY_1830)
    run_sweep(posting, notifier, MONDAY_1830 + timedelta(hours=1))
    assert notifier.sent == []
    assert {n.status for n in _notes(posting, REVIEW_REP)} == {"failed"}


def test_without_a_known_workspace_nothing_is_claimed(services: ServiceContext) -> None:
    assert post_due_reviews(services, MONDAY_1830) == 0
    assert post_due_reviews(replace(services, workspace_id=WS), MONDAY_1830) == 1


def test_a_build_that_fails_is_tried_again_later(posting: ServiceContext, monkeypatch) -> None:
    from bot.services.review import post as review_post

    real = review_post.build_review
    monkeypatch.setattr(review_post, "build_review",
                        lambda *a, **k: (_ for _ in ()).throw(RuntimeError("database gone")))
    post_due_reviews(posting, MONDAY_1830)
    report = send_due_notifications(posting, FakeNotifier(), MONDAY_1830)
    assert (report.claimed, report.failed) == (1, 1)
    (job,) = _notes(posting, REVIEW_BUILD)
    assert job.status == "pending" and "database gone" in (job.last_error or "")
    monkeypatch.setattr(review_post, "build_review", real)
    notifier = FakeNotifier()
    run_sweep(posting, notifier, MONDAY_1830 + timedelta(minutes=10))
    assert notifier.kinds() == [REVIEW_TEAM, REVIEW_REP, REVIEW_REP, FIGURES_CHART]
