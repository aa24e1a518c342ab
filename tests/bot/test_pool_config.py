"""The `pool:` section of CRM_CONFIG: defaults, values, `off`, mistakes named with line and key."""

from __future__ import annotations

import pytest

from bot.domain.revisit_plans import parse_offset
from bot.teamconfig import ConfigError, parse_directory

TEAMS = """\
teams:
  - name: Sales
    channel: C0SALES
    lead: U0LEAD
    members: [U0REP]
    timezone: Asia/Shanghai
  - name: Service
    channel: C0SERV
    lead: U0SLEAD
    members: [U0SREP]
    timezone: Asia/Shanghai
"""


def test_nothing_configured_keeps_the_defaults() -> None:
    pool = parse_directory("admins: [U0ADMIN]\n").pool
    assert (pool.protect, pool.warn_before) == (parse_offset("30d"), parse_offset("3d"))
    assert pool.no_contact is None and pool.cooldown is None
    assert (pool.max_customers, pool.claims_per_day, pool.after_sale_team) == (None, None, None)


def test_every_key_is_read() -> None:
    pool = parse_directory(TEAMS + """\
pool:
  protect: 20wd
  no_contact: 14d
  warn_before: 2wd
  max_customers: 200
  claims_per_day: 5
  cooldown: 2w
  after_sale: Service
""").pool
    assert (pool.protect, pool.no_contact, pool.warn_before, pool.cooldown) == (
        parse_offset("20wd"), parse_offset("14d"), parse_offset("2wd"), parse_offset("2w"))
    assert (pool.max_customers, pool.claims_per_day, pool.after_sale_team) == (200, 5,
                                                                                "Service")


def test_rules_can_be_switched_off() -> None:
    pool = parse_directory("pool:\n  protect: off\n  warn_before: off\n  max_customers: off\n"
                           "  after_sale: keep\n").pool
    assert pool.protect is None and pool.warn_before is None and not pool.returns
    assert pool.max_customers is None and pool.after_sale_team is None


@pytest.mark.parametrize(("text", "message"), [
    ("pool:\n  protect: 30\n", "line 2: pool.protect: '30' is not a span"),
    ("pool:\n  warn_before: 1m\n", "line 2: pool.warn_before: '1m' is not a span"),
    ("pool:\n  cooldown: 3wd\n", "line 2: pool.cooldown: '3wd' is not a span like 3d or 3w"),
    ("pool:\n  claims_per_day: 0\n", "line 2: pool.claims_per_day: '0' is not a whole number"),
    ("pool:\n  max_customers: many\n", "pool.max_customers: 'many' is not a whole number"),
    ("pool:\n  protect: 7d\n  warn_before: 1w\n",
     "line 3: pool.warn_before: 1w is not shorter than the protection (7 days)"),
    ("pool:\n  protect: off\n  no_contact: 3d\n  warn_before: 3d\n",
     "pool.warn_before: 3d is not shorter than the protection (3 days)"),
    (TEAMS + "pool:\n  after_sale: Support\n",
     "line 13: pool.after_sale: 'Support' is neither keep nor a team's name (Sales, Service)"),
    ("pool:\n  grace: 3d\n", "line 2: pool.grace: unknown key"),
])
def test_mistakes_are_refused_with_their_line_and_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_directory(text, source="crm.yml")
