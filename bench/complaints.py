"""Complaints: how fast the on-duty owner is paged, and how late escalations fire.

Usage: python bench/complaints.py [--db sqlite|postgresql] [--complaints 60]
                                  [--sweep-seconds 1] [--escalate 20] [--spacing 1.1]

(``--escalate 0`` skips the escalation part and its minute of waiting.)

The bot runs in this process exactly as ``python -m bot serve`` assembles it (waitress on
127.0.0.1, Bolt, the background reader and sender, the APScheduler tick every
``--sweep-seconds``), on a fresh database, its Web API pointed at a FakeSlack served here.

Every page goes to the same person's DM, and Slack takes one message a second in a channel
(the bot keeps that pace, bot/domain/pacing.py): complaints closer together than that wait
for Slack's pace, not for the bot. So each complaint is raised ``--spacing`` seconds after the
one before (their pages, and the backup's pages a minute later, one a second), as a team's
complaints come; a run before the pacing existed sent them back to back.

1. *Owner DM*: N ``/complaint`` requests, one after another, each signed and sent over HTTP;
   the time from writing the request to the fake Slack receiving the ``chat.postMessage`` that
   pages the on-duty owner (the DM with Acknowledge). Baseline in the same run: N ``/log``
   requests, from writing the request to the fake Slack receiving the "what I understood"
   reply on the response_url (the same path: store, answer, then a background job and a send).
2. *Escalation lateness*: M more complaints with ``complaints.ack_minutes: 1`` left
   unacknowledged; for each, the backup's page is due 60 s after the complaint was raised.
   Lateness = when the fake Slack received the backup's page minus that due time. The sweep
   only looks every ``--sweep-seconds``, so up to one interval is expected.

Targets (issue 5): owner DM p99 < 1 s; escalation lateness p99 < 2 sweep intervals.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


from bot.app import build_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.runtime import open_runtime  # noqa: E402
from bot.teamconfig import parse_directory  # noqa: E402
from bot.web import make_server, make_wsgi  # noqa: E402
from handlers import ids  # noqa: E402
from handlers.notifier import SlackNotifier, installed_workspace, make_web_client  # noqa: E402
from store.migrate import is_current  # noqa: E402
from tests.fakes import TEAM_ID, TEST_SIGNING_SECRET, FakeSlack, slash_command  # noqa: E402
from tests.support.databases import PostgresServer  # noqa: E402

ANN, BOB, KIM, LEAD = "U0ANN", "U0BOB", "U0KIM", "U0LEAD"
TOKEN = "xoxb-1234-5678-bench-token"
CONFIG = f"""
teams:
  - name: East
    channel: C0EAST
    lead: {LEAD}
    members: [{ANN}, {BOB}, {KIM}]
    timezone: UTC
    complaints_channel: C0CMPL
    working_days: [mon, tue, wed, thu, fri, sat, sun]
    duty:
      rotation: [{ANN}, {BOB}]
complaints:
  ack_minutes: {{high: 1, medium: 1, low: 1}}
  repeat: 0
  working_hours: "00:00-23:59"
