"""The `revisits:`, `care:` and `losses:` sections of CRM_CONFIG: defaults, values, mistakes
named with their line and key."""

from __future__ import annotations

import pytest

from bot.domain.care_dates import BIRTHDAY, RENEWAL
from bot.domain.revisit_plans import AFTER_PURCHASE, SERVICE, parse_offset
from bot.teamconfig import ConfigError, parse_directory

FULL = """\
revisits:
  after_purchase: [1wd, 3d, 3w, 3m, 6m]
  service: [2wd]
  max_tries: 2
  reasons: [product, delivery, 价格偏高, other]
  complaint_reasons: [product, delivery]
  assignee: U0SERVICE
  script:
    en: ["May I take two minutes?", "How is it going?"]
    zh: ["方便占用您两分钟吗？"]
care:
  days_before: 5
  renewal_days_before: [60, 30]
  kinds: [birthday, renewal]
  named: [Spring Festival visit, 开业纪念日]
losses:
  reasons: [price, competitor, other]
  inactive_after: 6m
"""


def test_nothing_configured_keeps_the_defaults() -> None:
    directory = parse_directory("admins: [U0ADMIN]\n")
    assert [o.label for o in directory.revisits.schedule(AFTER_PURCHASE)] == \
        ["1wd", "3d", "3w", "3m"]
    assert [o.label for o in directory.revisits.schedule(SERVICE)] == ["3d"]
    assert directory.revisits.max_tries == 3 and directory.revisits.assignee is None
    assert directory.care.days_before == 3 and directory.care.leads(RENEWAL) == (30, 3)
    assert directory.losses.inactive_days == 90 and "no_budget" in directory.losses.reasons


def test_every_key_is_read() -> None:
    d = parse_directory(FULL)
    assert d.revisits.after_purchase[-1] == parse_offset("6m")
    assert d.revisits.service == (parse_offset("2wd"),)
    assert (d.revisits.max_tries, d.revisits.assignee) == (2, "U0SERVICE")
    assert d.revisits.reasons == ("product", "delivery", "价格偏高", "other")
    assert d.revisits.complaint_reasons == ("product", "delivery")
    assert d.revisits.script["zh"] == ("方便占用您两分钟吗？",)
    assert d.care.leads(RENEWAL) == (60, 30, 5) and d.care.kinds == (BIRTHDAY, RENEWAL)
    assert d.care.named == ("Spring Festival visit", "开业纪念日")
    assert d.losses.reasons == ("price", "competitor", "other")
    assert d.losses.inactive_days == 180


def test_plans_and_the_lost_proposal_can_be_switched_off() -> None:
    d = parse_directory("revisits:\n  service: off\nlosses:\n  inactive_after: off\n")
    assert d.revisits.service == () and d.losses.inactive_days is None
    assert d.revisits.assignee is None
    assert parse_directory("revisits:\n  assignee: owner\n").revisits.assignee is None


@pytest.mark.parametrize(("text", "expected"), [
    ("revisits:\n  after_purchase: [1wd, 3x]\n",
     "line 2: revisits.after_purchase: '3x' is not an offset"),
    ("revisits:\n  after_purchase: [3d, 3d]\n", "line 2: revisits.after_purchase: '3d' is listed"),
    ("revisits:\n  after_purchase: weekly\n", "line 2: revisits.after_purchase: expected a list"),
    ("revisits:\n  max_tries: 0\n", "line 2: revisits.max_tries: '0' is not a whole number"),
    ("revisits:\n  reasons: [price]\n  complaint_reasons: [product]\n",
     "line 3: revisits.complaint_reasons: product not in revisits.reasons"),
    ("revisits:\n  reasons: []\n", "line 2: revisits.reasons: expected at least one reason"),
    ("revisits:\n  assignee: bob\n", "line 2: revisits.assignee: 'bob' is not a Slack user ID"),
    ("revisits:\n  script:\n    fr: [Bonjour]\n", "line 3: revisits.script.fr: unknown key"),
    ("revisits:\n  tries: 3\n", "line 2: revisits.tries: unknown key"),
    ("care:\n  days_before: -1\n", "line 2: care.days_before: '-1' is not a whole number"),
    ("care:\n  kinds: [birthday, wedding]\n", "line 2: care.kinds: wedding: expected some of"),
    ("care:\n  named: [Visit, visit]\n", "line 2: care.named: 'visit' is listed twice"),
    ("losses:\n  inactive_after: soon\n", "line 2: losses.inactive_after: 'soon' is not a span"),
    ("losses:\n  reasons: [price, price]\n", "line 2: losses.reasons: 'price' is listed twice"),
])
def test_mistakes_name_the_line_and_key(text: str, expected: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_directory(text, source="crm.yml")
    assert f"crm.yml {expected}" in str(err.value)
