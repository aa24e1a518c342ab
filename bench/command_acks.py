"""Each command's, click's and form's acknowledgement at 16 senders, beside bare Bolt.

Every slash command is measured (reads, changes, help-free forms of each), with a button
that answers on its message, a button that opens a form, and the Edit- and New-customer
form submits.

Usage: python bench/command_acks.py [--db sqlite|postgresql] [--requests 300]
                                    [--concurrency 16] [--cases log,tasks,...]
                                    [--overlap SECONDS]

Two targets, one after the other, each a separate process serving real HTTP on 127.0.0.1:

* ``bot``           ``python -m bot serve`` on a fresh database (one team of 16 reps and a
                    lead, 40 customers owned by the reps), its Web API pointed at a FakeSlack
                    served by a child process;
* ``bolt-default``  a bare ``App()`` in Bolt's default mode whose listeners ack every
                    command, button and form with a short text (Bolt as it ships).

For each case both get the same number of distinct signed requests over 16 keep-alive
connections (bench/ack_latency.py's load generator): latency is from writing the request to
reading the whole answer, which must be 200 and not the bot's apology. Before each case the
bench waits until the server is idle (under 5% CPU for a second), so the work one case left
behind its answers (reading complaints, building reviews, sending) is not charged to the next.
With ``--overlap SECONDS`` it waits that long instead, so each case's acknowledgements meet
the work the previous case left behind (``--cases new_form,handover,service_visit --overlap
30``: /revisit NAME service acknowledged while 200 handovers move ever larger books, which on
SQLite is where a long worker transaction holds up every acknowledgement's INSERT).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ack_latency import (  # noqa: E402  (the path is set just above)
    BOT_TOKEN,
    DEFAULT_PG,
    PY,
    REPS,
    RemoteFakeSlack,
    Result,
    Target,
    free_port,
    prepare_database,
    run_load,
)

LEAD = "U0BENCHLD"
CUSTOMERS = [f"Bench Customer {i:03d}" for i in range(40)]
CONFIG = f"""
teams:
  - name: Bench
    channel: C0BENCH
    lead: {LEAD}
    members: [{", ".join(REPS)}]
    timezone: Asia/Shanghai
    complaints_channel: C0BENCHCMPL
    working_days: [mon, tue, wed, thu, fri, sat, sun]
    duty:
      rotation: [{REPS[0]}, {REPS[1]}]
      backup: {REPS[2]}
complaints:
  working_hours: "00:00-23:59"
