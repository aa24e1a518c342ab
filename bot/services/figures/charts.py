"""The team's charts as one PNG: the open pipeline by stage and likelihood, and the main
figures over recent weeks (docs/figures.md). matplotlib with the Agg backend (no display),
and Noto Sans CJK SC from the mplfonts package so Chinese labels are drawn, not tofu."""

from __future__ import annotations

import importlib.util
import io
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.catalog import N_, tr, trn
from bot.domain.classification import GRADES, STAGE_NAMES, STAGES
from bot.domain.language import is_chinese
from bot.domain.review import NO_STAGE

CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"
# matplotlib's pyplot state is global; the figure objects used here are not, but font and
# rc setup are, and sending threads may render at once.
_LOCK = threading.Lock()

# The chart's words, translated where drawn (the catalog is read in the reader's language).
WORDS = {"pipeline": N_("Open deals by stage and likelihood"), "unrated": N_("unrated"),
         "deals": N_("deals"), "timeliness": N_("Follow-up timeliness"),
         "conversion": N_("Conversion"), "reach": N_("Revisit reach"),
         "resolution": N_("Complaints resolved"), "new_a": N_("New A deals"),
         "aging_a": N_("A deals older than their week"),
         "no_stage": N_("no stage")}


def chart_words(lang: str) -> dict[str, str]:
    """The chart's words in `lang`."""
    return {key: tr(lang, message) for key, message in WORDS.items()}


@dataclass(frozen=True)
class TrendPoint:
    """One week of the trend: its Monday, the four rates (None: not recorded), new A deals,
    and the open A deals at its end (now, for this week) and how many were older than their
    week."""

    week: str
    timeliness: float | None
    conversion: float | None
    reach: float | None
    resolution: float | None
    new_a: int
    open_a: int | None = None
    aging_a: int | None = None


def cjk_font_path() -> Path:
    """Where the installed mplfonts package keeps Noto Sans CJK SC (found without importing
    the package, which would configure matplotlib globally)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package (Noto Sans CJK SC) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / CJK_FONT_FILE


@lru_cache(maxsize=1)
def _font_family() -> str:
    """Register the CJK font with matplotlib once; its family name."""
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=str(path)).get_name())


def _stage_label(stage: str, lang: str) -> str:
    if stage == NO_STAGE:
        return tr(lang, WORDS["no_stage"])
    names = STAGE_NAMES.get(stage)
    return names[1 if is_chinese(lang) else 0] if names else stage


def render_charts(pipeline: Sequence[tuple[str, str | None, int]],
                  trend: Sequence[TrendPoint], lang: str = "en") -> bytes:
    """One PNG: the pipeline (stage x likelihood counts) beside the weekly trend."""
    from matplotlib.figure import Figure

    words = chart_words(lang)
    with _LOCK:
        family = _font_family()
        figure = Figure(figsize=(11, 4.2), dpi=80)
        # Fixed margins: tight_layout measured every label twice and was a fifth of the time.
        figure.subplots_adjust(left=0.1, right=0.93, bottom=0.2, top=0.9, wspace=0.35)
        left, right = figure.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.3]})
        _pipeline(left, pipeline, words, lang, family)
        _trend(right, trend, words, lang, family)
        out = io.BytesIO()
        figure.savefig(out, format="png")
    return out.getvalue()


def _locator(count: int) -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(count, integer=True)


def _pipeline(ax: Any, rows: Sequence[tuple[str, str | None, int]], words: dict[str, Any],
              lang: str, family: str) -> None:
    order = [s for s in (*STAGES, NO_STAGE) if any(r[0] == s for r in rows)]
    grades: list[str | None] = [*GRADES, None]
    base = [0] * len(order)
    for grade in grades:
        counts = [sum(n for s, g, n in rows if s == stage and g == grade) for stage in order]
        if any(counts):
            ax.barh([_stage_label(s, lang) for s in order], counts, left=base,
                    label=grade or words["unrated"])
            base = [a + b for a, b in zip(base, counts, strict=True)]
    ax.xaxis.set_major_locator(_locator(5))
    ax.set_title(words["pipeline"], fontfamily=family)
    ax.set_xlabel(words["deals"], fontfamily=family)
    for label in ax.get_yticklabels():
        label.set_fontfamily(family)
    if order:
        ax.legend(prop={"family": family}, fontsize="small")


def _trend(ax: Any, points: Sequence[TrendPoint], words: dict[str, Any], lang: str,
           family: str) -> None:
    weeks = [p.week for p in points]
    for key in ("timeliness", "conversion", "reach", "resolution"):
        values = [None if getattr(p, key) is None else getattr(p, key) * 100 for p in points]
        ax.plot(weeks, [float("nan") if v is None else v for v in values], marker="o",
                label=words[key])
    ax.set_ylim(0, 105)
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_ylabel("%", fontfamily=family)
    bars = ax.twinx()
    bars.bar(weeks, [p.new_a for p in points], alpha=0.25, color="grey", label=words["new_a"])
    bars.plot(weeks, [float("nan") if p.aging_a is None else p.aging_a for p in points],
              color="black", linestyle="--", marker="x", label=words["aging_a"])
    bars.set_ylabel(words["deals"], fontfamily=family)
    bars.yaxis.set_major_locator(_locator(4))
    ax.set_title(trn(lang, "Last {n} week", "Last {n} weeks", len(points)), fontfamily=family)
    ax.tick_params(axis="x", labelrotation=45, labelsize="small")
    lines, labels = ax.get_legend_handles_labels()
    counts, count_labels = bars.get_legend_handles_labels()
    ax.legend(lines + counts, labels + count_labels, prop={"family": family},
              fontsize="small", loc="lower left")
