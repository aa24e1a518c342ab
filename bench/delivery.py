"""Delivery at Slack's pace: answers and pages while reviews and 1,000 reminders go out.

Usage: python bench/delivery.py [--db sqlite|postgresql] [--latency 0.15] [--per-channel 1]
                                [--burst 3] [--reminders 1000] [--teams 3] [--reps 20]
                                [--logs 10] [--pages 10] [--no-baseline]

The bot runs in this process as ``python -m bot serve`` assembles it (waitress, Bolt, the
background reader and sender), on a fresh database, against a FakeSlack that takes
--latency seconds a call and keeps Slack's limits (chat.postMessage --per-channel a second
per channel with bursts of --burst, tier limits per method, 429 with Retry-After).

At t0 the nightly reviews of --teams teams of --reps reps are queued and --reminders reps'
reminders fall due (one each). Meanwhile a rep sends a ``/log`` every second and someone
raises a ``/complaint`` every 1.5 s; measured from writing the request to the fake Slack
receiving the answer (response_url) or the page (the on-duty owner's DM). Printed: those
latencies, how long the reviews took against their limit-bound minimum ((messages per
channel - burst) / rate), how long the reminders took, 429s provoked, messages lost or sent
twice. Baseline in the same run: the previous sender (one thread, one message at a time in
due order, slack_sdk's RateLimitErrorRetryHandler sleeping out each 429), kept only here.

Targets (issue 13): answers and pages p99 < 2 s; reviews within 1.5x the minimum + 10 s;
1,000 reminders within 30 s; at most two 429s per channel; none lost, none twice.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from complaints import (  # noqa: E402
    ANN,
    BOB,
    CONFIG,
    KIM,
    LEAD,
    RealClock,
    _page_for,
    fresh_database,
    pct,
    serve,
)  # noqa: E402
from slack_sdk import WebClient  # noqa: E402
from slack_sdk.http_retry.builtin_handlers import (  # noqa: E402
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot import jobs  # noqa: E402
from bot.app import build_app  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.runtime import Runtime, open_runtime  # noqa: E402
from bot.services.review.post import post_review  # noqa: E402
from bot.teamconfig import parse_directory  # noqa: E402
from handlers import ids  # noqa: E402
from handlers.notifier import SlackNotifier, installed_workspace, make_web_client  # noqa: E402
from store.engine import make_session_factory  # noqa: E402
from tests.e2e.processes import queue_reminder  # noqa: E402
from tests.fakes import TEAM_ID, TEST_SIGNING_SECRET, FakeSlack, slash_command  # noqa: E402
from tests.fakes._limits import SlackPace  # noqa: E402

TOKEN = "xoxb-1234-5678-bench-token"


@dataclass
class Result:
    mode: str
    answers: list[float] = field(default_factory=list)
    pages: list[float] = field(default_factory=list)
    acks: list[float] = field(default_factory=list)  # the requests' own answer times
    reviews_s: float = float("nan")
    reminders_s: float = float("nan")
    refused: dict[tuple[str, str], int] = field(default_factory=dict)
    lost: int = 0
    twice: int = 0


def teams_yaml(teams: int, reps: int) -> str:
    """bench/complaints.py's team (on duty for pages) and the review teams."""
    head, complaints = CONFIG.split("complaints:")
    return head + "".join(
        f"  - name: Team{t}\n    channel: C0REVIEW{t}\n    lead: U0LEAD{t}\n"
        f"    members: [{', '.join(f'U0T{t}R{r:02d}' for r in range(reps))}]\n"
        f"    timezone: UTC\n" for t in range(teams)) + "complaints:" + complaints


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--latency", type=float, default=0.15)
    parser.add_argument("--per-channel", type=float, default=1.0)
    parser.add_argument("--burst", type=int, default=3)
    parser.add_argument("--reminders", type=int, default=1000)
    parser.add_argument("--teams", type=int, default=3)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--logs", type=int, default=10)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    results = [run_mode("lanes and pacing", args)]
    if not args.no_baseline:
        results.append(run_mode("baseline: one sequential sender", args))
    report(args, results)