"""
# /handover last: each one moves a rep's whole (growing) book to the next rep, work that
# outlasts wait_quiet's limit and, on SQLite, holds the one writer the next case's
# acknowledgements need (measured: /revisit NAME service after it, p99 12.9 s).
CASES = ("log", "tasks", "tasks_of", "team", "customer", "customers", "customer_new",
         "review_preview", "oncall", "complaints", "settings_show", "pool", "revisit_list",
         "click", "form_click", "form", "new_form", "tags", "move", "assign", "settings",
         "cover", "service_visit", "complaint", "handover")
APOLOGY = b"something went wrong"
_serial = itertools.count(1)
SEEDED: dict[str, tuple[int, str]] = {}  # name -> (id, owner), filled by seed()
CPU_MS: dict[tuple[str, str], float] = {}  # (target, case) -> server CPU ms per request


def _request(case: str, hook: str) -> object:
    """One signed request of a case (tests.fakes builds them as Slack shapes them)."""
    from handlers import ids
    from tests.fakes import TEAM_ID, block_actions, slash_command, view_submission

    i = next(_serial)
    rep = REPS[i % len(REPS)]
    name = CUSTOMERS[i % len(CUSTOMERS)]
    customer_id, owner = SEEDED[name]

    def command(cmd: str, text: str, user: str = rep) -> object:
        return slash_command(cmd, text, user_id=user, team_id=TEAM_ID, channel_id=f"D{user}",
                             response_url=hook)

    if case == "log":
        return command("/log", f"{name}: called Li, wants a quote #{i}. Send it by Friday 3pm")
    if case == "tasks":
        return command("/tasks", "")
    if case == "tasks_of":
        return command("/tasks", f"<@{rep}|rep>", LEAD)
    if case == "team":
        return command("/team", "")
    if case == "customer_new":
        return command("/customer", f"new Bench New {i}")
    if case == "oncall":
        return command("/oncall", "")
    if case == "complaints":
        return command("/complaints", "", LEAD)
    if case == "settings_show":
        return command("/settings", "")
    if case == "pool":
        return command("/pool", "")
    if case == "revisit_list":
        return command("/revisit", "")
    if case == "assign":
        return command("/customer", f"{name} assign <@{REPS[(i + 1) % len(REPS)]}|rep>", LEAD)
    if case == "handover":
        # Back and forth between two reps' halves of the team: every request moves customers.
        return command("/handover", f"<@{rep}|rep> to <@{REPS[(i + 1) % len(REPS)]}|next>",
                       LEAD)
    if case == "service_visit":
        return command("/revisit", f"{name} service", owner)
    if case == "form_click":
        return block_actions(ids.CUSTOMER_EDIT, str(customer_id), user_id=owner,
                             team_id=TEAM_ID, response_url=hook)
    if case == "new_form":
        return view_submission(ids.VIEW_CUSTOMER_NEW, _new_customer(f"Bench New Form {i}", i),
                               user_id=rep, team_id=TEAM_ID, private_metadata=f"|{hook}",
                               view_id=f"VBENCHNEW{i}")
    if case == "customer":
        return command("/customer", name)
    if case == "customers":
        return command("/customers", "likelihood:A")
    if case == "complaint":
        return command("/complaint", f"{name}: delivery {i} two weeks late, they may cancel")
    if case == "review_preview":
        return command("/review", "preview", LEAD)
    if case == "click":
        return block_actions(ids.CUSTOMER_OPEN, str(customer_id), user_id=rep, team_id=TEAM_ID,
                             response_url=hook)
    if case == "form":
        values = {field: {field: {"type": "plain_text_input", "value": value}}
                  for field, value in (("name", name), ("industry", f"Tools {i}"))}
        return view_submission(ids.VIEW_CUSTOMER_EDIT, values, user_id=owner,  # may edit
                               team_id=TEAM_ID, private_metadata=f"{customer_id}|{hook}",
                               view_id=f"VBENCH{i}")  # each submit its own form
    if case == "tags":
        return command("/customer", f"{name} tag +urgent{i % 7} -cold", owner)
    if case == "move":
        return command("/customer", f"{name} likelihood {'ABC'[i % 3]}", owner)
    if case == "settings":
        return command("/settings", f"timezone {('Asia/Tokyo', 'Asia/Shanghai')[i % 2]}")
    if case == "cover":
        return command("/oncall", f"cover <@{rep}> until Friday 18:00", LEAD)
    raise ValueError(case)


def _new_customer(name: str, i: int) -> dict[str, dict[str, Any]]:
    """A complete New-customer form, as Slack sends its state."""
    typed = {"kind": "company", "name": name, "industry": "Tools", "size": "20 staff",
             "contact_person": "Li", "contact_title": "Buyer", "phone": f"+86 138 {i:08d}",
             "needs": "seats", "source_channel": "referral", "first_contact": "2026-11-20"}
    out: dict[str, dict[str, Any]] = {}
    for field, value in typed.items():
        if field in ("kind", "source_channel"):
            leaf: dict[str, Any] = {"type": "static_select", "selected_option": {
                "text": {"type": "plain_text", "text": value}, "value": value}}
        elif field == "first_contact":
            leaf = {"type": "datepicker", "selected_date": value}
        else:
            leaf = {"type": "plain_text_input", "value": value}
        out[field] = {field: leaf}
    return out


def build(case: str, n: int, port: int, hooks: list[str]) -> list[bytes]:
    """N signed requests of one case as raw HTTP/1.1 bytes."""
    out = []
    for hook in hooks[:n]:
        req = _request(case, hook)
        body: bytes = req.body  # type: ignore[attr-defined]
        head = [f"POST {req.path} HTTP/1.1", f"Host: 127.0.0.1:{port}",  # type: ignore[attr-defined]
                f"Content-Length: {len(body)}"]
        head += [f"{k}: {v}" for k, v in req.headers.items()]  # type: ignore[attr-defined]
        out.append(("\r\n".join(head) + "\r\n\r\n").encode() + body)
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc), 0 if unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_quiet(pid: int, limit: float = 180.0) -> float:
    """Wait until the server has spent under 5% of a CPU for a second: the work the previous
    case left behind it (reading complaints, building reviews, sending) is not charged to
    the next case's acknowledgements. Returns the seconds waited."""
    started = time.monotonic()
    used = cpu_seconds(pid)
    while time.monotonic() - started < limit:
        time.sleep(1.0)
        now = cpu_seconds(pid)
        if now - used < 0.05:
            break
        used = now
    return time.monotonic() - started


