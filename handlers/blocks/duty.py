"""/oncall (who is on duty, the week, covers) and /complaints (the lead's figures), in the
language of the person who asked."""

from __future__ import annotations

from typing import Any

from bot.catalog import tr, trn
from bot.services.complaints.duty import DutyView
from bot.services.complaints.figures import FiguresOutcome
from handlers.blocks.i18n import t
from handlers.blocks.i18n_complaints import CATEGORY, DUTY, PRIORITY, STATUS, word
from handlers.blocks.text import context, mention, notice, section, shown, when


def _why(view: DutyView) -> str:
    """Why there is no duty to show, from its code (older payloads: the sentence)."""
    lang, code = view.lang, view.message or ""
    if code not in DUTY:
        return shown(code or tr(lang, "Nobody is on duty."), 1000)
    return tr(lang, DUTY[code], team=shown(view.team, 100), who=mention(view.detail),
              phrase=shown(view.detail, 80))


def oncall_message(view: DutyView) -> dict[str, Any]:
    """The answer to /oncall and to a cover."""
    lang = view.lang
    if view.status not in ("duty", "covered") or view.now is None:
        text = _why(view)
        return {"text": notice(text), "blocks": [section(text), context(t(lang, "oncall_usage"))]}
    tz = view.tz
    cover = tr(lang, " (cover)")
    head = tr(lang, "✅ Cover recorded.") + " " if view.status == "covered" else ""
    now = view.now
    lines = [f"{head}*{shown(view.team, 100)}* — "
             + tr(lang, "on duty now: {person}", person=mention(now.owner))
             + (cover if now.override else "")
             + (tr(lang, " until {when}", when=when(now.until, "time", tz, lang))
                if now.until else "")]
    if view.backup:
        lines.append(tr(lang, "Backup: {person}", person=mention(view.backup)))
    if view.next is not None:
        lines.append(tr(lang, "Next: {person}", person=mention(view.next.owner))
                     + (cover if view.next.override else ""))
    week = "\n".join(
        f"• {when(s.since, 'time', tz, lang)} → "
        f"{when(s.until, 'time', tz, lang) if s.until else '…'}: "
        f"<@{s.owner}>{cover if s.override else ''}" for s in view.week)
    blocks = [section("\n".join(lines))]
    if week:
        blocks += [section("*" + tr(lang, "The week") + f"*\n{week}")]
    return {"text": notice(tr(lang, "On duty: {person}", person=mention(now.owner))),
            "blocks": blocks}


def _num(value: float | None, unit: str) -> str:
    return "–" if value is None else f"{value:.1f} {unit}"


def figures_lines(outcome: FiguresOutcome) -> list[str]:
    """The figures as lines of mrkdwn (also the nightly review's header)."""
    f, lang = outcome.figures, outcome.lang
    if f is None:
        return [tr(lang, DUTY["forbidden"])]
    rate = "–" if f.resolution_rate is None else f"{f.resolution_rate:.0%}"
    lines = [tr(lang, "*Complaints, last 30 days:* {raised}, {resolved} resolved ({rate}; "
                      "target ≥ 95%), median to acknowledge {ack}, to resolve {fix} "
                      "(target ≤ 24 h), {breaches}",
                raised=trn(lang, "{n} raised", "{n} raised", f.count), resolved=f.resolved,
                rate=rate, ack=_num(f.median_ack_minutes, tr(lang, "min")),
                fix=_num(f.median_resolve_hours, tr(lang, "h")),
                breaches=trn(lang, "{n} SLA breach", "{n} SLA breaches", f.breaches))]
    if f.per_owner:
        owners = [tr(lang, "{person} {n} ({resolved} resolved)", person=mention(o), n=n,
                     resolved=r) for o, n, r in f.per_owner]
        lines.append(tr(lang, "Per owner: {owners}", owners=", ".join(owners)))
    if f.categories:
        categories = ", ".join(f"{word(lang, CATEGORY, c)} {n}" for c, n in f.categories)
        lines.append(tr(lang, "Most frequent: {categories}", categories=categories))
    return lines


def figures_message(outcome: FiguresOutcome) -> dict[str, Any]:
    """The answer to /complaints."""
    f, lang = outcome.figures, outcome.lang
    if f is None:
        text = tr(lang, DUTY["forbidden"])
        return {"text": notice(text), "blocks": [section(text)]}
    open_lines = [f"• #{o.number} *{shown(o.customer, 80)}* · {word(lang, PRIORITY, o.priority)}"
                  f" · {word(lang, CATEGORY, o.category)} · <@{o.owner_id}> · "
                  f"{word(lang, STATUS, o.status)} · "
                  + trn(lang, "{n} h old", "{n} h old", round(o.age_hours))
                  for o in f.open[:30]]
    count = trn(lang, "{n} open complaint", "{n} open complaints", len(f.open))
    blocks: list[dict[str, Any]] = [
        section(f"*{shown(f.team, 100)} — {count}*\n"
                + ("\n".join(open_lines) or tr(lang, "none 🎉"))),
        section("\n".join(figures_lines(outcome)))]
    if len(f.open) > 30:
        blocks.append(context(trn(lang, "…and {n} more open.", "…and {n} more open.",
                                  len(f.open) - 30)))
    return {"text": notice(f"{shown(f.team, 100)}: {count}"), "blocks": blocks}
