"""The weekly report in a team channel: last week's figures against the week before, then
each rep's main figures (the chart follows in its thread)."""

from __future__ import annotations

from typing import Any

from bot.services.figures.compute import TeamFigures
from handlers.blocks.figure_lines import figure_lines, rep_line
from handlers.blocks.i18n import t
from handlers.blocks.text import context, mention, section, shown

MAX_BLOCKS = 50


def weekly_report_message(found: TeamFigures, lang: str) -> dict[str, Any]:
    """The report's blocks and its notification text."""
    pair = found.team_pair
    assert pair is not None, "a weekly report is a team's"
    period = pair.current.period
    title = t(lang, "st_report_title", team=shown(found.team, 100),
              first=f"{period.first_day:%Y-%m-%d}", last=f"{period.last_day:%Y-%m-%d}")
    blocks: list[dict[str, Any]] = [section(f"*{title}*"),
                                    section("\n".join(figure_lines(pair, lang)))]
    if found.reps:
        room = MAX_BLOCKS - len(blocks) - 3
        lines = [rep_line(mention(rep), p, lang) for rep, p in found.reps]
        blocks += [{"type": "divider"}, section(f"*{t(lang, 'st_reps')}*"),
                   *(context(line) for line in lines[:room])]
        if len(lines) > room:
            blocks.append(context(t(lang, "st_more_reps", n=str(len(lines) - room))))
    blocks.append(context(t(lang, "st_report_hint")))
    return {"text": title, "blocks": blocks[:MAX_BLOCKS]}