def answered(body: bytes) -> bool:
    """Not the apology, nor a form kept open with errors (every case is a valid request)."""
    return APOLOGY not in body and b'"errors"' not in body


def serve_bare(port: int, api_url: str) -> None:
    """(In the child process) a bare Bolt app that acks every command, button and form."""
    import re

    from slack_bolt import App
    from slack_bolt.adapter.wsgi import SlackRequestHandler
    from slack_sdk import WebClient

    from bot.web import serve
    from tests.fakes import TEST_SIGNING_SECRET

    app = App(client=WebClient(token=BOT_TOKEN, base_url=api_url),
              signing_secret=TEST_SIGNING_SECRET)
    anything = re.compile(".*")

    @app.command(anything)
    def handle_command(ack):  # type: ignore[no-untyped-def]
        ack(response_type="ephemeral", text="ok")

    @app.action(anything)
    def handle_action(ack):  # type: ignore[no-untyped-def]
        ack()

    @app.view(anything)
    def handle_view(ack):  # type: ignore[no-untyped-def]
        ack()

    serve(SlackRequestHandler(app), "127.0.0.1", port)


def seed(db_url: str, workdir: Path) -> None:
    """The bench's customers, owned by the reps, as a CSV import would make them."""
    from sqlalchemy import insert, select

    from bot.domain.customers import name_key
    from store.engine import make_engine
    from store.models import Customer
    from tests.fakes import TEAM_ID

    engine = make_engine(db_url)
    from datetime import UTC, datetime
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(insert(Customer), [
            {"workspace_id": TEAM_ID, "name": n, "name_key": name_key(n),
             "owner_id": REPS[i % len(REPS)], "created_by": REPS[0], "created_at": now,
             "likelihood": "A" if i % 3 == 0 else None} for i, n in enumerate(CUSTOMERS)])
        rows = conn.execute(select(Customer.name, Customer.id, Customer.owner_id))
        SEEDED.update((name, (cid, owner)) for name, cid, owner in rows)
    engine.dispose()


