"""The `cadence:` key of the team configuration file: the contact rule table, validated."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode

from bot.domain.cadence import NO_TIER, CadenceTable, TierRule
from bot.domain.classification import GRADES, STAGES

if TYPE_CHECKING:
    from bot.teamconfig import _Validator

CADENCE_KEYS = {"tiers", "after_stage", "win_back", "senior_contact", "needs_review",
                "file_refresh", "satisfaction_survey", "no_need"}
NO_NEED_KEYS = {"every", "not_sooner", "tags"}
TIER_RULE_KEYS = {"every", "not_sooner"}
_DAYS = re.compile(r"^\s*(\d+)\s*(d|w)\s*$")


def parse_cadence(v: _Validator, node: Node | None) -> CadenceTable:
    """The table from the file; every row given replaces the default row, `off` turns it off."""
    table = CadenceTable()
    if node is None:
        return table
    f = v.mapping(node, "cadence", CADENCE_KEYS)
    tiers = dict(table.tiers)
    if "tiers" in f:
        for name, rule_node in v.mapping(f["tiers"], "cadence.tiers",
                                         {*GRADES, NO_TIER}).items():
            tiers[name] = _tier_rule(v, rule_node, f"cadence.tiers.{name}", TIER_RULE_KEYS)
    after = dict(table.after_stage)
    if "after_stage" in f:
        # "lost" is not here: a loss has its own single win-back contact.
        for name, days_node in v.mapping(f["after_stage"], "cadence.after_stage",
                                         set(STAGES)).items():
            days = _days(v, days_node, f"cadence.after_stage.{name}")
            if days is None:
                after.pop(name, None)
            else:
                after[name] = days
    win_back = table.win_back
    if "win_back" in f:
        win_back = _days(v, f["win_back"], "cadence.win_back")
    no_need, no_need_tags = table.no_need, table.no_need_tags
    if "no_need" in f:
        no_need = _tier_rule(v, f["no_need"], "cadence.no_need", NO_NEED_KEYS)
        fields = v.mapping(f["no_need"], "cadence.no_need", NO_NEED_KEYS)
        if "tags" in fields:
            no_need_tags = tuple(v.scalar(n, "cadence.no_need.tags", fields["tags"])
                                 for n in v.sequence(fields["tags"], "cadence.no_need.tags"))
    return CadenceTable(
        no_need=no_need, no_need_tags=no_need_tags,
        tiers=tiers, after_stage=after, win_back=win_back,
        senior_contact=_periodic(v, f, "senior_contact", table.senior_contact),
        needs_review=_periodic(v, f, "needs_review", table.needs_review),
        file_refresh=_periodic(v, f, "file_refresh", table.file_refresh),
        satisfaction_survey=_periodic(v, f, "satisfaction_survey", table.satisfaction_survey))


def _tier_rule(v: _Validator, node: Node, key: str, allowed: set[str]) -> TierRule:
    """{every: 14d, not_sooner: 7d}: `every` required, `not_sooner` no longer than it."""
    rule = v.mapping(node, key, allowed)
    if "every" not in rule:
        v.fail(node, f"{key}.every", "is required (a number of days, or off)")
    every = _days(v, rule["every"], f"{key}.every")
    soonest = (_days(v, rule["not_sooner"], f"{key}.not_sooner")
               if "not_sooner" in rule else None)
    if every is not None and soonest is not None and soonest > every:
        v.fail(rule["not_sooner"], f"{key}.not_sooner",
               "cannot be longer than every (the two would contradict)")
    return TierRule(every, soonest)


def _periodic(v: _Validator, f: dict[str, Node], name: str, default: dict[str, int]
              ) -> dict[str, int]:
    """A periodic row by tier ({B: 90d}): tiers given replace the default's, `off` removes
    one; the whole row `off` removes them all."""
    if name not in f:
        return default
    node, key = f[name], f"cadence.{name}"
    if isinstance(node, ScalarNode):
        if _days(v, node, key) is not None:
            v.fail(node, key, "expected tiers with their days, like {B: 90d} (or off)")
        return {}
    rows = dict(default)
    for tier, days_node in v.mapping(node, key, {*GRADES, NO_TIER}).items():
        days = _days(v, days_node, f"{key}.{tier}")
        if days is None:
            rows.pop(tier, None)
        else:
            rows[tier] = days
    return rows


def _days(v: _Validator, node: Node, key: str) -> int | None:
    """A whole number of days or weeks ("7d", "2w"), or `off`."""
    value = v.scalar(node, key, node)
    if value.strip().lower() in ("off", "false", "no"):
        return None
    m = _DAYS.match(value)
    if not m or int(m[1]) == 0:
        v.fail(node, key, f"{value!r} is not a number of days like 3d or 2w (or off)")
    assert m is not None
    return int(m[1]) * (7 if m[2] == "w" else 1)

