"""The complaint parts of CRM_CONFIG: a team's `duty` rotation and the top-level `complaints`."""

from __future__ import annotations

import re
from datetime import date, time
from typing import TYPE_CHECKING

from yaml.nodes import Node

from bot.domain.complaints import PRIORITIES, ComplaintPolicy
from bot.domain.duty import NEXT, Rotation, parse_handoff

if TYPE_CHECKING:
    from bot.teamconfig import _Validator

DUTY_KEYS = {"rotation", "start", "handoff", "backup"}
COMPLAINT_KEYS = {"ack_minutes", "repeat", "answer_hours", "solve_days", "working_hours",
                  "check_back_hours"}


def read_duty(v: _Validator, node: Node, key: str, timezone: str) -> Rotation:
    """A team's `duty:` mapping as a Rotation in the team's zone."""
    f = v.mapping(node, key, DUTY_KEYS)
    people = tuple(v.user(n, f"{key}.rotation[{i}]")
                   for i, n in enumerate(v.sequence(f.get("rotation"), f"{key}.rotation")))
    if not people:
        v.fail(f.get("rotation", node), f"{key}.rotation", "expected at least one user ID")
    start = None
    if "start" in f:
        raw = v.scalar(f["start"], f"{key}.start", node)
        try:
            start = date.fromisoformat(raw)
        except ValueError:
            v.fail(f["start"], f"{key}.start", f"{raw!r} is not a date like 2026-11-02")
    day, at = 0, time(9, 0)
    if "handoff" in f:
        raw = v.scalar(f["handoff"], f"{key}.handoff", node)
        try:
            day, at = parse_handoff(raw)
        except ValueError as exc:
            v.fail(f["handoff"], f"{key}.handoff", str(exc))
    backup = NEXT
    if "backup" in f:
        backup = v.scalar(f["backup"], f"{key}.backup", node)
        backup = NEXT if backup.lower() == NEXT else v.user(f["backup"], f"{key}.backup")
    return Rotation(people, timezone, day, at, start, backup)


def _count(v: _Validator, node: Node, key: str, minimum: int) -> int:
    raw = v.scalar(node, key, node)
    if not raw.isdigit() or int(raw) < minimum:
        v.fail(node, key, f"{raw!r} is not a whole number of at least {minimum}")
    return int(raw)


def _per_priority(v: _Validator, node: Node, key: str, defaults: dict[str, int],
                  minimum: int) -> dict[str, int]:
    f = v.mapping(node, key, set(PRIORITIES))
    return {p: _count(v, f[p], f"{key}.{p}", minimum) if p in f else defaults[p]
            for p in PRIORITIES}


def read_complaints(v: _Validator, node: Node | None) -> ComplaintPolicy:
    """The top-level `complaints:` mapping; absent keys keep domain.md's defaults."""
    policy = ComplaintPolicy()
    if node is None:
        return policy
    f = v.mapping(node, "complaints", COMPLAINT_KEYS)
    ack = (_per_priority(v, f["ack_minutes"], "complaints.ack_minutes", policy.ack_minutes, 1)
           if "ack_minutes" in f else policy.ack_minutes)
    solve = (_per_priority(v, f["solve_days"], "complaints.solve_days", policy.solve_days, 1)
             if "solve_days" in f else policy.solve_days)
    repeat = _count(v, f["repeat"], "complaints.repeat", 0) if "repeat" in f else policy.repeat
    answer = (_count(v, f["answer_hours"], "complaints.answer_hours", 1)
              if "answer_hours" in f else policy.answer_hours)
    check = (_count(v, f["check_back_hours"], "complaints.check_back_hours", 1)
             if "check_back_hours" in f else policy.check_back_hours)
    start, end = policy.work_start, policy.work_end
    if "working_hours" in f:
        raw = v.scalar(f["working_hours"], "complaints.working_hours", node)
        m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", raw)
        ok = m is not None and all(int(m[i]) < 24 for i in (1, 3)) \
            and all(int(m[i]) < 60 for i in (2, 4))
        if ok:
            assert m is not None
            start, end = time(int(m[1]), int(m[2])), time(int(m[3]), int(m[4]))
        if not ok or start >= end:
            v.fail(f["working_hours"], "complaints.working_hours",
                   f"{raw!r} is not a span of the day like \"09:00-18:00\"")
    return ComplaintPolicy(ack_minutes=ack, repeat=repeat, answer_hours=answer,
                           solve_days=solve, warn_fraction=policy.warn_fraction,
                           work_start=start, work_end=end, check_back_hours=check)