def targets(db_url: str, api_url: str, workdir: Path) -> list[Target]:
    from tests.fakes import TEST_SIGNING_SECRET

    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CRM_"))}
    base.update(PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    bot_env = dict(base, DATABASE_URL=db_url, SLACK_BOT_TOKEN=BOT_TOKEN,
                   SLACK_SIGNING_SECRET=TEST_SIGNING_SECRET, SLACK_API_URL=api_url,
                   CRM_DEFAULT_TZ="Asia/Shanghai", CRM_CONFIG=str(workdir / "crm.yml"))
    me = str(Path(__file__).resolve())
    return [Target("bot", [PY, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", "0"],
                   bot_env, "/healthz", answered),
            Target("bolt-default", [PY, me, "--serve-bare", "--port", "0", "--api-url",
                                    api_url], base, "", answered)]


def measure(target: Target, cases: list[str], n: int, concurrency: int, workdir: Path,
            fake: RemoteFakeSlack, overlap: float | None = None) -> dict[str, Result]:
    port = free_port()
    target.argv[target.argv.index("--port") + 1] = str(port)
    target.start(port, workdir)
    try:
        warm = asyncio.run(run_load(port, build("tasks", 50, port, fake.response_urls(50)), 4,
                                    target.expect, target.name))
        if warm.errors:
            raise SystemExit(f"{target.name} warm-up failed: {warm.first_error}")
        out = {}
        pid = target.proc.pid if target.proc else 0
        for case in cases:
            if overlap is not None and case != cases[0]:
                time.sleep(overlap)  # into the previous case's work, on purpose
                quiet = overlap
            else:
                quiet = wait_quiet(pid)
            reqs = build(case, n, port, fake.response_urls(n))
            used = cpu_seconds(pid)
            out[case] = asyncio.run(run_load(port, reqs, concurrency, target.expect,
                                             target.name))
            r = out[case]
            # The server's CPU while the case ran, per request: the answers, and whatever of
            # the work behind them ran meanwhile (a shared machine's load does not count).
            CPU_MS[target.name, case] = (cpu_seconds(pid) - used) * 1000 / max(1, n)
            print(f"  {target.name} {case}: p50 {r.p50:.1f} ms, p99 {r.p99:.1f} ms, "
                  f"{r.rps:,.0f} req/s, {r.errors} errors {r.first_error[:150]}, server CPU "
                  f"{CPU_MS[target.name, case]:.1f} ms/request (after {quiet:.0f} s waiting "
                  "for the work behind the last case)", flush=True)
        return out
    finally:
        target.stop()


LABELS = {"log": "/log", "tasks": "/tasks", "tasks_of": "/tasks @rep (lead)", "team": "/team",
          "customer": "/customer NAME", "customers": "/customers likelihood:A",
          "customer_new": "/customer new NAME (form)", "complaint": "/complaint",
          "review_preview": "/review preview", "oncall": "/oncall",
          "complaints": "/complaints (lead)", "settings_show": "/settings",
          "pool": "/pool", "revisit_list": "/revisit", "click": "button (Open customer)",
          "form_click": "button opening a form (Edit)", "form": "form submit (Edit customer)",
          "new_form": "form submit (New customer)", "tags": "/customer NAME tag +x -y",
          "move": "/customer NAME likelihood X", "assign": "/customer NAME assign @rep",
          "settings": "/settings timezone ZONE", "cover": "/oncall cover @rep until Friday",
          "handover": "/handover @rep to @rep", "service_visit": "/revisit NAME service"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG)
    parser.add_argument("--requests", type=int, default=300, help="per case and target")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--overlap", type=float, metavar="SECONDS",
                        help="start each case this long after the previous one, not once "
                             "its work is done")
    parser.add_argument("--serve-bare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--api-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(args.port, args.api_url)
        return 0
    cases = args.cases.split(",")
    started = time.monotonic()
    print(f"command acks: {args.requests} requests per case, {args.concurrency} senders, "
          f"database {args.db}, {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}",
          flush=True)
    fake = RemoteFakeSlack()
    results: dict[str, dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-cmd-") as tmp:
        workdir = Path(tmp)
        (workdir / "crm.yml").write_text(CONFIG)
        db_url, drop = prepare_database(args.db, args.pg_url, workdir)
        try:
            seed(db_url, workdir)
            for target in targets(db_url, fake.api_url, workdir):
                results[target.name] = measure(target, cases, args.requests,
                                               args.concurrency, workdir, fake, args.overlap)
                if target.name == "bot":
                    problems = target.log_problems()
                    for line, count in problems.most_common(3):
                        print(f"  bot log: {count} x {line}")
        finally:
            drop()
            fake.close()
    bot, bare = results["bot"], results["bolt-default"]
    print(f"\n{'case':<32} {'bot p50':>8} {'bot p99':>8} {'bot CPU':>8} {'bare p50':>9} "
          f"{'bare p99':>9} {'p99 ratio':>9} {'errors':>6}")
    for case in cases:
        b, r = bot[case], bare[case]
        print(f"{LABELS[case]:<32} {b.p50:>8.1f} {b.p99:>8.1f} {CPU_MS['bot', case]:>8.1f} "
              f"{r.p50:>9.1f} {r.p99:>9.1f} {b.p99 / r.p99:>8.1f}x {b.errors + r.errors:>6}")
    print("\nms (bot CPU: the server's CPU per request while the case ran); load average "
          f"now {os.getloadavg()[0]:.2f}; finished in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
