"""`/log` acknowledgement latency and throughput through `python -m bot serve`, beside bare Bolt.

Usage: python bench/ack_latency.py [--db sqlite|postgresql] [--requests 2000]
                                   [--concurrency 1,16] [--warmup 200] [--before REV[,REV]]
                                   [--rounds 1] [--answers-wait 120] [--cpus N[,N]]
                                   [--logs DIR] [--latencies CSV]

Every target is a separate process serving real HTTP on 127.0.0.1, one at a time:

* ``bot``           ``python -m bot serve`` (waitress, 16 threads) on a fresh database holding a
                    team that has used the bot (prepare_database), its Web API pointed at a
                    FakeSlack served by a child process (auth.test, users.info);
* ``bolt-pbr``      a bare ``App(process_before_response=True)`` whose one ``/log`` listener only
                    acks a short text, served by the same waitress setup (``bot.web.serve``);
* ``bolt-default``  the same bare app in Bolt's default mode (``process_before_response=False``).

More on request (``--targets``): ``bot+worker`` (``serve --no-background`` beside
``python -m bot worker`` at nice 19), ``bot+worker0`` (the same, the worker at the server's
priority) and ``ack-only`` (``serve --no-background`` with no
worker: the acknowledgement path alone, nothing reading the logs behind it; a diagnostic).
``--before REV`` measures the bot at an earlier revision first (``bot@REV``, unpacked with
``git archive``; several revisions separated by commas), so a change is judged against its
predecessor under the same load. Each of the bot's targets runs on a fresh database of its own.

One run of 2,000 requests at 16 senders lasts 2-5 s, and on a shared two-core machine a
neighbour's burst in those seconds moves its p99 by tens of milliseconds, bare Bolt's as much
as the bot's. ``--rounds N`` measures every target N times, the targets interleaved and their
order reversed every other round, prints each round, and judges the targets on the median of
the rounds' figures.

``--cpus 1`` runs every target's processes on CPU 1 only, bare Bolt's as the bot's (the load
generator stays free). On a two-core virtual machine whose cross-core wake-ups were slow, each
of a threaded server's hand-overs of the interpreter went from one core to the other: 84-102
context switches per acknowledgement against 5-7 on one CPU, and 1.8-3.0 ms of CPU against
0.7-1.0 (the bot without its background work; bare Bolt 0.9-1.2 against 0.4-0.66,
2026-12-06). With it, the figures say what the code costs rather than what the machine's
wake-ups cost.

The load generator is asyncio in this process: C keep-alive connections, each sending the next
of N distinct signed ``/log`` requests (own trigger_id, realistic text, signed just before the
phase) as soon as the previous answer arrived. Latency is measured from writing the request to
reading the last byte of the answer. Every answer must be ``200`` with the expected body.
For the bot, "answered meanwhile" counts the "what I understood" replies posted while the
load ran (the reading gives way to requests in flight, but a flood must not stop it), and
"answers done" how long after the load the last one was posted (at most 120 s).
The targets (the issue's) are checked at 16 concurrent senders against "a bare Bolt app", i.e.
``bolt-default`` (Bolt as it ships), and for information against the stricter ``bolt-pbr``:
p99 <= 2x bare Bolt's and < 50 ms, throughput >= 0.5x bare Bolt's.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.scratch import unpack  # noqa: E402

PY = sys.executable
BOT_TOKEN = "xoxb-1234-5678-bench-token"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
BARE_TEXT = "Logged: Acme Corp"
REPS = [f"U0BENCH{i:02d}" for i in range(16)]
BOOK = 2_000  # customers in the team's book beside the ones the texts name
BOT_TZ = "Asia/Shanghai"
CUSTOMERS = ["Acme Corp", "Initech", "Globex", "Umbrella Health", "Stark Industries",
             "Wayne Logistics", "Hooli", "Vandelay Imports", "华为", "Soylent Foods"]
# (customer, the rest of the text): the shapes reps type, with a next step and a time phrase.
TEXTS = [
    "called Li, wants a quote for 20 seats. Send quote by Friday 3pm",
    "no answer, try again next Tuesday at 9",
    "visited the plant with Maria, pilot approved. Send contract tomorrow 10am",
    "emailed pricing to Tom; follow up in 3 days",
    "demo went well, they want references. Call back Monday morning",
    "拜访了王总,需求明确,下周三下午两点再回访",
    "meeting with procurement, budget moves to Q3. Check in next month",
    "chat with Sam about renewal, send the new terms by end of week",
]


# -- the servers under test ----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve_bare(mode: str, port: int, api_url: str) -> None:
    """(In the child process) a minimal Bolt app with one /log that acks, on waitress."""
    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    from bot.web import serve
    from tests.fakes import TEST_SIGNING_SECRET

    app = App(client=WebClient(token=BOT_TOKEN, base_url=api_url),
              signing_secret=TEST_SIGNING_SECRET,
              process_before_response=(mode == "pbr"))

    @app.command("/log")
    def handle_log(ack):  # type: ignore[no-untyped-def]
        ack(response_type="ephemeral", text=BARE_TEXT)

    serve(SlackRequestHandler(app), "127.0.0.1", port)


@dataclass
class Target:
    name: str
    argv: list[str]
    env: dict[str, str]
    ready_path: str  # GET this until 200 (None-like "" means: until the port accepts)
    expect: Callable[[bytes], bool]
    log: Path = field(default=Path("/dev/null"))
    proc: subprocess.Popen[bytes] | None = None
    companion: list[str] | None = None  # a second process started beside it (the worker)
    companion_proc: subprocess.Popen[bytes] | None = None
    cwd: Path = ROOT  # the code it runs (an earlier revision's, for --before)
    database: bool = False  # the bot's targets: each on a fresh database of its own
    cpus: frozenset[int] = frozenset()  # the CPUs its processes may run on (--cpus); all if none

    def start(self, port: int, workdir: Path) -> None:
        self.log = workdir / f"{self.name}.log"
        cpus = self.cpus
        pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=out,
                                         stderr=subprocess.STDOUT, preexec_fn=pin)
            if self.companion:
                self.companion_proc = subprocess.Popen(self.companion, cwd=self.cwd, env=self.env,
                                                       stdout=out, stderr=subprocess.STDOUT,
                                                       preexec_fn=pin)
        deadline = time.monotonic() + 60
        url = f"http://127.0.0.1:{port}{self.ready_path}"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited at start:\n{self.log.read_text()[-3000:]}")
            try:
                if self.ready_path:
                    with urllib.request.urlopen(url, timeout=2) as resp:
                        if resp.status == 200:
                            return
                else:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"{self.name} did not become ready:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.companion_proc is not None and self.companion_proc.poll() is None:
            self.companion_proc.send_signal(signal.SIGINT)
            self.companion_proc.wait(15)
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGINT)  # waitress stops; the bot stops its workers
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def cpu_seconds(self) -> float:
        """User and system CPU the server (and its companion) have used so far (Linux)."""
        total = 0.0
        for proc in (self.proc, self.companion_proc):
            if proc is None:
                continue
            try:
                fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                return 0.0
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return total

    def log_problems(self) -> Counter[str]:
        """Warning and error lines of the server's log, counted by message (digits as N)."""
        lines = self.log.read_text(errors="replace").splitlines() if self.log.exists() else []
        found: Counter[str] = Counter()
        for line in lines:
            level = next((lv for lv in (" WARNING ", " ERROR ", "Traceback") if lv in line), "")
            if level:
                found[re.sub(r"\d+", "N", line[line.index(level):].strip())[:110]] += 1
        return found


