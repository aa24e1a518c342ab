"""The after-sale parts of CRM_CONFIG: `revisits:`, `care:` and `losses:` (docs/revisits.md),
validated; every key left out keeps its default."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode

from bot.domain.care_dates import CARE_KINDS, CarePolicy
from bot.domain.losses import LossPolicy
from bot.domain.revisit_plans import Offset, RevisitPolicy, parse_offset

if TYPE_CHECKING:
    from bot.teamconfig import _Validator

REVISIT_KEYS = {"after_purchase", "service", "max_tries", "reasons", "complaint_reasons",
                "assignee", "script"}
CARE_KEYS = {"days_before", "renewal_days_before", "kinds", "named"}
LOSS_KEYS = {"reasons", "inactive_after"}
SCRIPT_LANGUAGES = {"en", "zh"}
_OFF = ("off", "false", "no")
_SPAN = re.compile(r"^\s*(\d+)\s*(d|w|m)\s*$")
# A reason is a code the blocks translate (price, no_budget) or a team's own words (价格偏高).
_REASON = re.compile(r"^[^\n:]{1,40}$")


def read_revisits(v: _Validator, node: Node | None) -> RevisitPolicy:
    """The `revisits:` mapping: schedules, tries, reasons, who calls, the script."""
    policy = RevisitPolicy()
    if node is None:
        return policy
    f = v.mapping(node, "revisits", REVISIT_KEYS)
    after = _schedule(v, f, "after_purchase", policy.after_purchase)
    service = _schedule(v, f, "service", policy.service)
    tries = _count(v, f["max_tries"], "revisits.max_tries", 1) if "max_tries" in f \
        else policy.max_tries
    reasons = _reasons(v, f["reasons"], "revisits.reasons") if "reasons" in f \
        else policy.reasons
    complaint = policy.complaint_reasons
    if "complaint_reasons" in f:
        complaint = _reasons(v, f["complaint_reasons"], "revisits.complaint_reasons",
                             allow_empty=True)
    unknown = [r for r in complaint if r not in reasons]
    if unknown:
        v.fail(f.get("complaint_reasons", node), "revisits.complaint_reasons",
               f"{', '.join(unknown)} not in revisits.reasons")
    assignee = policy.assignee
    if "assignee" in f:
        raw = v.scalar(f["assignee"], "revisits.assignee", node)
        assignee = None if raw.lower() == "owner" else v.user(f["assignee"], "revisits.assignee")
    script = dict(policy.script)
    if "script" in f:
        for lang, lines in v.mapping(f["script"], "revisits.script", SCRIPT_LANGUAGES).items():
            key = f"revisits.script.{lang}"
            script[lang] = tuple(v.scalar(n, key, n) for n in v.sequence(lines, key))
    return RevisitPolicy(after_purchase=after, service=service, max_tries=tries,
                         reasons=reasons, complaint_reasons=complaint, assignee=assignee,
                         script=script)


def read_care(v: _Validator, node: Node | None) -> CarePolicy:
    """The `care:` mapping: days ahead of every date, a renewal's extra ones, the kinds used."""
    policy = CarePolicy()
    if node is None:
        return policy
    f = v.mapping(node, "care", CARE_KEYS)
    before = _count(v, f["days_before"], "care.days_before", 0, 364) if "days_before" in f \
        else policy.days_before
    renewal = policy.renewal_days_before
    if "renewal_days_before" in f:
        key, given = "care.renewal_days_before", f["renewal_days_before"]
        nodes = [given] if isinstance(given, ScalarNode) else v.sequence(given, key)
        renewal = tuple(_count(v, n, key, 0, 364) for n in nodes)
    kinds = policy.kinds
    if "kinds" in f:
        kinds = tuple(v.scalar(n, "care.kinds", n).lower()
                      for n in v.sequence(f["kinds"], "care.kinds"))
        bad = [k for k in kinds if k not in CARE_KINDS]
        if bad:
            v.fail(f["kinds"], "care.kinds", f"{', '.join(bad)}: expected some of "
                   f"{', '.join(CARE_KINDS)}")
    named = _names(v, f["named"], "care.named") if "named" in f else ()
    return CarePolicy(days_before=before, renewal_days_before=renewal, kinds=kinds,
                      named=named)


def read_losses(v: _Validator, node: Node | None) -> LossPolicy:
    """The `losses:` mapping: the reasons, and how long without business means "lost?"."""
    policy = LossPolicy()
    if node is None:
        return policy
    f = v.mapping(node, "losses", LOSS_KEYS)
    reasons = _reasons(v, f["reasons"], "losses.reasons") if "reasons" in f else policy.reasons
    days = policy.inactive_days
    if "inactive_after" in f:
        raw = v.scalar(f["inactive_after"], "losses.inactive_after", node)
        m = _SPAN.match(raw.lower())
        if raw.strip().lower() in _OFF:
            days = None
        elif m and int(m[1]) > 0:
            days = int(m[1]) * {"d": 1, "w": 7, "m": 30}[m[2]]
        else:
            v.fail(f["inactive_after"], "losses.inactive_after",
                   f"{raw!r} is not a span like 90d, 12w or 3m (or off)")
    return LossPolicy(reasons=reasons, inactive_days=days)


def _schedule(v: _Validator, f: dict[str, Node], name: str, default: tuple[Offset, ...]
              ) -> tuple[Offset, ...]:
    """A list of offsets ([1wd, 3d, 3w, 3m]), or `off` for no plan of this kind."""
    if name not in f:
        return default
    node, key = f[name], f"revisits.{name}"
    if isinstance(node, ScalarNode):
        if node.value.strip().lower() not in _OFF:
            v.fail(node, key, "expected a list like [1wd, 3d, 3w, 3m] (or off)")
        return ()
    out: list[Offset] = []
    for item in v.sequence(node, key):
        raw = v.scalar(item, key, item)
        try:
            offset = parse_offset(raw)
        except ValueError:
            v.fail(item, key, f"{raw!r} is not an offset like 1wd, 3d, 3w or 3m")
            raise  # not reached: fail raises
        if offset in out:
            v.fail(item, key, f"{raw!r} is listed twice")
        out.append(offset)
    return tuple(out)


def _reasons(v: _Validator, node: Node, key: str, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of reasons, each once: codes the blocks translate, or a team's own words."""
    items = v.sequence(node, key)
    out: list[str] = []
    for item in items:
        raw = v.scalar(item, key, item).strip().lower()
        if not _REASON.match(raw):
            v.fail(item, key, f"{raw!r} is not a reason of at most 40 characters")
        if raw in out:
            v.fail(item, key, f"{raw!r} is listed twice")
        out.append(raw)
    if not out and not allow_empty:
        v.fail(node, key, "expected at least one reason")
    return tuple(out)


def _names(v: _Validator, node: Node, key: str) -> tuple[str, ...]:
    """A team's named dates, each once, as written (a form field's label and a CSV column's
    name after `named:`)."""
    out: list[str] = []
    for item in v.sequence(node, key):
        name = " ".join(v.scalar(item, key, item).split())
        if not _REASON.match(name):
            v.fail(item, key, f"{name!r} is not a name of at most 40 characters")
        if name.casefold() in (n.casefold() for n in out):
            v.fail(item, key, f"{name!r} is listed twice")
        out.append(name)
    return tuple(out)


def _count(v: _Validator, node: Node, key: str, minimum: int, maximum: int = 100) -> int:
    raw = v.scalar(node, key, node).strip()
    if not raw.isdigit() or not minimum <= int(raw) <= maximum:
        v.fail(node, key, f"{raw!r} is not a whole number from {minimum} to {maximum}")
    return int(raw)
