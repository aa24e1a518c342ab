"""The Home tab: a rep's day (overdue, the next 7 days' tasks with their buttons, revisits,
A deals, complaints, prospects about to return to the pool) and, for a lead, the team's
week against the last and the reps with overdue work; at most 100 blocks, "more" buttons."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.services.figures.payload import team_figures_from_payload
from bot.services.home.view import HomeView
from bot.services.views import TaskView
from handlers import ids
from handlers.blocks.figure_lines import figure_lines, title_line
from handlers.blocks.i18n import t
from handlers.blocks.i18n_complaints import PRIORITY, STATUS, word
from handlers.blocks.review_lines import stage
from handlers.blocks.revisit_steps import step_words
from handlers.blocks.tasks import task_controls, task_line
from handlers.blocks.text import (
    actions,
    button,
    context,
    day_text,
    mention,
    section,
    shown,
    when,
)

MAX_BLOCKS = 100  # Slack's limit for a Home tab


def home_view(view: HomeView) -> dict[str, Any]:
    """The view views.publish sends."""
    lang = view.lang
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": t(lang, "hm_title")}}]
    for key, tasks in (("overdue", view.overdue), ("upcoming", view.upcoming)):
        blocks += _heading(view, key)
        if not tasks:
            blocks.append(context(t(lang, "hm_none")))
        for task in tasks:
            blocks += _task(task, lang)
        blocks += _more(view, key, len(tasks))
    lines = {
        "revisits": [t(lang, "hm_revisit", customer=shown(c, 100), step=_step(s, lang),
                       due=_day(d, lang)) for c, s, d in view.revisits],
        "a_deals": [f"{shown(name, 100)} ({stage(st, lang)})"
                    + (t(lang, "rv_aging_flag") if aging else "")
                    for _, name, st, aging in view.a_deals],
        "complaints": [f"#{n} {shown(c, 100)} ({shown(word(lang, PRIORITY, p), 20)}, "
                       f"{shown(word(lang, STATUS, s), 20)})" for n, c, p, s in view.complaints],
        "returning": [t(lang, "hm_returning_line", customer=shown(name, 100),
                        until=_until(at, view.tz, lang)) for _, name, at in view.returning]}
    for key, found in lines.items():
        blocks += _heading(view, key)
        blocks.append(section("\n".join(f"• {line}" for line in found))
                      if found else context(t(lang, "hm_none")))
        blocks += _more(view, key, len(found))
    blocks += _lead(view)
    if len(blocks) > MAX_BLOCKS:
        blocks = [*blocks[:MAX_BLOCKS - 1], context(t(lang, "hm_cut"))]
    return {"type": "home", "blocks": blocks}


def _heading(view: HomeView, key: str) -> list[dict[str, Any]]:
    count = view.counts.get(key, 0)
    return [{"type": "divider"}, section(f"*{t(view.lang, 'hm_' + key)}* ({count})")]


def _task(task: TaskView, lang: str) -> list[dict[str, Any]]:
    # In the reader's language, whatever language the task's title was written in.
    return [section(task_line(task, lang)), task_controls(task, lang)]


def _step(step: str, lang: str) -> str:
    """"3 days", "3天"; a step that is no offset (a payload's odd value) as it is."""
    try:
        return step_words(step, lang)
    except ValueError:
        return shown(step, 20)


def _day(day: str, lang: str) -> str:
    try:
        return day_text(date.fromisoformat(day), lang, year=False)
    except ValueError:
        return shown(day, 20)


def _until(at: str, tz: str, lang: str) -> str:
    try:
        return when(datetime.fromisoformat(at), "time", tz, lang)
    except ValueError:
        return shown(at, 40)


def _more(view: HomeView, key: str, shown_count: int) -> list[dict[str, Any]]:
    rest = view.counts.get(key, 0) - shown_count
    if rest <= 0 or view.expanded == key:
        return [context(t(view.lang, "hm_more_elsewhere", n=str(rest)))] if rest > 0 else []
    return [actions(button(t(view.lang, "hm_more", n=str(rest)), ids.HOME_MORE, key),
                    block_id=f"home_more:{key}")]


def _lead(view: HomeView) -> list[dict[str, Any]]:
    if view.figures is None:
        return []
    found = team_figures_from_payload(view.figures)
    pair = found.team_pair
    if pair is None:
        return []
    lang = view.lang
    late = ", ".join(f"{mention(rep)} {n}" for rep, n in view.late_reps) or t(lang, "st_none")
    return [{"type": "divider"},
            section(title_line(t(lang, "st_team_who", team=shown(found.team, 100)), pair,
                               lang)),
            section("\n".join(figure_lines(pair, lang))),
            *_chart(view),
            section(f"*{t(lang, 'hm_late_reps')}*: {late}")]


def _chart(view: HomeView) -> list[dict[str, Any]]:
    # The chart already shared in the team channel, by its file id: the bot hosts no public
    # image, and the lead, a member of that channel, may see the file.
    if not view.chart_file:
        return []
    return [{"type": "image", "slack_file": {"id": view.chart_file},
             "alt_text": t(view.lang, "hm_chart_alt"),
             "title": {"type": "plain_text", "text": t(view.lang, "hm_chart")}}]
