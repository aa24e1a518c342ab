"""The chart renders as a PNG with its Chinese words drawn in a font that has them (not
tofu), and its alt text says the figures in words."""

from __future__ import annotations

import io
import warnings

from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from bot.services.figures.charts import TrendPoint, chart_words, cjk_font_path, render_charts
from handlers.blocks.figure_chart import chart_alt_text

PIPELINE = [("negotiating", "A", 3), ("negotiating", "B", 2), ("qualified", None, 4),
            ("no_stage", "A", 1)]
TREND = [TrendPoint(f"11-{d:02d}", 0.5, None, 0.75, 1.0, d % 3, open_a=d % 4,
                    aging_a=None if d < 3 else d % 2) for d in range(1, 9)]


def test_the_shipped_font_has_every_chinese_glyph_the_chart_uses() -> None:
    font = FT2Font(str(cjk_font_path()))
    words = "".join(chart_words("zh").values()) + "近周询价初次会面需求确认谈判"
    chinese = {ch for ch in words if "\u4e00" <= ch <= "\u9fff"}
    assert len(chinese) > 20
    missing = [ch for ch in chinese if font.get_char_index(ord(ch)) == 0]  # 0: .notdef, tofu
    assert missing == []
    assert font.get_char_index(ord("\U0010fffd")) == 0  # the check can fail


def test_a_chinese_chart_renders_without_a_missing_glyph() -> None:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        png = render_charts(PIPELINE, TREND, "zh")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000
    assert not [w for w in seen if "missing from font" in str(w.message)]
    with warnings.catch_warnings(record=True) as seen:  # the warning is real when tofu shows
        warnings.simplefilter("always")
        figure = Figure()
        figure.text(0.5, 0.5, "谈判", fontfamily="DejaVu Sans")
        figure.savefig(io.BytesIO(), format="png")
    assert [w for w in seen if "missing from font" in str(w.message)]


def test_the_alt_text_says_the_figures_in_words() -> None:
    payload = {"pipeline": [list(r) for r in PIPELINE], "trend": [vars(p) for p in TREND]}
    text = chart_alt_text(payload, "en")
    assert "negotiating A 3, B 2; qualified unrated 4; no stage A 1" in text
    assert "Last 8 weeks (11-01 … 11-08)" in text
    assert "Follow-up timeliness: 50%, 50%" in text
    assert "Conversion (won / qualified closed): not yet recorded" in text
    assert "Open A deals: 1, 2, 3, 0, 1," in text
    assert "A deals older than their week: not yet recorded, not yet recorded, 1, 0, 1" in text
    old = {"pipeline": payload["pipeline"], "trend": [  # a chart queued before they were drawn
        {k: v for k, v in vars(p).items() if k not in ("open_a", "aging_a")} for p in TREND]}
    assert "Open A deals" not in chart_alt_text(old, "en")
    assert "谈判 A 3" in chart_alt_text(payload, "zh") and len(text) <= 1000