def bot_reply_ok(body: bytes) -> bool:
    try:
        doc = json.loads(body)
    except ValueError:
        return False
    # The instant answer says the text is stored (in the language it was written in); what
    # was read follows on the response_url.
    text = str(doc.get("text", ""))
    return doc.get("response_type") == "ephemeral" and ("Saved" in text or "已保存" in text)


def bare_reply_ok(body: bytes) -> bool:
    try:
        return bool(json.loads(body).get("text") == BARE_TEXT)
    except ValueError:
        return False


# -- the database --------------------------------------------------------------------------------

def prepare_database(kind: str, pg_url: str, workdir: Path) -> tuple[str, Callable[[], None]]:
    """A fresh database at the newest schema holding a team that has used the bot: its reps'
    Slack profiles known (looked up today), the customers the texts name, and a crowded book
    of others with similar names (bench/customer_match.py's), spread over the reps."""
    import random

    from sqlalchemy import insert, text

    from bench.customer_match import company_names
    from bot.domain.customers import name_key
    from bot.domain.teams import TeamDirectory
    from bot.services.context import ServiceContext
    from bot.services.delivery.sweeps import tick
    from store import match_index
    from store.engine import make_engine, make_session_factory
    from store.migrate import upgrade
    from store.models import Customer, Person
    from store.uow import UnitOfWork
    from tests.fakes import TEAM_ID

    drop: Callable[[], None] = lambda: None  # noqa: E731
    if kind == "sqlite":
        workdir.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{workdir / 'bench.db'}"
    else:
        import psycopg

        name = f"bench_ack_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        admin = pg_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        url = admin.rsplit("/", 1)[0] + "/" + name

        def drop() -> None:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    engine = make_engine(url)
    upgrade(engine)
    now = datetime.now(UTC)
    named = {name_key(n) for n in CUSTOMERS}
    crowd = [n for n, _ in company_names(BOOK, random.Random(7)) if name_key(n) not in named]
    with engine.begin() as conn:
        # Reps a team has: their profiles were looked up today, so reading a log asks Slack
        # nothing (a new rep is asked once, then not for a day).
        conn.execute(insert(Person), [
            {"workspace_id": TEAM_ID, "user_id": rep, "tz": "Asia/Shanghai",
             "display_name": f"Rep {i}", "tz_checked_at": now, "locale": "en-US"}
            for i, rep in enumerate(REPS)])
        conn.execute(insert(Customer), [
            {"workspace_id": TEAM_ID, "name": n, "name_key": name_key(n),
             "owner_id": REPS[i % len(REPS)], "created_by": REPS[i % len(REPS)],
             "created_at": now} for i, n in enumerate([*CUSTOMERS, *crowd])])
        # Inserted beside the ORM, so their matching keys too: without them no log names a
        # known customer and reading skips the work a real log does (the customer's cadence,
        # its moves, the complaint clock).
        match_index.rebuild(conn)
    # As a bot that has been running leaves it: the scheduler's beat has given every customer
    # its owner row, pool term and cadence (at a first start it walks the whole book, and a
    # log about a customer the walk had not reached raced it), and the statistics are current.
    factory = make_session_factory(engine)
    tick(ServiceContext(uow=lambda: UnitOfWork(factory), directory=TeamDirectory(),
                        default_tz=BOT_TZ), now)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))
    engine.dispose()
    return url, drop


