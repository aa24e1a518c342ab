"""The answers to /stats: the figures (a team's, then each rep's), or why not."""

from __future__ import annotations

from typing import Any

from bot.services.figures.stats import StatsAnswer
from handlers.blocks.figure_lines import figure_lines, rep_line, title_line
from handlers.blocks.i18n import t
from handlers.blocks.text import context, mention, section, shown

MAX_BLOCKS = 50  # Slack's limit for a message


def stats_message(answer: StatsAnswer) -> dict[str, Any]:
    """What /stats answers, to the person who typed it alone."""
    lang, found = answer.lang, answer.figures
    if answer.status == "all_teams" and answer.every:
        return _every_team(answer)
    if answer.status != "figures" or found is None:
        text = {"forbidden": t(lang, "st_forbidden"), "no_team": t(lang, "st_no_team")}.get(
            answer.status) or t(lang, "st_which_team", names=", ".join(
                f"`{shown(n, 100)}`" for n in answer.teams) or t(lang, "st_none"))
        return {"text": text, "blocks": [section(text)]}
    blocks: list[dict[str, Any]] = []
    if found.team_pair is not None:
        pair = found.team_pair
        head = title_line(t(lang, "st_team_who", team=shown(found.team, 100)), pair, lang)
        blocks += [section(head), section("\n".join(figure_lines(pair, lang)))]
        if found.reps:
            lines = [rep_line(mention(rep), p, lang) for rep, p in found.reps]
            blocks += [{"type": "divider"}, section(f"*{t(lang, 'st_reps')}*"),
                       *(context(line) for line in lines[:MAX_BLOCKS - 6])]
            if len(lines) > MAX_BLOCKS - 6:
                blocks.append(context(t(lang, "st_more_reps",
                                        n=str(len(lines) - (MAX_BLOCKS - 6)))))
        title = head
    else:
        title = ""
        for rep, pair in found.reps:
            head = title_line(f"{mention(rep)} ({shown(found.team, 100)})", pair, lang)
            title = title or head
            blocks += [section(head), section("\n".join(figure_lines(pair, lang)))]
    return {"text": title.replace("*", ""), "blocks": blocks[:MAX_BLOCKS]}


def _every_team(answer: StatsAnswer) -> dict[str, Any]:
    """An admin's view: each team's main figures on a line, this period against the last."""
    lang = answer.lang
    teams = [f for f in answer.every if f.team_pair is not None]
    if not teams:
        return {"text": t(lang, "st_no_team"), "blocks": [section(t(lang, "st_no_team"))]}
    assert teams[0].team_pair is not None
    head = title_line(t(lang, "st_all_teams"), teams[0].team_pair, lang)
    lines = [rep_line(f"*{shown(f.team, 100)}*", f.team_pair, lang)
             for f in teams if f.team_pair is not None]
    blocks = [section(head), *(context(line) for line in lines[:MAX_BLOCKS - 2]),
              context(t(lang, "st_all_hint"))]
    return {"text": head.replace("*", ""), "blocks": blocks}