def run_mode(mode: str, args: argparse.Namespace) -> Result:
    db_url, server_pg = fresh_database(args.db, args.pg_url, "bench-delivery-")
    pace = SlackPace(latency=args.latency, per_channel=args.per_channel,
                     channel_burst=args.burst)
    try:
        with FakeSlack(pace=pace) as slack:
            for user in (ANN, BOB, KIM, LEAD):
                slack.add_user(user, tz="UTC", name=user)
            settings = Settings(database_url=db_url, slack_bot_token=TOKEN,
                                slack_signing_secret=TEST_SIGNING_SECRET,
                                slack_api_url=slack.api_url, default_tz="UTC", sweep_seconds=60)
            client = make_web_client(TOKEN, slack.api_url)
            clock = RealClock()
            runtime = open_runtime(settings, parse_directory(teams_yaml(args.teams, args.reps)),
                                   now=clock.now, workspace_id=installed_workspace(client))
            app = build_app(settings, runtime.services, client, clock=clock.now)
            start_sender(runtime, mode, slack, client)
            server, url = serve(app, runtime)
            try:
                return measure(mode, args, slack, url, runtime, clock)
            finally:
                server.close()
                runtime.stop()
    finally:
        if server_pg is not None:
            server_pg.drop()


def start_sender(runtime: Runtime, mode: str, slack: FakeSlack, client: WebClient) -> None:
    if not mode.startswith("baseline"):
        runtime.start_background(SlackNotifier(client), schedule=False)
        return
    # The sender before issue 13: one thread, claims in due order, sends one by one, and
    # slack_sdk sleeps out every 429 in that thread.
    old = WebClient(token=TOKEN, base_url=slack.api_url, timeout=10, retry_handlers=[
        ConnectionErrorRetryHandler(max_retry_count=2),
        RateLimitErrorRetryHandler(max_retry_count=3),
        ServerErrorRetryHandler(max_retry_count=2)])
    notifier = SlackNotifier(old)
    runtime.notifier = notifier
    runtime.reader.start(lambda: jobs.do_received(runtime.services, runtime.clock, batch=2)
                         + jobs.read_logs(runtime.services, runtime.clock, batch=2))
    runtime.sender.start(lambda: jobs.send_now(runtime.services, notifier, runtime.clock).claimed)
    runtime.keeper.start(lambda: jobs.renew_claims(runtime.services, runtime.clock) or
                         runtime.sender.wake() or 0)


def measure(mode: str, args: argparse.Namespace, slack: FakeSlack, url: str,
            runtime: Runtime, clock: RealClock) -> Result:
    result = Result(mode)
    for i in range(3):  # warm up: imports, connections, the parser
        answer_latency(slack, url, f"Warm{i} Corp: called, fine", 30)
    since = len(slack.calls)
    factory = make_session_factory(runtime.engine)
    t0, now = time.monotonic(), clock.now()
    with factory() as session:
        for i in range(args.reminders):
            queue_reminder(session, f"bench reminder {i}", now, owner=f"U0REM{i:04d}")
        session.commit()
    for team in runtime.services.directory.teams:
        if team.name.startswith("Team"):
            post_review(runtime.services, team, now.date(), now, workspace_id=TEAM_ID)
    runtime.sender.wake()
    talk = [threading.Thread(target=lambda: result.answers.extend(
                answer_latency(slack, url, f"Busy{i} Corp: sent the quote", 120, result.acks)
                for i in _paced(args.logs, 1.0))),
            threading.Thread(target=lambda: result.pages.extend(
                page_latency(slack, url, i + 1, result.acks)
                for i in _paced(args.pages, 1.5)))]
    for thread in talk:
        thread.start()
    channels = {f"C0REVIEW{t}" for t in range(args.teams)}
    owners = {f"U0REM{i:04d}" for i in range(args.reminders)}
    expected = args.teams * (1 + args.reps) + args.reminders
    deadline = t0 + args.timeout
    while time.monotonic() < deadline:
        done = [c for c in slack.calls[since:] if c.method == "chat.postMessage" and c.ok
                and (c.params.get("channel") in channels or c.params.get("channel") in owners)]
        if len(done) >= expected:
            break
        time.sleep(0.5)
    for thread in talk:
        thread.join()
    calls = [c for c in slack.calls[since:] if c.method == "chat.postMessage" and c.ok]
    reviews = [c for c in calls if c.params.get("channel") in channels]
    reminders = [c for c in calls if c.params.get("channel") in owners]
    if reviews:
        result.reviews_s = max(c.at for c in reviews) - t0
    if len(reminders) >= args.reminders:
        result.reminders_s = sorted(c.at for c in reminders)[args.reminders - 1] - t0
    sent = Counter((c.params["channel"], c.text) for c in reviews) + \
        Counter((c.params["channel"], "") for c in reminders)
    result.lost = max(0, expected - len(sent)) + \
        sum(1 for x in result.answers + result.pages if x == float("inf"))
    result.twice = sum(n - 1 for n in sent.values() if n > 1)
    result.refused = slack.refused_429s()
    return result


