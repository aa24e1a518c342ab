"""What every hostile request must leave true: no server error, no failed listener, the
text the bot promises to keep stored as sent, and the workers still reading and sending."""

from __future__ import annotations

from sqlalchemy import select

from handlers import ids
from tests.e2e.harness import RunningBot
from tests.fakes import TEAM_ID, FakeSlack, slash_command
from tests.property.conftest import ListenerFailures
from tests.property.payloads import REP, Kept, Probe

# A database that cannot hold NUL may store it as some other short text: the same stand-in
# for every NUL, and nothing else changed. Lone surrogates have no UTF-8 form at all, so
# U+FFFD (Unicode's own stand-in, what a UTF-8 decoder gives) is the only other change.
MAX_NUL_STANDIN = 8


def deliver(bot: RunningBot, probe: Probe, failures: ListenerFailures) -> None:
    """Send one hostile request and check the promises that hold right after it."""
    failures.records.clear()
    status, body = bot.send(probe.request)
    assert status < 500, f"HTTP {status}: {str(body)[:300]}\n{failures.summary()}"
    assert not failures.records, "a listener failed:\n" + failures.summary()
    # 400 is the answer to a body Slack would never send (an empty user id, a list where an
    # object belongs): refused whole, before any listener, so there is nothing to keep.
    if probe.kept is not None and status != 400:
        assert_kept(bot, probe.kept)


def assert_kept(bot: RunningBot, kept: Kept) -> None:
    """The row made from the request holds its text, allowing only the NUL stand-in."""
    with bot.runtime.services.uow() as uow:
        row = uow.session.scalars(select(kept.model).where(
            kept.model.workspace_id == TEAM_ID,
            kept.model.source_key == kept.source_key)).first()
        stored = None if row is None else row.raw_text
    if stored is None:
        assert not kept.required, f"nothing stored for {kept.source_key}: {kept.text[:200]!r}"
        return
    assert same_text(kept.text, stored), \
        f"stored text differs: sent {kept.text[:200]!r}, stored {stored[:200]!r}"


def same_text(sent: str, stored: str) -> bool:
    """`stored` is `sent`, but for one stand-in used for every NUL and U+FFFD for a lone
    surrogate (either applied before or after trimming the ends)."""
    sent = "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in sent)
    if stored == sent:
        return True
    nuls = sent.count("\x00")
    if not nuls or "\x00" in stored:
        return False
    for base in (sent, sent.strip()):
        start = base.find("\x00")
        for width in range(MAX_NUL_STANDIN + 1):
            replaced = base.replace("\x00", stored[start:start + width])
            if stored in (replaced, replaced.strip()):
                return True
    return False


def assert_workers_alive(bot: RunningBot, slack: FakeSlack) -> None:
    """A plain /log sent after the hostile ones is read, and its answer reaches Slack."""
    hook = slack.response_url()
    status, body = bot.send(slash_command(
        ids.COMMAND_LOG, "Acme Corp: called Li again, send the contract by Monday 10am",
        user_id=REP, team_id=TEAM_ID, response_url=hook))
    assert status == 200 and isinstance(body, dict) and "Saved" in str(body.get("text")), body
    # The reader may still have the hostile logs queued ahead of this one.
    answer = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook, timeout=60)
    assert "Acme Corp" in str(answer.params), answer.params