def count_rows(url: str) -> dict[str, int]:
    from sqlalchemy import func, select

    from store.engine import make_engine
    from store.models import FollowUp, Notification, Task

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {m.__tablename__: int(conn.scalar(select(func.count()).select_from(m)) or 0)
                    for m in (FollowUp, Task, Notification)}
    finally:
        engine.dispose()


# -- the fake Slack, in its own process ----------------------------------------------------------


class RemoteFakeSlack:
    """A FakeSlack served by a child process (``--serve-fake``), driven over its stdin.

    The bot answers every log through the fake's response_url and looks people up in it;
    served in this process, that work would take the interpreter from the load generator
    and slow the bot's measured answers (the bare apps call no Web API)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([PY, str(Path(__file__).resolve()), "--serve-fake"],
                                     cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        self.api_url = self._ask("api_url")

    def _ask(self, command: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def response_urls(self, n: int) -> list[str]:
        return list(json.loads(self._ask(f"hooks {n}")))

    def response_posts(self) -> int:
        return int(self._ask("posts"))

    def calls(self) -> tuple[int, list[str]]:
        count, methods = json.loads(self._ask("calls"))
        return int(count), list(methods)

    def close(self) -> None:
        if self.proc.poll() is None:
            self._ask("quit")
            self.proc.wait(10)


def serve_fake() -> None:
    from tests.fakes import FakeSlack

    with FakeSlack() as fake:
        for user in REPS:
            fake.add_user(user, tz="Asia/Shanghai", name=user)
        for line in sys.stdin:
            command, _, arg = line.strip().partition(" ")
            if command == "api_url":
                answer = fake.api_url
            elif command == "hooks":
                answer = json.dumps([fake.response_url() for _ in range(int(arg))])
            elif command == "posts":
                answer = str(len(fake.response_posts()))
            elif command == "calls":
                answer = json.dumps([len(fake.calls), sorted({c.method for c in fake.calls})])
            else:
                print("bye", flush=True)
                return
            print(answer, flush=True)


# -- the load generator --------------------------------------------------------------------------

_texts = itertools.count()


def build_requests(n: int, port: int, hooks: list[str]) -> list[bytes]:
    """N distinct /log requests, signed now, as raw HTTP/1.1 bytes."""
    from tests.fakes import TEAM_ID, slash_command

    out = []
    for hook in hooks[:n]:
        i = next(_texts)
        req = slash_command("/log", f"{CUSTOMERS[i % len(CUSTOMERS)]}: {TEXTS[i % len(TEXTS)]}",
                            user_id=REPS[i % len(REPS)], team_id=TEAM_ID,
                            channel_id=f"D{REPS[i % len(REPS)]}", response_url=hook)
        head = [f"POST {req.path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
                f"Content-Length: {len(req.body)}"]
        head += [f"{k}: {v}" for k, v in req.headers.items()]
        out.append(("\r\n".join(head) + "\r\n\r\n").encode() + req.body)
    return out


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """(status, body, server keeps the connection) of one HTTP/1.1 response."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            parts.append(await reader.readexactly(size + 2))
            if size == 0:
                break
        body = b"".join(p[:-2] for p in parts)
    else:
        body = await reader.read()
        return status, body, False
    return status, body, headers.get("connection", "").lower() != "close"


