"""/oncall (who is on duty, the week, covers) and /complaints (the lead's figures)."""

from __future__ import annotations

from typing import Any

from bot.services.complaints.duty import DutyView
from bot.services.complaints.figures import FiguresOutcome
from handlers.blocks.i18n import t
from handlers.blocks.text import context, mention, notice, section, shown, when

ONCALL_USAGE = t("en", "oncall_usage")


def oncall_message(view: DutyView) -> dict[str, Any]:
    """The answer to /oncall and to a cover."""
    if view.status not in ("duty", "covered") or view.now is None:
        text = shown(view.message or "Nobody is on duty.", 1000)
        return {"text": notice(text), "blocks": [section(text), context(ONCALL_USAGE)]}
    tz = view.tz
    head = "✅ Cover recorded. " if view.status == "covered" else ""
    now = view.now
    lines = [f"{head}*{shown(view.team, 100)}* — on duty now: <@{now.owner}>"
             + (" (cover)" if now.override else "")
             + (f" until {when(now.until, 'time', tz)}" if now.until else "")]
    if view.backup:
        lines.append(f"Backup: <@{view.backup}>")
    if view.next is not None:
        lines.append(f"Next: <@{view.next.owner}>" + (" (cover)" if view.next.override else ""))
    week = "\n".join(
        f"• {when(s.since, 'time', tz)} → {when(s.until, 'time', tz) if s.until else '…'}: "
        f"<@{s.owner}>{' (cover)' if s.override else ''}" for s in view.week)
    blocks = [section("\n".join(lines))]
    if week:
        blocks += [section(f"*The week*\n{week}")]
    return {"text": notice(f"On duty: {mention(now.owner)}"), "blocks": blocks}


def _num(value: float | None, unit: str) -> str:
    return "–" if value is None else f"{value:.1f} {unit}"


def figures_lines(outcome: FiguresOutcome) -> list[str]:
    """The figures as lines of mrkdwn (also the nightly review's header)."""
    f = outcome.figures
    if f is None:
        return [shown(outcome.message, 300)]
    rate = "–" if f.resolution_rate is None else f"{f.resolution_rate:.0%}"
    lines = [f"*Complaints, last 30 days:* {f.count} raised, {f.resolved} resolved ({rate}; "
             f"target ≥ 95%), median to acknowledge {_num(f.median_ack_minutes, 'min')}, "
             f"to resolve {_num(f.median_resolve_hours, 'h')} (target ≤ 24 h), "
             f"{f.breaches} SLA breach{'es' if f.breaches != 1 else ''}"]
    if f.per_owner:
        lines.append("Per owner: " + ", ".join(f"<@{o}> {n} ({r} resolved)"
                                              for o, n, r in f.per_owner))
    if f.categories:
        lines.append("Most frequent: " + ", ".join(f"{c} {n}" for c, n in f.categories))
    return lines


def figures_message(outcome: FiguresOutcome) -> dict[str, Any]:
    """The answer to /complaints."""
    f = outcome.figures
    if f is None:
        text = shown(outcome.message)
        return {"text": notice(text), "blocks": [section(text)]}
    open_lines = [f"• #{o.number} *{shown(o.customer, 80)}* · {o.priority} · {o.category} · "
                  f"<@{o.owner_id}> · {o.status} · {o.age_hours:.0f} h old" for o in f.open[:30]]
    blocks: list[dict[str, Any]] = [
        section(f"*{shown(f.team, 100)} — open complaints: {len(f.open)}*\n"
                + ("\n".join(open_lines) or "none 🎉")),
        section("\n".join(figures_lines(outcome)))]
    if len(f.open) > 30:
        blocks.append(context(f"…and {len(f.open) - 30} more open."))
    return {"text": notice(f"{shown(f.team, 100)}: {len(f.open)} open complaints"),
            "blocks": blocks}
