"""Chaos: the bot killed with SIGKILL at random moments under a mixed workload, restarted.

Usage: python bench/chaos.py [--db sqlite,postgresql] [--kills 50] [--gap 0.5,3]
                             [--pg-url URL] [--keep DIR]

`python -m bot serve` runs as child processes (one copy on SQLite, two on PostgreSQL) against
a FakeSlack served here whose chat.postMessage takes 20 ms. A load thread keeps sending to
whichever copies are up: /log requests (each expects one "what I understood" reply on its
response_url), /complaint requests (each expects one page DM to the on-duty owner with
Acknowledge, and one answer on its response_url), reminders falling due within the next two
seconds (inserted as the bot's sweep would find them; each expects one DM), a lead's /review
(one parent in the team channel and one reply per rep in its thread) and clicks on the
complaint pages' Acknowledge (each expects one answer on the click's response_url). Every
`--gap` seconds (uniform) a random copy is killed with SIGKILL and started again at once.

A request the bot never acknowledged (the copy died first) is not expected: Slack would
retry it. After the last kill the load stops and the run waits up to 120 s for the rest.
It prints messages expected, sent, lost, sent twice (and whether each duplicate had a kill
between its two sends: the documented window, a crash between Slack's answer and the commit
that records it), and the latest arrival after a restart of a message expected before it.
Targets (issue 11): 0 lost, 0 duplicates outside the window, latest < 60 s after a restart.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.client import HTTPException
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from handlers import ids  # noqa: E402
from store.engine import make_engine, make_session_factory  # noqa: E402
from store.migrate import upgrade  # noqa: E402
from tests.e2e.processes import BotProcess, queue_reminder  # noqa: E402
from tests.fakes import TEAM_ID, FakeSlack, block_actions, slash_command  # noqa: E402
from tests.fakes.slack_api import Call  # noqa: E402
from tests.support.databases import PostgresServer  # noqa: E402

ANN, BOB, LEAD = "U0ANN", "U0BOB", "U0LEAD"
CONFIG = f"""
teams:
  - name: East
    channel: C0EAST
    lead: {LEAD}
    members: [{ANN}, {BOB}]
    timezone: UTC
    complaints_channel: C0CMPL
    working_days: [mon, tue, wed, thu, fri, sat, sun]
    duty:
      rotation: [{ANN}]
      backup: {BOB}
complaints:
  working_hours: "00:00-23:59"