@dataclass
class Result:
    target: str
    concurrency: int
    latencies: list[float]
    elapsed: float
    errors: int
    first_error: str = ""
    drain: float | None = None
    answered_during: int = 0  # "what I understood" replies posted while the load ran
    round: int = 1
    cpu: float = 0.0  # CPU seconds the server's processes used while the requests were sent
    sent_at: list[float] = field(default_factory=list)  # each answer's request, Unix time

    @property
    def cpu_ms(self) -> float:
        """CPU per answer: what the load of other processes on the machine changes least."""
        return self.cpu * 1000 / len(self.latencies) if self.latencies else 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def pct(self, q: float) -> float:
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(round(q * (len(data) - 1))))] * 1000 if data else 0.0

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else 0.0

    @property
    def p99(self) -> float:
        return self.pct(0.99)

    @property
    def max(self) -> float:
        return max(self.latencies) * 1000 if self.latencies else 0.0


async def run_load(port: int, requests: list[bytes], concurrency: int,
                   expect: Callable[[bytes], bool], name: str) -> Result:
    """Send every request over `concurrency` keep-alive connections; time each answer."""
    queue = iter(requests)
    latencies: list[float] = []
    sent_at: list[float] = []
    errors = [0]
    first_error = [""]

    def fail(msg: str) -> None:
        errors[0] += 1
        first_error[0] = first_error[0] or msg

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for raw in queue:
                t0, sent = time.perf_counter(), time.time()
                try:
                    writer.write(raw)
                    status, body, keep = await read_response(reader)
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    fail(f"{type(exc).__name__}: {exc}")
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    continue
                latencies.append(time.perf_counter() - t0)
                sent_at.append(sent)
                if status != 200 or not expect(body):
                    fail(f"HTTP {status}: {body[:200]!r}")
                if not keep:
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return Result(name, concurrency, latencies, time.perf_counter() - t0, errors[0],
                  first_error[0], sent_at=sent_at)


# -- the run -------------------------------------------------------------------------------------

