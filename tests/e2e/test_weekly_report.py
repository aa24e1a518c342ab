"""The weekly report through the running bot and the fake Slack: posted in the team channel
at Monday 09:00 (the team's zone), once per team and week, caught up after a restart, its
chart uploaded into its thread and then shown on the lead's Home tab; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.teams import TeamDirectory
from bot.teamconfig import parse_directory
from tests.conftest import TEAM_YAML
from tests.e2e.harness import RunningBot, block_texts
from tests.e2e.test_review_post import CHANNEL
from tests.fakes import TEAM_ID, Call, FakeSlack, event
from tests.fakes.signing import new_ts
from tests.services.figures.seed import LEAD, seed_week

MONDAY_9 = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture
def directory() -> TeamDirectory:
    """The suite's team with the report at its default time, Monday 09:00."""
    found = parse_directory(TEAM_YAML)
    assert (found.teams[0].report_day, found.teams[0].report_time.hour) == ("mon", 9)
    return found


def _reports(slack: FakeSlack) -> list[Call]:
    return [c for c in slack.calls_to("chat.postMessage") if c.ok
            and c.params["channel"] == CHANNEL and "Weekly report" in (c.text or "")]


def _seeded(bot: RunningBot) -> None:
    with bot.runtime.services.uow() as uow:
        seed_week(uow, TEAM_ID)
        uow.commit()


def test_posted_once_at_monday_nine_with_its_chart(bot: RunningBot, slack: FakeSlack) -> None:
    _seeded(bot)
    bot.at(MONDAY_9 - timedelta(minutes=1))
    assert _reports(slack) == []
    bot.at(MONDAY_9)
    slack.wait_for(lambda c: c.method == "files.completeUploadExternal")
    bot.settle()
    [report] = _reports(slack)
    text = block_texts(report.blocks)
    assert "Weekly report: East, 2026-11-16 to 2026-11-22" in text
    assert "Follow-up timeliness: *100% (2/2)*  ·  last week not yet recorded" in text
    assert "<@U0REP>: timeliness 100%" in text
    steps = [c for c in slack.calls if c.method in (
        "files.getUploadURLExternal", "upload", "files.completeUploadExternal")]
    assert [c.method for c in steps] == ["files.getUploadURLExternal", "upload",
                                         "files.completeUploadExternal"]  # files_upload_v2
    assert all(c.ok for c in steps)
    [chart] = slack.web.uploads.shared_in(CHANNEL)
    assert chart["shared"]["thread_ts"] == report.response["ts"]
    assert "Follow-up timeliness:" in chart["alt_txt"] and "100%" in chart["alt_txt"]
    # Last week's end and the 7 before it replayed: Old A, A since Wednesday, not yet aging.
    assert "Open A deals: 0, 0, 0, 0, 0, 0, 0, 1" in chart["alt_txt"]
    assert "A deals older than their week: 0, 0, 0, 0, 0, 0, 0, 0" in chart["alt_txt"]
    for later in (MONDAY_9 + timedelta(minutes=5), MONDAY_9 + timedelta(days=2)):
        bot.at(later)
    assert len(_reports(slack)) == 1 and len(slack.web.uploads.shared_in(CHANNEL)) == 1


def test_a_bot_down_on_monday_catches_up_once_and_a_second_copy_does_not_repeat_it(
        bot: RunningBot, slack: FakeSlack, db_url: str, directory, clock) -> None:  # type: ignore[no-untyped-def]
    wednesday = MONDAY_9 + timedelta(days=2)
    bot.at(wednesday)  # the first sweep since Monday morning: the week's report is due
    bot.settle()
    assert len(_reports(slack)) == 1
    second = RunningBot(db_url, slack, clock, directory)  # another copy, same database
    try:
        second.at(wednesday + timedelta(hours=1))
        bot.at(wednesday + timedelta(hours=2))
    finally:
        second.stop()
    assert len(_reports(slack)) == 1
    bot.at(MONDAY_9 + timedelta(days=7))  # the next week has its own
    assert len(_reports(slack)) == 2


def test_the_leads_home_tab_shows_the_chart_uploaded_with_the_report(
        bot: RunningBot, slack: FakeSlack) -> None:
    _seeded(bot)
    bot.at(MONDAY_9)
    slack.wait_for(lambda c: c.method == "files.completeUploadExternal")
    bot.settle()
    [chart] = slack.web.uploads.shared_in(CHANNEL)
    status, _ = bot.send(event({"type": "app_home_opened", "user": LEAD, "tab": "home",
                                "channel": f"D{LEAD}", "event_ts": new_ts()}, team_id=TEAM_ID))
    assert status == 200
    home = slack.wait_for(lambda c: c.method == "views.publish"
                          and c.params.get("user_id") == LEAD).params["view"]
    images = [b for b in home["blocks"] if b["type"] == "image"]
    assert [b["slack_file"] for b in images] == [{"id": chart["id"]}]
    assert "open deals by stage" in images[0]["alt_text"]
