"""Score the time-phrase parser on Duckling's EN/ZH corpora beside plain dateparser.

Usage: python bench/parse_corpus.py [--corpus DIR] [--misses N] [--only ours]

Reads ../shared/time-corpus/duckling_{en,zh}.jsonl (relative to the repository), resolves
every phrase against its row's reference time with three parsers in the same process,
and prints accuracy per language plus median and p99 time per message (after warm-up).
Scoring follows the corpus README: agreement at the row's grain with `expected` or
`alt_expected`; intervals compare their start (or their end when only an end is given);
negative rows count when no time is found. Holidays and the latent section are reported
apart from the target rows.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dateparser  # noqa: E402
from dateparser.search import search_dates  # noqa: E402

from bot.domain.parsing import find_due, warm_up  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "time-corpus"
# The corpus's zone is a fixed UTC-02:00. America/Noronha kept exactly that offset all of
# 2013 (no DST), and unlike Etc/GMT+2 Duckling knows it by name, so "4pm CET" converts.
CORPUS_TZ = ZoneInfo("America/Noronha")
Finder = Callable[[str, datetime, str], datetime | None]


def _target(expected: dict[str, object]) -> tuple[datetime, str]:
    grain = str(expected.get("grain", "second"))
    raw = expected.get("value") or expected.get("from") or expected.get("to")
    return datetime.fromisoformat(str(raw)), grain


def agrees(found: datetime, expected: dict[str, object]) -> bool:
    """True when `found` equals the expected time at the expected grain (wall clock)."""
    want, grain = _target(expected)
    got = found.astimezone(want.tzinfo).replace(tzinfo=None)
    want = want.replace(tzinfo=None)
    if grain in ("second", "minute"):
        return got.replace(second=0, microsecond=0) == want.replace(second=0)
    if grain == "hour":
        return got.replace(minute=0, second=0, microsecond=0) == want.replace(minute=0, second=0)
    if grain == "day":
        return got.date() == want.date()
    if grain == "week":
        return (got.date() - timedelta(days=got.weekday())) == (
            want.date() - timedelta(days=want.weekday())
        )
    if grain == "month":
        return (got.year, got.month) == (want.year, want.month)
    if grain == "quarter":
        return (got.year, (got.month - 1) // 3) == (want.year, (want.month - 1) // 3)
    return got.year == want.year


def bucket(row: dict[str, object]) -> str:
    """Which part of the report a row belongs to."""
    if str(row["kind"]).startswith("holiday"):
        return "holiday"
    if row["section"] == "latent":
        return "latent"
    return "target"


def ours(text: str, ref: datetime, lang: str) -> datetime | None:
    reading = find_due(text, now=ref, tz=CORPUS_TZ)
    return reading.due if reading else None


def _languages(lang: str) -> list[str]:
    return ["zh"] if lang == "zh" else ["en"]


def dp_parse(text: str, ref: datetime, lang: str) -> datetime | None:
    base = ref.astimezone(CORPUS_TZ).replace(tzinfo=None)
    found = dateparser.parse(
        text, languages=_languages(lang),
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
    )
    return found.replace(tzinfo=CORPUS_TZ) if found else None


def dp_search(text: str, ref: datetime, lang: str) -> datetime | None:
    base = ref.astimezone(CORPUS_TZ).replace(tzinfo=None)
    found = search_dates(
        text, languages=_languages(lang),
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
    )
    return found[0][1].replace(tzinfo=CORPUS_TZ) if found else None


@dataclass
class Score:
    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    negatives_read: int = 0
    negatives: int = 0
    times_ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, key: str, ok: bool) -> None:
        self.totals[key] = self.totals.get(key, 0) + 1
        self.hits[key] = self.hits.get(key, 0) + int(ok)

    def pct(self, key: str) -> str:
        total = self.totals.get(key, 0)
        return f"{100 * self.hits.get(key, 0) / total:.1f}%" if total else "-"


def score(rows: list[dict[str, object]], finder: Finder, lang: str) -> Score:
    """Run `finder` over `rows` of one language and score it."""
    result = Score()
    for row in rows:
        ref = datetime.fromisoformat(str(row["ref_time"]))
        start = time.perf_counter()
        try:
            found = finder(str(row["text"]), ref, lang)
        except Exception:  # a baseline crashing on a phrase counts as a miss
            found = None
        result.times_ms.append((time.perf_counter() - start) * 1000)
        expected = row["expected"]
        key = bucket(row)
        if expected is None:
            result.negatives += 1
            result.negatives_read += int(found is not None)
            result.add(key, found is None)
            if found is not None:
                result.misses.append(f"NEG {row['text']!r} -> {found.isoformat()}")
            continue
        assert isinstance(expected, dict)
        alternates = row.get("alt_expected") or []
        assert isinstance(alternates, list)
        ok = found is not None and any(agrees(found, e) for e in [expected, *alternates])
        result.add(key, ok)
        if not ok and key == "target":
            want, grain = _target(expected)
            got = found.isoformat() if found else None
            result.misses.append(f"{row['text']!r} -> {got} (want {want.isoformat()} {grain})")
    return result


def load(corpus: Path, lang: str) -> list[dict[str, object]]:
    """Rows of one language's corpus file."""
    path = corpus / f"duckling_{lang}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses of ours")
    parser.add_argument("--only", choices=["ours"], help="skip the dateparser baselines")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    warm_up()
    startup_ms = (time.perf_counter() - t0) * 1000
    dp_parse("tomorrow", datetime.fromisoformat("2013-02-12T04:30:00-02:00"), "en")
    dp_search("tomorrow", datetime.fromisoformat("2013-02-12T04:30:00-02:00"), "zh")
    finders: dict[str, Finder] = {"ours (find_due)": ours}
    if args.only is None:
        finders |= {"dateparser.parse": dp_parse, "dateparser.search_dates": dp_search}
    print(f"start-up (warm_up): {startup_ms:.0f} ms")
    header = (
        "| parser | lang | target rows | accuracy | negatives read as time | "
        "holidays | latent | median ms | p99 ms |"
    )
    print(header)
    print("|" + "---|" * 9)
    failed = False
    for lang in ("en", "zh"):
        rows = load(args.corpus, lang)
        for name, finder in finders.items():
            s = score(rows, finder, lang)
            neg = f"{s.negatives_read}/{s.negatives}" if s.negatives else "-"
            print(
                f"| {name} | {lang.upper()} | {s.totals.get('target', 0)} | {s.pct('target')} "
                f"| {neg} | {s.pct('holiday')} | {s.pct('latent')} "
                f"| {statistics.median(s.times_ms):.2f} | {_p99(s.times_ms):.2f} |"
            )
            if finder is ours:
                failed |= s.hits.get("target", 0) < 0.85 * s.totals.get("target", 1)
                for miss in s.misses[: args.misses]:
                    print(f"    miss: {miss}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
