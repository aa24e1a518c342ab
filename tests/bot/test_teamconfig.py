"""The CRM_CONFIG file: validated on start, every mistake named with its line and key."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.teamconfig import ConfigError, load_directory, parse_directory

GOOD = """\
teams:
  - name: East
    channel: C0EAST
    lead: U0LEAD
    members: [U0REP, U0REP2]
    timezone: Asia/Shanghai
    country: cn
admins: [U0ADMIN]
reminders:
  before: [1d, 2h]
  at_due: true
  overdue_after: 30m
  day_due_time: "08:30"
"""


def test_a_complete_file_is_read() -> None:
    directory = parse_directory(GOOD)
    team = directory.teams[0]
    assert (team.name, team.channel, team.lead, team.timezone, team.country) == (
        "East", "C0EAST", "U0LEAD", "Asia/Shanghai", "CN")
    assert directory.lead_of("U0REP") == "U0LEAD" and directory.lead_of("U0LEAD") is None
    assert directory.reminders.before == (timedelta(days=1), timedelta(hours=2))
    assert directory.reminders.overdue_after == timedelta(minutes=30)
    assert directory.reminders.day_due_time == time(8, 30)


def test_no_file_means_a_single_user_with_no_lead() -> None:
    directory = load_directory(None)
    assert directory.teams == () and directory.lead_of("U0ANY") is None


@pytest.mark.parametrize(("broken", "expected"), [
    (GOOD.replace("Asia/Shanghai", "Asia/Shanghi"),
     "line 6: teams[0].timezone: 'Asia/Shanghi' is not an IANA time zone"),
    (GOOD.replace("    lead: U0LEAD\n", ""), "teams[0].lead: is required"),
    (GOOD.replace("channel: C0EAST", "channel: general"),
     "line 3: teams[0].channel: 'general' is not a Slack channel ID"),
    (GOOD.replace("members: [U0REP, U0REP2]", "members: [U0REP, bob]"),
     "line 5: teams[0].members[1]: 'bob' is not a Slack user ID"),
    (GOOD.replace("    country: cn\n", "    colour: red\n"),
     "line 7: teams[0].colour: unknown key"),
    (GOOD.replace("overdue_after: 30m", "overdue_after: soon"),
     "line 12: reminders.overdue_after: 'soon' is not a duration"),
    (GOOD + "extra: 1\n", "line 14: extra: unknown key"),
    ("teams: [", "not valid YAML"),
    ("teams:\n  - name: East\n    channel: C0EAST\n    lead: U0LEAD\n    timezone: UTC\n"
     "  - name: East\n    channel: C0WEST\n    lead: U0LEAD2\n    timezone: UTC\n",
     "team name 'East' is used twice"),
])
def test_mistakes_name_the_line_and_key(broken: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_directory(broken, source="crm.yml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("crm.yml")


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_directory(tmp_path / "missing.yml")