def _paced(count: int, every: float) -> Iterator[int]:
    """0..count-1, one every `every` seconds."""
    for i in range(count):
        time.sleep(every)
        yield i


def answer_latency(slack: FakeSlack, url: str, text: str, timeout: float,
                   acks: list[float] | None = None) -> float:
    hook = slack.response_url()
    request = slash_command(ids.COMMAND_LOG, text, user_id=KIM, team_id=TEAM_ID,
                            response_url=hook)
    start = time.monotonic()
    assert request.send(url)[0] == 200
    if acks is not None:
        acks.append(time.monotonic() - start)
    try:
        call = slack.wait_for(lambda c: c.method == "response_url" and c.url == hook,
                              timeout=timeout)
    except AssertionError:
        return float("inf")
    return call.at - start


def page_latency(slack: FakeSlack, url: str, number: int, acks: list[float]) -> float:
    request = slash_command(ids.COMMAND_COMPLAINT, f"Acme{number} Corp: delivery late again",
                            user_id=KIM, team_id=TEAM_ID)
    start = time.monotonic()
    assert request.send(url)[0] == 200
    acks.append(time.monotonic() - start)
    try:
        call = slack.wait_for(_page_for(number), timeout=120)
    except AssertionError:
        return float("inf")
    return call.at - start


def report(args: argparse.Namespace, results: list[Result]) -> None:
    minimum = max(0.0, (1 + args.reps - args.burst) / args.per_channel)
    print(f"db={args.db} latency={args.latency * 1000:.0f} ms, chat.postMessage "
          f"{args.per_channel:g}/s per channel (burst {args.burst}); {args.teams} reviews x "
          f"{1 + args.reps} messages, {args.reminders} reminders, {args.logs} /log, "
          f"{args.pages} pages")
    print("| sender | /log answer p50 / p99 | page p50 / p99 | requests' ack p50 / p99 | "
          "reviews (min "
          f"{minimum:.0f} s) | {args.reminders} reminders | 429s (max per channel) | lost | "
          "twice |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        print(f"| {r.mode} | {_p(r.answers)} | {_p(r.pages)} | {_p(r.acks)} | "
              f"{r.reviews_s:.1f} s | "
              f"{r.reminders_s:.1f} s | {sum(r.refused.values())} "
              f"({max(r.refused.values(), default=0)}) | {r.lost} | {r.twice} |")
    paced = results[0]
    checks = {
        "answers and pages p99 < 2 s": max(pct(paced.answers, .99), pct(paced.pages, .99)) < 2,
        f"reviews <= {1.5 * minimum + 10:.0f} s": paced.reviews_s <= 1.5 * minimum + 10,
        "reminders <= 30 s": paced.reminders_s <= 30,
        "<= 2 429s per channel": max(paced.refused.values(), default=0) <= 2,
        "none lost, none twice": paced.lost == 0 and paced.twice == 0}
    print("targets: " + "; ".join(f"{k}: {'met' if ok else 'MISSED'}"
                                  for k, ok in checks.items()))


def _p(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{pct(values, .5):.2f} / {pct(values, .99):.2f} s"


if __name__ == "__main__":
    main()
