"""The chart's upload: its file name, title and the text alternative that says in words
what the picture shows (Slack's alt_txt, read by screen readers; at most 1,000 characters)."""

from __future__ import annotations

from typing import Any

from handlers.blocks.figure_lines import pct
from handlers.blocks.i18n import t
from handlers.blocks.review_lines import stage
from handlers.blocks.text import cut, shown

ALT_TEXT_LIMIT = 1000


def chart_alt_text(payload: dict[str, Any], lang: str) -> str:
    """"Open deals: negotiating A 2, B 1; … Last 8 weeks (11-02 … 11-23): follow-up
    timeliness 100%, …; …"."""
    deals: dict[str, list[str]] = {}
    for stage_key, grade, n in payload.get("pipeline") or ():
        deals.setdefault(shown(str(stage_key), 40), []).append(
            f"{grade or t(lang, 'rv_unrated')} {n}")
    pipeline = "; ".join(f"{stage(s, lang)} {', '.join(parts)}" for s, parts in deals.items())
    trend = payload.get("trend") or []
    series = []
    for key, label in (("timeliness", "st_timeliness"), ("conversion", "st_conversion"),
                       ("reach", "st_reach"), ("resolution", "st_resolution")):
        values = ", ".join(pct(w.get(key), lang) for w in trend)
        series.append(f"{t(lang, label)}: {values}")
    for key, label in (("new_a", "st_new_a"), ("open_a", "st_open_a"), ("aging_a", "st_aging")):
        if not any(key in w for w in trend):  # a chart queued before they were drawn
            continue
        values = ", ".join(t(lang, "st_nr") if w.get(key) is None else str(w[key])
                           for w in trend)
        series.append(f"{t(lang, label)}: {values}")
    weeks = f"{trend[0]['week']} … {trend[-1]['week']}" if trend else ""
    text = t(lang, "st_alt", pipeline=pipeline or t(lang, "st_none"), n=str(len(trend)),
             weeks=weeks, series="; ".join(series))
    return cut(text, ALT_TEXT_LIMIT)


def chart_upload(payload: dict[str, Any]) -> dict[str, Any]:
    """The arguments of files_upload_v2 for a composed chart reply."""
    lang = payload.get("lang") or "en"
    day = str(payload.get("at") or "")[:10]
    return {"channel": payload["channel"], "thread_ts": payload["thread_ts"],
            "filename": f"figures-{day}.png", "title": t(lang, "st_chart_title", day=day),
            "alt_txt": chart_alt_text(payload, lang), "content_b64": payload["png"]}
