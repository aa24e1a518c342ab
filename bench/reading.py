"""Score how the bot reads reps' logs on bench/corpus, beside the rules of an earlier revision.

Usage: python bench/reading.py [--corpus DIR] [--limit N] [--baseline-rev REV | --no-baseline]
                               [--misses]

This code is scored through `python -m bot parse --jsonl` (each row with the corpus's
customers); "today's rules" are the parser of revision REV (default f1b5a9c, before issue 12),
unpacked with `git archive` into a temporary directory and run through the same virtualenv
with that directory first on PYTHONPATH. Its CLI answered only customer, next step and due,
so what it did not print is read with its own rules, as its log reader applied them: the
customer attached only when its whole name is in the text (else Create the guess, with
look-alikes), `find_moves` for that customer, a complaint only when the log says so up front.
Parse latency is timed in-process, per row, after warm-up: this code's whole reading
(`bot.parse_cli.read_row`), the old revision's `parse_log`. Gold format: bench/corpus/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.reading_score import CAPABILITIES, Row, Tally, score  # noqa: E402
from bench.scratch import unpack  # noqa: E402

DEFAULT_CORPUS = ROOT / "bench" / "corpus"
BASELINE_REV = "f1b5a9c"
# (capability, at least or at most, bound): the targets.
TARGETS = (("customer", ">=", 0.95), ("moves", ">=", 0.90), ("false moves", "<=", 0.02),
           ("every promise", ">=", 0.90), ("complaint intent", ">=", 0.85))
P99_TARGET_MS = 20.0
# Files of logs written after the rules they test had been tuned to the rest
# (bench/corpus/README.md): each scored apart as well as in the total, so overfitting shows.
HELD_OUT = "heldout"

# Run in the measured revision's interpreter: times each row and, for a revision whose CLI
# predates the reading contract, reads what it did not print with that revision's own rules.
_TIMER = r"""
import json, sys, time
from datetime import datetime
from zoneinfo import ZoneInfo
from bot.domain.parsing import parse_log, warm_up
from bot.domain.customers import closest, name_key
try:  # the old rules, where the old revision kept them
    from bot.domain.classification import find_moves
except ImportError:
    from bot.domain.log_moves import find_moves
from bot.domain.complaint_text import complaint_body
try:
    from bot.parse_cli import read_row
except ImportError:
    read_row = None

def old_rules(text, parsed, names):
    known = [(i, n, name_key(n)) for i, n in enumerate(names)]
    by_key = {k: n for _, n, k in known}
    key = name_key(parsed.customer or "")
    if key and key in by_key and key in name_key(text):
        match = {"kind": "existing", "name": by_key[key], "candidates": []}
    else:
        found = [n for _, n in closest(parsed.customer or text[:60], known)]
        exact = [n for _, n, k in known if key and k == key]
        candidates = list(dict.fromkeys(exact + found))[:4]
        kind = "new" if parsed.customer else "ambiguous"
        match = {"kind": kind, "name": parsed.customer, "candidates": candidates}
    attached = match["name"] if match["kind"] == "existing" else None
    moves = [{"axis": m.axis, "value": m.value} for m in find_moves(text, attached)] \
        if attached else []
    said = complaint_body(text) is not None
    return {"customer_match": match, "moves": moves,
            "complaint": {"intent": said, "confidence": 1.0 if said else 0.0}}

warm_up()
for line in sys.stdin:
    row = json.loads(line)
    tz = ZoneInfo(row["tz"])
    now = datetime.fromisoformat(row["now"])
    now = now if now.tzinfo else now.replace(tzinfo=tz)
    names = [c["name"] for c in row["customers"]]
    start = time.perf_counter()
    if read_row is not None:
        read_row(row, now, row["tz"])
    else:
        parsed = parse_log(row["text"], now=now, tz=tz, known_customers=names)
    ms = (time.perf_counter() - start) * 1000
    extras = None if read_row is not None else old_rules(row["text"], parsed, names)
    print(json.dumps({"ms": ms, "extras": extras}, ensure_ascii=False), flush=True)
"""


def load_corpus(directory: Path, limit: int | None = None) -> tuple[list[Row], list[Row]]:
    """The customer list and the rows of every *.jsonl file (the first `limit` of each)."""
    customers = json.loads((directory / "customers.json").read_text(encoding="utf-8"))
    rows: list[Row] = []
    for path in sorted(directory.glob("*.jsonl")):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows += [json.loads(line) for line in lines[:limit]]
    return customers, rows


def _python(code_dir: Path, args: list[str], stdin: str) -> list[Row]:
    env = {**os.environ, "PYTHONPATH": str(code_dir)}
    done = subprocess.run([sys.executable, *args], input=stdin, capture_output=True,
                          text=True, cwd=code_dir, env=env, timeout=1800, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{args[:2]} in {code_dir} failed:\n{done.stderr[-3000:]}")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _lines(rows: list[Row], customers: list[Row], *, aware_now: bool) -> str:
    out = []
    for row in rows:
        now = str(row["now"])
        if aware_now:  # the old CLI refused a now without an offset
            parsed = datetime.fromisoformat(now)
            now = (parsed if parsed.tzinfo else parsed.replace(tzinfo=ZoneInfo(str(row["tz"])))
                   ).isoformat()
        out.append(json.dumps({"id": row["id"], "text": row["text"], "now": now,
                               "tz": row["tz"], "customers": customers}, ensure_ascii=False))
    return "\n".join(out) + "\n"


def measure(code_dir: Path, rows: list[Row], customers: list[Row], *,
            old_cli: bool) -> tuple[list[Row], list[float]]:
    """Readings of every row by the code in `code_dir`, and each row's parse time in ms."""
    readings = _python(code_dir, ["-m", "bot", "parse", "--jsonl"],
                       _lines(rows, customers, aware_now=old_cli))
    timed = _python(code_dir, ["-c", _TIMER], _lines(rows, customers, aware_now=True))
    if old_cli:  # adapt the older output to the contract's fields
        for reading, extra in zip(readings, timed, strict=True):
            due = reading.get("due")
            reading.update(extra["extras"], happened_at=None, tasks=[] if not due else [
                {"due": due, "due_precision": reading.get("due_precision")}])
    return readings, [float(str(t["ms"])) for t in timed]


