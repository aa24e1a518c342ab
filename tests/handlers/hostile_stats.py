"""/stats answers made of hostile text: a team's name, loss and dissatisfaction reasons, and
more reps than a message can hold."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.domain.figure_periods import WEEK, current_period, previous_period
from bot.domain.figure_sets import FactSet, Rules, figures_for
from bot.domain.revisit_figures import RevisitFact
from bot.domain.workdays import WorkCalendar
from bot.services.figures.compute import FigurePair, TeamFigures
from bot.services.figures.stats import StatsAnswer
from tests.handlers.hostile import NOW, USER


def stats_answers(text: str) -> list[StatsAnswer]:
    now = current_period(WEEK, NOW, ZoneInfo("Asia/Shanghai"))
    facts = FactSet(losses=((USER, text, NOW - timedelta(hours=1)),),
                    revisits=(RevisitFact(USER, now.first_day, now.first_day, True, 1, text),))
    rules = Rules(timedelta(hours=1), WorkCalendar())
    pair = FigurePair(figures_for(facts, [USER], now, rules),
                      figures_for(facts, [USER], previous_period(now), rules))
    team = TeamFigures(team=text, kind=WEEK, timezone="Asia/Shanghai", team_pair=pair,
                       reps=((USER, pair),) * 60)
    one = TeamFigures(team=text, kind=WEEK, timezone="Asia/Shanghai", team_pair=None,
                      reps=((USER, pair),))
    return [StatsAnswer("figures", f, lang=lang) for f in (team, one) for lang in ("en", "zh")
            ] + [StatsAnswer(s, teams=(text,) * 3) for s in ("forbidden", "which_team",
                                                              "no_team")]
