"""The `pool:` part of CRM_CONFIG (docs/pool.md), validated; every key left out keeps its
default, and `off` turns a rule off."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from yaml.nodes import Node

from bot.domain.pool import PoolPolicy
from bot.domain.revisit_plans import Offset, parse_offset
from bot.domain.teams import Team

if TYPE_CHECKING:
    from bot.teamconfig import _Validator

POOL_KEYS = {"protect", "no_contact", "warn_before", "max_customers", "claims_per_day",
             "cooldown", "after_sale"}
_OFF = ("off", "false", "no")
_KEEP = ("keep", "seller", "owner")
# What each span may be written in: a month is too coarse to warn or cool down by.
_UNITS = {"protect": ("wd", "d", "w", "m"), "no_contact": ("wd", "d", "w", "m"),
          "warn_before": ("wd", "d", "w"), "cooldown": ("d", "w")}


def read_pool(v: _Validator, node: Node | None, teams: Sequence[Team]) -> PoolPolicy:
    """The `pool:` mapping: protection, warning, claim limits, the owner after the sale."""
    policy = PoolPolicy()
    if node is None:
        return policy
    f = v.mapping(node, "pool", POOL_KEYS)
    spans = {name: _span(v, f[name], name) if name in f else getattr(policy, name)
             for name in _UNITS}
    counts = {name: _count(v, f[name], name) if name in f else getattr(policy, name)
              for name in ("max_customers", "claims_per_day")}
    after_sale = policy.after_sale_team
    if "after_sale" in f:
        raw = v.scalar(f["after_sale"], "pool.after_sale", node).strip()
        names = [t.name for t in teams]
        if raw.lower() in _KEEP:
            after_sale = None
        elif raw in names:
            after_sale = raw
        else:
            v.fail(f["after_sale"], "pool.after_sale",
                   f"{raw!r} is neither keep nor a team's name ({', '.join(names) or 'none'})")
    protect, no_contact = spans["protect"], spans["no_contact"]
    warn = spans["warn_before"]
    shortest = min((s.rough_days() for s in (protect, no_contact) if s is not None),
                   default=None)
    if warn is not None and shortest is not None and warn.rough_days() >= shortest:
        v.fail(f.get("warn_before", node), "pool.warn_before",
               f"{warn.label} is not shorter than the protection ({shortest} days)")
    return PoolPolicy(protect=protect, no_contact=no_contact, warn_before=warn,
                      max_customers=counts["max_customers"],
                      claims_per_day=counts["claims_per_day"], cooldown=spans["cooldown"],
                      after_sale_team=after_sale)


def _span(v: _Validator, node: Node, name: str) -> Offset | None:
    key = f"pool.{name}"
    raw = v.scalar(node, key, node).strip().lower()
    if raw in _OFF:
        return None
    try:
        span = parse_offset(raw)
    except ValueError:
        span = None
    units = _UNITS[name]
    if span is None or span.unit not in units:
        v.fail(node, key, f"{raw!r} is not a span like "
               f"{' or '.join('3' + u for u in units)} (or off)")
    assert span is not None
    return span


def _count(v: _Validator, node: Node, name: str) -> int | None:
    key = f"pool.{name}"
    raw = v.scalar(node, key, node).strip().lower()
    if raw in _OFF:
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= 100_000:
        v.fail(node, key, f"{raw!r} is not a whole number from 1 to 100000 (or off)")
    return int(raw)
