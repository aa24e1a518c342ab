"""/review: a lead posts tonight's review now; it counts as the day's; others are refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.services.context import ServiceContext
from bot.services.delivery.sweeps import run_sweep
from bot.services.review.command import review_now
from bot.services.review.post import REVIEW_TEAM, post_due_reviews
from bot.teamconfig import parse_directory
from store.models import Notification
from tests.conftest import TEAM_YAML
from tests.services.review.test_review import WS
from tests.support.fakes import FakeNotifier

MONDAY_1700 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # before the 18:30 review


def _parents(ctx: ServiceContext) -> int:
    with ctx.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.kind == REVIEW_TEAM)) or 0)


def test_a_leads_review_now_counts_as_the_days_review(services: ServiceContext) -> None:
    answer = review_now(services, WS, "U0LEAD", None, MONDAY_1700)
    assert answer.status == "queued" and answer.post is not None
    assert (answer.post.team, answer.post.channel) == ("East", "C0EAST")
    run_sweep(services, FakeNotifier(), MONDAY_1700)
    # The scheduled review finds the day claimed (even on a copy that knows its workspace).
    assert post_due_reviews(replace(services, workspace_id=WS),
                            MONDAY_1700 + timedelta(hours=2)) == 0
    again = review_now(services, WS, "U0LEAD", None, MONDAY_1700 + timedelta(minutes=5))
    assert again.status == "already" and again.post is not None
    assert again.post.channel == "C0EAST" and again.post.ts  # the link to what was posted
    assert _parents(services) == 1
    copy = review_now(services, WS, "U0LEAD", None, MONDAY_1700 + timedelta(minutes=6),
                      again=True)
    run_sweep(services, FakeNotifier(), MONDAY_1700 + timedelta(minutes=6))
    assert copy.status == "queued" and _parents(services) == 2


def test_only_a_lead_or_an_admin_may_post_it(services: ServiceContext) -> None:
    assert review_now(services, WS, "U0REP", None, MONDAY_1700).status == "forbidden"
    assert review_now(services, WS, "U0REP", "East", MONDAY_1700).status == "forbidden"
    which = review_now(services, WS, "U0ADMIN", None, MONDAY_1700)
    assert (which.status, which.teams) == ("which_team", ("East",))
    assert review_now(services, WS, "U0ADMIN", "West", MONDAY_1700).status == "unknown_team"
    assert _parents(services) == 0
    assert review_now(services, WS, "U0ADMIN", "East", MONDAY_1700).status == "queued"


def test_a_preview_posts_nothing_and_claims_nothing(services: ServiceContext) -> None:
    chinese = replace(services, directory=parse_directory(
        TEAM_YAML.replace("timezone: Asia/Shanghai", "timezone: Asia/Shanghai\n    language: zh")))
    answer = review_now(chinese, WS, "U0LEAD", None, MONDAY_1700, preview=True)
    assert answer.status == "preview" and answer.lang == "zh"
    assert answer.review is not None and [r.user_id for r in answer.review.reps] == [
        "U0REP", "U0REP2"]
    assert _parents(services) == 0
    assert post_due_reviews(replace(chinese, workspace_id=WS),
                            MONDAY_1700 + timedelta(hours=2)) == 1