def _cell(tally: Tally | None) -> str:
    if tally is None or not tally.total:
        return "-"
    return f"{tally.hits}/{tally.total} {100 * tally.rate:5.1f}%"


def _p(times: list[float], q: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[q - 1] if len(times) > 1 \
        else times[0]


def report(rows: list[Row], new: dict[str, Tally], new_ms: list[float],
           old: dict[str, Tally] | None, old_ms: list[float] | None, rev: str,
           held: dict[str, dict[str, Tally]] | None = None) -> list[str]:
    """The table and the PASS/FAIL lines, as printed; `held` is this code on each held-out
    file alone (the check against rules tuned to the rest of the corpus), by file name."""
    head = f"today's rules ({rev})"
    held = held or {}
    together = score_of(held)
    lines = [f"{'capability':<18} {head:<24} {'this code':<18} {'held-out only':<18} target"]
    goals = {name: f"{op} {bound:.0%}".replace(">=", "≥").replace("<=", "≤")
             for name, op, bound in TARGETS}
    for name in CAPABILITIES:
        lines.append(f"{name:<18} {_cell(old[name] if old else None):<24} "
                     f"{_cell(new[name]):<18} {_cell(together.get(name)):<18} "
                     f"{goals.get(name, '')}".rstrip())
    for q in (50, 99):
        before = f"{_p(old_ms, q):.2f}" if old_ms else "-"
        lines.append(f"{f'parse p{q} ms':<18} {before:<24} {_p(new_ms, q):<18.2f} {'':<18} "
                     f"{f'< {P99_TARGET_MS:.0f}' if q == 99 else ''}".rstrip())
    lines.append("")
    for name, op, bound in TARGETS:
        if not new[name].total:
            lines.append(f"n/a   {name}: no row of this kind")
            continue
        rate = new[name].rate
        ok = rate >= bound if op == ">=" else rate <= bound
        lines.append(f"{'PASS' if ok else 'FAIL'}  {name} {100 * rate:.1f}% "
                     f"(target {goals[name]})")
    p99 = _p(new_ms, 99)
    lines.append(f"{'PASS' if p99 < P99_TARGET_MS else 'FAIL'}  parse p99 {p99:.2f} ms "
                 f"(target < {P99_TARGET_MS:.0f} ms)")
    for file, tallies in held.items():
        lines.append(f"{file} only ({tallies['customer'].total} logs): " + ", ".join(
            f"{name} {100 * tallies[name].rate:.1f}%" for name, _, _ in TARGETS))
    return lines


def score_of(files: dict[str, dict[str, Tally]]) -> dict[str, Tally]:
    """The tallies of several files added up."""
    total: dict[str, Tally] = {}
    for tallies in files.values():
        for name, t in tallies.items():
            was = total.get(name, Tally())
            total[name] = Tally(was.hits + t.hits, was.total + t.total, was.misses + t.misses)
    return total


def by_file(rows: list[Row], new: list[Row], old: list[Row] | None) -> str:
    """Whole logs read right per corpus file, today's rules then this code."""
    parts = []
    for name in sorted({str(r["id"]).rsplit("-", 1)[0] for r in rows}):
        picked = [i for i, r in enumerate(rows) if str(r["id"]).startswith(f"{name}-")]
        subset = [rows[i] for i in picked]
        now = score(subset, [new[i] for i in picked])["whole log"]
        before = f"{score(subset, [old[i] for i in picked])['whole log'].hits} → " if old else ""
        parts.append(f"{name} {before}{now.hits}/{now.total}")
    return "whole logs right by file: " + ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Run the bench and print its table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, help="only the first N rows of each corpus file")
    ap.add_argument("--baseline-rev", default=BASELINE_REV)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list this code's misses by row id")
    args = ap.parse_args(argv)
    customers, rows = load_corpus(args.corpus, args.limit)
    files = sorted({str(r["id"]).rsplit("-", 1)[0] for r in rows})
    print(f"corpus: {len(rows)} logs ({', '.join(files)}), {len(customers)} customers")
    readings, new_ms = measure(ROOT, rows, customers, old_cli=False)
    new = score(rows, readings)
    old = old_ms = old_readings = None
    if not args.no_baseline:
        with tempfile.TemporaryDirectory(prefix="reading-baseline-") as tmp:
            old_readings, old_ms = measure(unpack(args.baseline_rev, Path(tmp)), rows,
                                           customers, old_cli=True)
        old = score(rows, old_readings)
    held = {}
    for file in sorted({str(r["id"]).rsplit("-", 1)[0] for r in rows}):
        if file.startswith(HELD_OUT):
            picked = [i for i, r in enumerate(rows) if str(r["id"]).startswith(f"{file}-")]
            held[file] = score([rows[i] for i in picked], [readings[i] for i in picked])
    print("\n".join(report(rows, new, new_ms, old, old_ms, args.baseline_rev, held)))
    print(by_file(rows, readings, old_readings))
    errors = [r for r in readings if "error" in r]
    if errors:
        print(f"rows the CLI could not read: {len(errors)}: {errors[:3]}")
    if args.misses:
        for name in CAPABILITIES:
            if new[name].misses:
                print(f"{name}: {' '.join(new[name].misses)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