"""


class RealClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def row(name: str, values: list[float], unit: str = "ms", scale: float = 1000.0) -> str:
    return (f"| {name} | {len(values)} | {statistics.median(values) * scale:.1f} | "
            f"{pct(values, 0.99) * scale:.1f} | {max(values) * scale:.1f} | {unit} |")


def fresh_database(db: str, pg_url: str, prefix: str) -> tuple[str, PostgresServer | None]:
    """A new SQLite file, or a throw-away PostgreSQL database (drop it when done)."""
    if db == "postgresql":
        server_pg = PostgresServer(pg_url)
        server_pg.create()
        return server_pg.url, server_pg
    return f"sqlite:///{Path(tempfile.mkdtemp(prefix=prefix)) / 'crm.db'}", None


def serve(app, runtime):  # type: ignore[no-untyped-def]
    """The app behind waitress on a free port, served from a daemon thread: (server, url)."""
    server = make_server(make_wsgi(app, lambda: is_current(runtime.engine), runtime.in_flight),
                         "127.0.0.1", 0)
    def run() -> None:
        # Closing the listening socket under the loop surfaces as OSError: that is the end.
        with contextlib.suppress(OSError):
            server.run()

    threading.Thread(target=run, daemon=True).start()
    return server, f"http://127.0.0.1:{server.effective_port}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--complaints", type=int, default=60)
    parser.add_argument("--escalate", type=int, default=20,
                        help="complaints left unacknowledged to time escalation (0: none)")
    parser.add_argument("--spacing", type=float, default=1.1,
                        help="seconds from one complaint to the next (Slack's pace per channel)")
    parser.add_argument("--sweep-seconds", type=float, default=1.0)
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()

    db_url, server_pg = fresh_database(args.db, args.pg_url, "bench-complaints-")
    with FakeSlack() as slack:
        for user in (ANN, BOB, KIM, LEAD):
            slack.add_user(user, tz="UTC", name=user)
        settings = Settings(database_url=db_url, slack_bot_token=TOKEN,
                            slack_signing_secret=TEST_SIGNING_SECRET,
                            slack_api_url=slack.api_url, default_tz="UTC",
                            sweep_seconds=int(max(1, args.sweep_seconds)))
        client = make_web_client(TOKEN, slack.api_url)
        clock = RealClock()
        runtime = open_runtime(settings, parse_directory(CONFIG), now=clock.now,
                               workspace_id=installed_workspace(client))
        app = build_app(settings, runtime.services, client, clock=clock.now)
        runtime.start_background(SlackNotifier(client), schedule=True)
        server, url = serve(app, runtime)
        try:
            run(args, slack, url, runtime)
        finally:
            server.close()
            runtime.stop()
    if server_pg is not None:
        server_pg.drop()


def _page_for(number: int):  # type: ignore[no-untyped-def]
    def match(call):  # type: ignore[no-untyped-def]
        blocks = call.params.get("blocks") or []
        return (call.method == "chat.postMessage" and f"Complaint #{number} " in (call.text or "")
                and any(b.get("type") == "actions" and any(
                    e.get("action_id") == ids.COMPLAINT_ACK for e in b["elements"])
                    for b in blocks))
    return match


def run(args: argparse.Namespace, slack: FakeSlack, url: str, runtime) -> None:  # type: ignore[no-untyped-def]
    # Warm up: the first request pays for imports and connections.
    for i in range(5):
        slack_reply(slack, url, f"Warm{i} Corp: called, fine", ids.COMMAND_LOG)
    owner, baseline = [], []
    start = time.monotonic() - args.spacing
    for i in range(args.complaints):
        baseline.append(slack_reply(slack, url, f"Base{i} Corp: called Li about the order",
                                    ids.COMMAND_LOG))
        time.sleep(max(0.0, start + args.spacing - time.monotonic()))
        since = len(slack.calls)
        start = time.monotonic()
        request = slash_command(ids.COMMAND_COMPLAINT, f"Acme{i} Corp: delivery late again",
                                user_id=KIM, team_id=TEAM_ID)
        status, _, _ = request.send(url)
        assert status == 200
        call = slack.wait_for(_page_for(i + 1), timeout=10, since=since)
        owner.append(call.at - start)
    print("| measure | n | p50 | p99 | max | unit |\n| --- | --- | --- | --- | --- | --- |")
    print(row("owner DM after /complaint", owner))
    print(row("baseline: /log reply after /log", baseline))

    p99_dm = pct(owner, 0.99)
    verdict = f"targets: owner DM p99 {p99_dm * 1000:.0f} ms < 1000 ms: " \
              f"{'met' if p99_dm < 1 else 'MISSED'}"
    if args.escalate:
        p99_late = escalation_lateness(args, slack, url, runtime, start)
        late_ok = p99_late < 2 * args.sweep_seconds
        verdict += (f"; lateness p99 {p99_late:.2f} s < {2 * args.sweep_seconds:g} s: "
                    f"{'met' if late_ok else 'MISSED'}")
    print(verdict)


def escalation_lateness(args: argparse.Namespace, slack: FakeSlack, url: str, runtime,  # type: ignore[no-untyped-def]
                        start: float) -> float:
    """Raise `--escalate` complaints nobody acknowledges; print how late each backup's page
    came after its due moment, and return the p99."""
    first = args.complaints + 1
    raised: dict[int, float] = {}
    for i in range(args.escalate):
        time.sleep(max(0.0, start + args.spacing - time.monotonic()))
        request = slash_command(ids.COMMAND_COMPLAINT, f"Late{i} Corp: nobody called back",
                                user_id=KIM, team_id=TEAM_ID)
        start = raised[first + i] = time.monotonic()
        assert request.send(url)[0] == 200
    # Due = the complaint's own time (created_at, wall clock) + 60 s, on the fake Slack's
    # monotonic clock. A complaint is made after its request is answered: wait for the last.
    slack.wait_for(_page_for(first + args.escalate - 1), timeout=30)
    with runtime.services.uow() as uow:
        created = {n: uow.complaints.by_number(TEAM_ID, n).created_at for n in raised}
    wall_to_mono = time.monotonic() - time.time()
    lateness = []
    for n in raised:
        page = slack.wait_for(lambda c, n=n: _page_for(n)(c) and "Escalated" in (c.text or ""),
                              timeout=120)
        lateness.append(page.at - (created[n].timestamp() + wall_to_mono + 60))
    print(row(f"escalation lateness (sweep every {args.sweep_seconds:g} s)", lateness, "s", 1.0))
    return pct(lateness, 0.99)


def slack_reply(slack: FakeSlack, url: str, text: str, command: str) -> float:
    hook = slack.response_url()
    request = slash_command(command, text, user_id=KIM, team_id=TEAM_ID, response_url=hook,
                            trigger_id=f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}")
    start = time.monotonic()
    assert request.send(url)[0] == 200
    call = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook, timeout=10)
    return call.at - start


if __name__ == "__main__":
    main()
