"""Team figures as lines of words (docs/figures.md), shared by /stats, the weekly report,
its chart's alt text and the Home tab: this period, the previous one, the change."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.figures import Figures, change
from bot.services.figures.compute import FigurePair
from handlers.blocks.i18n import t
from handlers.blocks.text import shown


def pct(value: float | None, lang: str) -> str:
    """"33%", or "not yet recorded"."""
    return t(lang, "st_nr") if value is None else f"{value * 100:.0f}%"


def points(now: float | None, before: float | None, lang: str) -> str:
    """The change of a rate in percentage points: "+5 pts", "no change", "not yet recorded"."""
    diff = change(now, before)
    if diff is None:
        return t(lang, "st_nr")
    n = round(diff * 100)
    return t(lang, "st_same") if n == 0 else t(lang, "st_pts", sign="+" if n > 0 else "−",
                                               n=str(abs(n)))


def delta(now: float | None, before: float | None, lang: str) -> str:
    """The change of a count or a score: "+2", "−1", "no change"."""
    diff = change(now, before)
    if diff is None:
        return t(lang, "st_nr")
    if abs(diff) < 0.05:
        return t(lang, "st_same")
    text = f"{abs(diff):.0f}" if float(diff).is_integer() else f"{abs(diff):.1f}"
    return ("+" if diff > 0 else "−") + text


def _num(value: float | None, lang: str, unit: str = "", digits: int = 0) -> str:
    if value is None:
        return t(lang, "st_nr")
    text = f"{value:.{digits}f}"
    return t(lang, unit, n=text) if unit else text


def _reasons(reasons: tuple[tuple[str, int], ...], lang: str) -> str:
    # Reasons are configured or typed by people: shown as user text, never as mrkdwn.
    return ", ".join(f"{shown(r, 60)} {n}" for r, n in reasons[:5]) or t(lang, "st_none")


def figure_lines(pair: FigurePair, lang: str) -> list[str]:
    """Every figure, one line each: its value now, the previous period's, the change."""
    now, before = pair.current, pair.previous
    prev = t(lang, f"st_prev_{now.period.kind}")

    def rate(key: str, get: Callable[[Figures], float | None], detail: str = "") -> str:
        return t(lang, "st_line", label=t(lang, key), now=pct(get(now), lang) + detail,
                 prev=prev, before=pct(get(before), lang),
                 change=points(get(now), get(before), lang))

    def count(key: str, get: Callable[[Figures], float | None], show: Callable[
            [float | None], str] | None = None) -> str:
        shown = show or (lambda v: _num(v, lang))
        return t(lang, "st_line", label=t(lang, key), now=shown(get(now)), prev=prev,
                 before=shown(get(before)), change=delta(get(now), get(before), lang))

    tasks, c = now.tasks, now.complaints
    return [
        rate("st_timeliness", lambda f: f.tasks.rate, f" ({tasks.on_time}/{tasks.due})"),
        rate("st_overdue", lambda f: f.tasks.overdue_rate,
             f" ({t(lang, 'st_still_open', n=str(tasks.still_open))})" if tasks.due else ""),
        count("st_new_a", lambda f: f.new_a),
        rate("st_conversion", lambda f: f.conversion.rate,
             f" ({now.conversion.won}/{now.conversion.won + now.conversion.lost_qualified})"),
        rate("st_churn", lambda f: f.churn.rate, f" ({now.churn.lost}/{now.churn.customers})"),
        count("st_aging", lambda f: f.aging_a),
        rate("st_reach", lambda f: f.revisits.reach_rate,
             f" ({now.revisits.reached}/{now.revisits.due})"),
        rate("st_revisit_on_time", lambda f: f.revisits.on_time_rate),
        rate("st_satisfaction", lambda f: f.revisits.satisfaction_rate),
        count("st_avg_score", lambda f: f.revisits.average_score, lambda v: _num(v, lang,
                                                                                 digits=1)),
        t(lang, "st_snapshot", label=t(lang, "st_dissatisfied"),
          now=_reasons(now.revisits.reasons, lang)),
        t(lang, "st_snapshot", label=t(lang, "st_loss_reasons"),
          now=_reasons(now.loss_reasons, lang)),
        rate("st_resolution", lambda f: f.complaints.resolution_rate,
             f" ({c.resolved}/{c.raised})"),
        t(lang, "st_snapshot", label=t(lang, "st_ack"),
          now=f"{_num(c.ack_minutes_median, lang, 'st_min')} / "
              f"{_num(c.ack_minutes_p90, lang, 'st_min')}"),
        t(lang, "st_snapshot", label=t(lang, "st_resolve"),
          now=f"{_num(c.resolve_hours_median, lang, 'st_h', 1)} / "
              f"{_num(c.resolve_hours_p90, lang, 'st_h', 1)}"),
        t(lang, "st_snapshot", label=t(lang, "st_pool"),
          now=f"{now.pool.claims} / {now.pool.returns} ({now.pool.returned_unworked}) / "
              f"{now.pool.reassigned_in} / {now.pool.reassigned_out}"),
    ]


def rep_line(person: str, pair: FigurePair, lang: str) -> str:
    """One rep's main figures on a line (a lead's view of each rep)."""
    f = pair.current
    return t(lang, "st_rep_line", person=person, timeliness=pct(f.tasks.rate, lang),
             overdue=pct(f.tasks.overdue_rate, lang), new_a=str(f.new_a),
             conversion=pct(f.conversion.rate, lang), reach=pct(f.revisits.reach_rate, lang),
             complaints=f"{f.complaints.resolved}/{f.complaints.raised}")


def title_line(who: str, pair: FigurePair, lang: str) -> str:
    """"*Team East*: this week so far (3 of 5 working days), against last week"."""
    now = pair.current
    passed, total = now.working_days
    return t(lang, "st_title", who=who, period=t(lang, f"st_{now.period.kind}"),
             passed=str(passed), total=str(total), prev=t(lang, f"st_prev_{now.period.kind}"))