"""


@dataclass
class Run:
    """What was asked of the bot (key -> monotonic time it became due) and the kills."""

    expected: dict[str, float] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    restarts: list[float] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def expect(self, key: str, at: float, kind: str = "") -> None:
        with self.lock:
            self.expected[key] = at
            self.kinds[key] = kind or key.split(" ")[0]


class Copies:
    """The running copies of the bot; the load sends to any that is up."""

    def __init__(self, db_url: str, slack: FakeSlack, workdir: Path, n: int) -> None:
        self.db_url, self.slack, self.workdir = db_url, slack, workdir
        self.env = {"CRM_CONFIG": str(workdir / "crm.yml")}
        self.procs = [self._start() for _ in range(n)]
        for proc in self.procs:
            proc.wait_healthy()

    def _start(self) -> BotProcess:
        return BotProcess(self.db_url, self.slack, self.workdir, extra_env=self.env)

    def any_url(self) -> str:
        return random.choice(self.procs).url

    def kill_one(self) -> None:
        i = random.randrange(len(self.procs))
        self.procs[i].kill()
        self.procs[i] = self._start()  # the load finds it again once it answers

    def stop(self) -> None:
        for proc in self.procs:
            proc.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--gap", default="0.5,3", help="seconds between kills: min,max")
    parser.add_argument("--pg-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    random.seed(args.seed)
    gap = tuple(float(x) for x in args.gap.split(","))
    failed = False
    for db in args.db.split(","):
        failed |= not run_on(db, args.kills, (gap[0], gap[1]), args.pg_url)
    sys.exit(1 if failed else 0)


def run_on(db: str, kills: int, gap: tuple[float, float], pg_url: str) -> bool:
    workdir = Path(tempfile.mkdtemp(prefix=f"chaos-{db}-"))
    (workdir / "crm.yml").write_text(CONFIG)
    server = PostgresServer(pg_url) if db == "postgresql" else None
    if server is not None:
        server.create()
    db_url = server.url if server else f"sqlite:///{workdir / 'crm.db'}"
    engine = make_engine(db_url)
    upgrade(engine)
    run = Run()
    try:
        with FakeSlack() as slack:
            for user in (ANN, BOB, LEAD):
                slack.add_user(user, tz="UTC", name=user)
            slack.delay("chat.postMessage", 0.02)
            copies = Copies(db_url, slack, workdir, 2 if server else 1)
            stop = threading.Event()
            load = threading.Thread(target=_load, args=(run, copies, slack, engine, stop))
            load.start()
            try:
                for _ in range(kills):
                    time.sleep(random.uniform(*gap))
                    copies.kill_one()
                    run.restarts.append(time.monotonic())
                if not kills:  # --kills 0: the load and the accounting alone (a smoke run)
                    time.sleep(gap[1])
            finally:
                stop.set()
                load.join()
            _wait_for_the_rest(run, slack, 120)
            copies.stop()
            ok = _report(db, kills, run, slack.calls)
    finally:
        engine.dispose()
        if server is not None:
            server.drop()
    print(f"  (bot logs in {workdir})")
    return ok


def _load(run: Run, copies: Copies, slack: FakeSlack, engine, stop: threading.Event) -> None:  # type: ignore[no-untyped-def]
    factory = make_session_factory(engine)
    reviewed = clicked = 0
    i = 0
    while not stop.is_set():
        i += 1
        roll = random.random()
        if roll < 0.4:
            hook = slack.response_url()
            if _send(copies, ids.COMMAND_LOG, f"Chaos{i} Corp: called Li, all fine", ANN, hook):
                run.expect(f"hook {hook}", time.monotonic(), "log")
        elif roll < 0.5:
            hook = slack.response_url()
            if _send(copies, ids.COMMAND_COMPLAINT, f"Chaos{i} Corp: delivery late", BOB,
                     hook):
                # The page to whoever is on duty, and the answer that replaces "working on
                # it" (both sent after the acknowledgement, by the worker).
                run.expect(f"complaint Chaos{i} Corp", time.monotonic())
                run.expect(f"hook {hook}", time.monotonic(), "complaint answer")
        elif roll < 0.6 and clicked < 20:
            clicked += _click_ack(run, copies, slack)
        elif i > 30 and not reviewed:  # once, after some work to review
            if _send(copies, ids.COMMAND_REVIEW, "", LEAD):
                reviewed = 1
                for key in ("review parent", f"review reply {ANN}", f"review reply {BOB}"):
                    run.expect(key, time.monotonic())
        else:
            due = datetime.now(UTC) + timedelta(seconds=random.uniform(0, 2))
            with factory() as session:
                # To many reps, as 09:00's reminders go: one person's DM is paced at about
                # one message a second, as Slack allows.
                queue_reminder(session, f"chaos reminder {i:05d}", due, _rep(i))
                session.commit()
            run.expect(f"reminder chaos reminder {i:05d}",
                       time.monotonic() + (due - datetime.now(UTC)).total_seconds())
        time.sleep(0.03)


REMINDED = "U0R"


def _rep(i: int) -> str:
    """Who the i-th reminder is for: 300 reps in turn."""
    return f"{REMINDED}{i % 300:04d}"


def _send(copies: Copies, command: str, text: str, user: str, hook: str | None = None) -> bool:
    request = slash_command(command, text, user_id=user, team_id=TEAM_ID, response_url=hook,
                            trigger_id=f"{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex[:8]}")
    try:
        return request.send(copies.any_url())[0] == 200
    except (OSError, HTTPException):  # the copy is down, or died mid-answer: not
        # acknowledged, so Slack would retry it
        return False


def _click_ack(run: Run, copies: Copies, slack: FakeSlack) -> int:
    """Press Acknowledge on a page already sent; expects one answer on the click's
    response_url."""
    pages = [c for c in slack.calls_to("chat.postMessage") if _ack_button(c) is not None]
    if not pages:
        return 0
    page = random.choice(pages)
    button = _ack_button(page) or {}
    hook = slack.response_url()
    request = block_actions(ids.COMPLAINT_ACK, str(button.get("value")), user_id=ANN,
                            team_id=TEAM_ID, response_url=hook,
                            channel_id=str(page.response.get("channel")))
    try:
        if request.send(copies.any_url())[0] == 200:
            run.expect(f"hook {hook}", time.monotonic(), "click")
            return 1
    except (OSError, HTTPException):
        pass
    return 0


def _ack_button(call: Call) -> dict[str, object] | None:
    for block in call.params.get("blocks") or []:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            if element.get("action_id") == ids.COMPLAINT_ACK:
                return dict(element)
    return None


def _keys_of(call: Call) -> list[str]:
    """Which expected messages a recorded Slack call delivers."""
    if call.method == "response_url":
        return [f"hook {call.url}"]
    text = json.dumps(call.params, ensure_ascii=False)
    if call.method != "chat.postMessage":
        return []
    channel = call.params.get("channel")
    if channel == ANN and _ack_button(call) is not None:
        named = re.search(r"Chaos\d+ Corp", text)
        return [f"complaint {named.group(0)}"] if named else []
    if isinstance(channel, str) and channel.startswith(REMINDED) and "chaos reminder " in text:
        at = text.index("chaos reminder ")
        return [f"reminder {text[at:at + 20]}"]
    if channel == "C0EAST":
        if not call.params.get("thread_ts"):
            # The team channel's other top-level post is the weekly report (caught up at start).
            return ["review parent"] if "Nightly review" in text else []
        return [f"review reply {rep}" for rep in (ANN, BOB) if f"<@{rep}>" in text][:1]
    return []


def _wait_for_the_rest(run: Run, slack: FakeSlack, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = {key for call in slack.calls for key in _keys_of(call)}
        if set(run.expected) <= seen:
            time.sleep(3)  # a little longer: a late duplicate would show now
            return
        time.sleep(0.5)


def _report(db: str, kills: int, run: Run, calls: list[Call]) -> bool:
    arrivals: dict[str, list[float]] = {}
    for call in calls:
        for key in _keys_of(call):
            arrivals.setdefault(key, []).append(call.at)
    expected = run.expected
    lost = [k for k in expected if k not in arrivals]
    twice = {k: v for k, v in arrivals.items() if k in expected and len(v) > 1}
    in_window = [k for k, v in twice.items()
                 if any(v[0] <= r <= v[-1] for r in run.restarts)]
    late = 0.0
    for key, due in expected.items():
        if key not in arrivals:
            continue
        first = arrivals[key][0]
        after = [r for r in run.restarts if due <= r <= first]
        if after:
            late = max(late, first - after[-1])
    kinds = sorted(set(run.kinds.values()))
    print(f"\n{db}: {kills} kills, {len(run.restarts)} restarts; expected by kind: "
          + ", ".join(f"{kind} {sum(v == kind for v in run.kinds.values())}" for kind in kinds))
    print("| database | expected | sent | lost | sent twice | in window | outside | "
          "latest after a restart |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(f"| {db} | {len(expected)} | {len(expected) - len(lost)} | {len(lost)} | "
          f"{len(twice)} | {len(in_window)} | {len(twice) - len(in_window)} | {late:.1f} s |")
    for key in lost[:10]:
        print(f"  lost: {key}")
    for key in [k for k in twice if k not in in_window][:10]:
        print(f"  twice outside the window: {key}")
    ok = not lost and len(in_window) == len(twice) and late < 60
    print(f"{'PASS' if ok else 'FAIL'}  {db}: 0 lost, 0 duplicates outside the window, "
          f"latest < 60 s after a restart")
    return ok


if __name__ == "__main__":
    main()
