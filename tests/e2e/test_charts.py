"""The team's chart through the fake Slack: uploaded into the nightly review's thread with
files_upload_v2's three steps, its alt text carrying the figures; a failed upload leaves the
review's text as it was posted."""

from __future__ import annotations

from tests.e2e.harness import RunningBot
from tests.e2e.test_review_post import CHANNEL, MONDAY_1830, channel_posts, seed_deal
from tests.fakes import FakeSlack

PNG = b"\x89PNG\r\n\x1a\n"


def _review_posted(bot: RunningBot, slack: FakeSlack) -> str:
    seed_deal(bot)
    bot.at(MONDAY_1830)
    bot.settle()
    parent = next(c for c in channel_posts(slack) if "thread_ts" not in c.params)
    return str(parent.response["ts"])


def test_the_chart_is_uploaded_into_the_review_thread(bot: RunningBot, slack: FakeSlack) -> None:
    thread = _review_posted(bot, slack)
    slack.wait_for(lambda c: c.method == "files.completeUploadExternal")
    steps = [c for c in slack.calls if c.method in (
        "files.getUploadURLExternal", "upload", "files.completeUploadExternal")]
    assert [c.method for c in steps] == ["files.getUploadURLExternal", "upload",
                                         "files.completeUploadExternal"]
    assert all(c.ok for c in steps)
    [shared] = slack.web.uploads.shared_in(CHANNEL)
    assert shared["shared"]["thread_ts"] == thread
    assert shared["data"].startswith(PNG) and shared["name"].endswith(".png")
    assert "Open deals by stage and likelihood: negotiating A 1" in shared["alt_txt"]
    assert "Last 8 weeks" in shared["alt_txt"]
    assert len(channel_posts(slack)) == 3  # the review's text: parent and two reps' parts


def test_a_failed_upload_leaves_the_review_text_intact(bot: RunningBot,
                                                       slack: FakeSlack) -> None:
    slack.fail("files.completeUploadExternal", error="not_in_channel", status=200)
    _review_posted(bot, slack)
    slack.wait_for(lambda c: c.method == "files.completeUploadExternal")
    bot.sweep()
    posts = channel_posts(slack)
    assert len(posts) == 3 and all(c.ok for c in posts)
    assert slack.web.uploads.shared_in(CHANNEL) == []
    assert not [c for c in slack.calls if c.method in ("chat.update", "chat.delete")]