def wait_for_answers(fake: RemoteFakeSlack, expected: int, timeout: float) -> float | None:
    """Seconds after the load ended until every log's "what I understood" answer was posted
    (the background reader's backlog); None if they did not all arrive."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if fake.response_posts() >= expected:
            return time.monotonic() - t0
        time.sleep(0.05)
    return None


def make_targets(args: argparse.Namespace, api_url: str, port: int,
                 befores: dict[str, Path]) -> list[Target]:
    from tests.fakes import TEST_SIGNING_SECRET

    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CRM_"))}
    base_env["PYTHONPATH"] = str(ROOT)
    base_env["PYTHONUNBUFFERED"] = "1"
    bot_env = dict(base_env, SLACK_BOT_TOKEN=BOT_TOKEN,  # DATABASE_URL: set per target
                   SLACK_SIGNING_SECRET=TEST_SIGNING_SECRET, SLACK_API_URL=api_url,
                   CRM_DEFAULT_TZ=BOT_TZ)
    me = str(Path(__file__).resolve())
    serve = [PY, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", str(port)]
    every = {
        "bot": Target("bot", serve, bot_env, "/healthz", bot_reply_ok, database=True),
        "bot+worker": Target("bot+worker", [*serve, "--no-background"],
                             bot_env, "/healthz", bot_reply_ok, database=True,
                             companion=["nice", "-n", "19", PY, "-m", "bot", "worker",
                                        "--poll", "0.2"]),
        # The same with the worker at the server's own priority: on SQLite a worker at nice 19
        # holding the shared writer lock was itself kept waiting, and every answer with it.
        "bot+worker0": Target("bot+worker0", [*serve, "--no-background"],
                              bot_env, "/healthz", bot_reply_ok, database=True,
                              companion=[PY, "-m", "bot", "worker", "--poll", "0.2"]),
        # Diagnostic: the acknowledgement path alone, nothing reading the logs behind it.
        "ack-only": Target("ack-only", [*serve, "--no-background"],
                           bot_env, "/healthz", bot_reply_ok, database=True),
        "bolt-pbr": Target("bolt-pbr", [PY, me, "--serve-bare", "pbr", "--port", str(port),
                                        "--api-url", api_url], base_env, "", bare_reply_ok),
        "bolt-default": Target("bolt-default", [PY, me, "--serve-bare", "default", "--port",
                                                str(port), "--api-url", api_url], base_env, "",
                               bare_reply_ok),
    }
    for rev, before in befores.items():  # the bot at an earlier revision, in the same run
        every[f"bot@{rev}"] = Target(
            f"bot@{rev}", list(serve), dict(bot_env, PYTHONPATH=str(before)),
            "/healthz", bot_reply_ok, cwd=before, database=True)
    names = [f"bot@{rev}" for rev in befores] + args.targets.split(",")
    for target in every.values():
        target.cpus = args.cpus
    return [every[name] for name in names]


def measure(target: Target, args: argparse.Namespace, workdir: Path,
            fake: RemoteFakeSlack) -> list[Result]:
    port = free_port()
    target.argv[target.argv.index("--port") + 1] = str(port)
    t0 = time.monotonic()
    target.start(port, workdir)
    print(f"  {target.name}: ready in {time.monotonic() - t0:.1f} s; warming up", flush=True)
    try:
        warm = asyncio.run(run_load(port, build_requests(args.warmup, port,
                                                   fake.response_urls(args.warmup)),
                                    4, target.expect, target.name))
        if warm.errors:
            raise SystemExit(f"{target.name} warm-up failed: {warm.first_error}")
        results = []
        for c in args.concurrency:
            reqs = build_requests(args.requests, port, fake.response_urls(args.requests))
            posted = fake.response_posts()
            cpu_before = target.cpu_seconds()
            res = asyncio.run(run_load(port, reqs, c, target.expect, target.name))
            res.cpu = target.cpu_seconds() - cpu_before
            res.answered_during = fake.response_posts() - posted
            if target.name.startswith("bot"):
                res.drain = wait_for_answers(fake, posted + len(reqs), args.answers_wait)
            print(f"  {target.name} c={c}: {res.rps:,.0f} req/s, p99 {res.p99:.1f} ms, "
                  f"{res.errors} errors", flush=True)
            results.append(res)
        return results
    finally:
        target.stop()


@dataclass
class Median:
    """One target's figures at one concurrency: the median of its rounds'."""
    target: str
    concurrency: int
    rounds: int
    rps: float
    p50: float
    p99: float
    cpu_ms: float


def medians(results: list[Result]) -> dict[tuple[str, int], Median]:
    keys = dict.fromkeys((r.target, r.concurrency) for r in results)
    out = {}
    for name, c in keys:
        mine = [r for r in results if (r.target, r.concurrency) == (name, c)]
        out[name, c] = Median(name, c, len(mine),
                              *(statistics.median(getattr(r, f) for r in mine)
                                for f in ("rps", "p50", "p99", "cpu_ms")))
    return out


def print_table(results: list[Result]) -> None:
    rounds = max(r.round for r in results) > 1
    print(f"\n{'round ' if rounds else ''}{'target':<13} {'conc':>4} {'requests':>8} {'req/s':>8} "
          f"{'p50 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6} {'cpu ms/req':>10} "
          f"{'answers done +s':>15} {'answered meanwhile':>18}")
    for r in results:
        drain = ("" if not r.target.startswith("bot") else
                 "not all" if r.drain is None else f"{r.drain:.2f}")
        during = f"{r.answered_during:,}" if r.target.startswith("bot") else ""
        print(f"{r.round:>5} " * rounds + f"{r.target:<13} {r.concurrency:>4} "
              f"{len(r.latencies):>8} {r.rps:>8,.0f} "
              f"{r.p50:>7.2f} {r.p99:>7.2f} {r.max:>7.1f} {r.errors:>6} {r.cpu_ms:>10.2f} "
              f"{drain:>15} {during:>18}")
        if r.first_error:
            print(f"{'':<13} first error: {r.first_error}")
    if rounds:
        print(f"\nthe median of the rounds\n{'target':<13} {'conc':>4} {'rounds':>6} {'req/s':>8} "
              f"{'p50 ms':>7} {'p99 ms':>7} {'cpu ms/req':>10}")
        for m in medians(results).values():
            print(f"{m.target:<13} {m.concurrency:>4} {m.rounds:>6} {m.rps:>8,.0f} {m.p50:>7.2f} "
                  f"{m.p99:>7.2f} {m.cpu_ms:>10.2f}")


def print_verdicts(results: list[Result]) -> bool:
    by = medians(results)
    bots = [t for t in dict.fromkeys(r.target for r in results) if t.startswith("bot")]
    print(f"\n{'target vs':<24} {'conc':>4} {'p99 ratio':>9} {'req/s ratio':>11}")
    for name in bots:
        for base in ("bolt-pbr", "bolt-default"):
            for c in sorted({r.concurrency for r in results}):
                bot, ref = by.get((name, c)), by.get((base, c))
                if bot and ref:
                    print(f"{name + ' vs ' + base:<24} {c:>4} {bot.p99 / ref.p99:>8.2f}x "
                          f"{bot.rps / ref.rps:>10.2f}x")
    c = max(r.concurrency for r in results)
    ok = True
    for name in bots:
        for base, what in (("bolt-default", "a bare Bolt app as Bolt ships it (default mode)"),
                           ("bolt-pbr", "a bare Bolt app in the bot's own mode "
                                        "(process_before_response, stricter)")):
            bot, ref = by.get((name, c)), by.get((base, c))
            if not (bot and ref):
                continue
            checks = [
                (f"p99 <= 2x bare Bolt's at {c} concurrent", bot.p99 <= 2 * ref.p99,
                 f"{bot.p99:.1f} ms vs {ref.p99:.1f} ms = {bot.p99 / ref.p99:.2f}x"),
                (f"p99 < 50 ms at {c} concurrent", bot.p99 < 50, f"{bot.p99:.1f} ms"),
                ("throughput >= 0.5x bare Bolt's", bot.rps >= 0.5 * ref.rps,
                 f"{bot.rps:,.0f} vs {ref.rps:,.0f} req/s = {bot.rps / ref.rps:.2f}x"),
            ]
            of = f"; each the median of {bot.rounds} rounds" if bot.rounds > 1 else ""
            print(f"\ntargets, {name} against {base}: {what}{of}")
            for label, passed, detail in checks:
                ok &= passed
                print(f"  {'PASS' if passed else 'FAIL'}  {label}: {detail}")
    errors = sum(r.errors for r in results)
    print(f"  {'PASS' if errors == 0 else 'FAIL'}  every answer 200 with the expected body: "
          f"{errors} errors")
    return ok and errors == 0


def write_latencies(path: Path, results: list[Result]) -> None:
    """Every answer, to tell when in a flood the slow ones came (beside the servers' logs)."""
    with path.open("w") as out:
        out.write("target,round,concurrency,sent_at,latency_ms\n")
        for res in results:
            for sent, latency in zip(res.sent_at, res.latencies, strict=True):
                out.write(f"{res.target},{res.round},{res.concurrency},{sent:.6f},"
                          f"{latency * 1000:.3f}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG,
                        help="an existing PostgreSQL database to connect to; the bench creates "
                             "and drops its own database beside it")
    parser.add_argument("--requests", type=int, default=2000, help="per target and concurrency")
    parser.add_argument("--concurrency", default="1,16")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--targets", default="bot,bolt-pbr,bolt-default")
    parser.add_argument("--logs", type=Path, help="keep the servers' logs in this directory")
    parser.add_argument("--latencies", type=Path, metavar="CSV",
                        help="write every answer's target, round, senders, the moment its "
                             "request was sent (Unix time) and its latency (ms) to this file")
    parser.add_argument("--before", metavar="REV[,REV]",
                        help="also measure the bot at these git revisions (git archive), first")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure every target this many times; judge on the medians")
    parser.add_argument("--answers-wait", type=float, default=120.0, metavar="SECONDS",
                        help="how long to wait for the bot's answers after each load (0: not)")
    parser.add_argument("--cpus", metavar="N[,N]", default="",
                        type=lambda v: frozenset(int(c) for c in v.split(",") if c),
                        help="run every target's processes on these CPUs only (e.g. 1), bare "
                             "Bolt's as the bot's; the load generator is left free")
    parser.add_argument("--serve-bare", choices=("pbr", "default"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    parser.add_argument("--serve-fake", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_fake:
        serve_fake()
        return 0
    if args.serve_bare:
        serve_bare(args.serve_bare, args.port, args.api_url)
        return 0
    args.concurrency = [int(c) for c in args.concurrency.split(",")]

    started = time.monotonic()
    fake = RemoteFakeSlack()
    with tempfile.TemporaryDirectory(prefix="bench-ack-") as tmp:
        workdir = Path(tmp)
        print(f"ack latency: {args.requests} requests per run, concurrency {args.concurrency}, "
              f"database {args.db}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
              + (f", servers on CPU {','.join(map(str, sorted(args.cpus)))}" if args.cpus
                 else ""), flush=True)
        results: list[Result] = []
        problems: dict[str, Counter[str]] = {}
        rows: dict[str, dict[str, int]] = {}
        befores = {rev: unpack(rev, workdir / f"before-{n}")
                   for n, rev in enumerate(args.before.split(",") if args.before else [])}
        for rnd in range(1, args.rounds + 1):
            targets = make_targets(args, fake.api_url, 0, befores)
            if rnd % 2 == 0:  # a drift during the run then favours no target
                targets.reverse()
            for i, target in enumerate(targets):
                # A fresh database each: logs another target left unread (ack-only reads
                # none) would be read behind this one's answers.
                db_url, drop = (prepare_database(args.db, args.pg_url, workdir / f"db{rnd}-{i}")
                                if target.database else ("", lambda: None))
                target.env = dict(target.env, DATABASE_URL=db_url)
                try:
                    measured = measure(target, args, workdir, fake)
                    for res in measured:
                        res.round = rnd
                    results += measured
                    problems.setdefault(target.name, Counter()).update(target.log_problems())
                    if target.database:
                        rows[target.name] = count_rows(db_url)
                finally:
                    drop()
        if args.logs:
            args.logs.mkdir(parents=True, exist_ok=True)
            for log in workdir.glob("*.log"):
                (args.logs / log.name).write_bytes(log.read_bytes())
        if args.latencies:
            write_latencies(args.latencies, results)
        print_table(results)
        ok = print_verdicts(results)
        if rows:
            calls, methods = fake.calls()
            for name, counted in rows.items():
                print(f"\nrows {name} wrote: {counted}", end="")
            print(f"\nWeb API calls made to the fake Slack: {calls} ({', '.join(methods)})")
        fake.close()
        for name, counts in problems.items():
            for line, n in counts.most_common(4):
                print(f"{name} log: {n:>5} x {line}")
        print(f"\nfinished in {time.monotonic() - started:.0f} s; "
              f"{'all targets met' if ok else 'some targets missed'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
