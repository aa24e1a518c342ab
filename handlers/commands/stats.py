"""/stats: team figures, this period against the last (docs/figures.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from slack_bolt import Ack, Respond

from bot.domain.figure_periods import MONTH, WEEK
from bot.domain.mentions import mentioned_user
from bot.services.context import ServiceContext
from bot.services.figures.stats import StatsAsk, stats
from bot.services.language import answer_language
from handlers.blocks.help import help_message
from handlers.blocks.stats import stats_message
from handlers.later import answer_later, told_on_failure, working_message

HELP_WORDS = ("help", "帮助", "?", "？")
PERIODS = {"week": WEEK, "周": WEEK, "本周": WEEK, "month": MONTH, "月": MONTH, "本月": MONTH}
TEAM_WORDS = ("team", "团队")
ALL_WORDS = ("all", "全部", "所有团队")  # an admin's every team
# With should_escape a mention arrives as <@U123|name>.


def stats_asked(text: str) -> StatsAsk | None:
    """What the words ask for; None when they ask for help or make no sense."""
    kind, person, team, own_team, every = WEEK, None, [], False, False
    for word in text.split():
        folded = word.casefold()
        if folded in HELP_WORDS:
            return None
        if folded in PERIODS:
            kind = PERIODS[folded]
        elif (mentioned := mentioned_user(word)) is not None and person is None:
            person = mentioned
        elif folded in TEAM_WORDS:
            own_team = True
        elif folded in ALL_WORDS:
            every = True
        elif word.startswith("<"):
            return None
        else:
            team.append(word)
    if person is not None and (team or own_team) or every and (person or team or own_team):
        return None
    return StatsAsk(kind=kind, person=person, team=" ".join(team) or None, own_team=own_team,
                    all_teams=every)


def ack_stats(ack: Ack, command: dict[str, Any], services: ServiceContext) -> None:
    """The answer Slack gets at once: the help, or "working on it" (the figures follow)."""
    text = command.get("text") or ""
    if stats_asked(text) is None:
        ack(response_type="ephemeral",
            **help_message("stats", answer_language(services, command["user_id"], text)))
    else:
        ack(**working_message(text))


def handle_stats(command: dict[str, Any], body: dict[str, Any], services: ServiceContext,
                 now: datetime, workspace_id: str, respond: Respond | None) -> None:
    """`/stats` shows this week's figures so far against last week's: yours, or your team's
    and each rep's if you lead it; `/stats month`; `/stats @sam`; `/stats team` or
    `/stats TEAM`; `/stats help` explains."""
    text = command.get("text") or ""
    asked = stats_asked(text)
    answer_to = answer_later(command, respond)
    if asked is None or answer_to is None:
        return
    with told_on_failure(body, answer_to):
        answer = stats(services, workspace_id, command["user_id"], asked, now)
        lang = answer_language(services, command["user_id"], text)
        answer_to(response_type="ephemeral", replace_original=True,
                  **stats_message(replace(answer, lang=lang)))
