"""The CRM_CONFIG file: validated on start, every mistake named with its line and key."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from bot.domain.cadence import CadenceTable
from bot.teamconfig import ConfigError, load_directory, parse_directory
from tests.conftest import TEAM_YAML

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


def test_a_team_may_have_its_review_in_chinese() -> None:
    assert parse_directory(GOOD).teams[0].language == "en"
    chinese = GOOD.replace("    country: cn\n", "    country: cn\n    language: ZH\n")
    assert parse_directory(chinese).teams[0].language == "zh"


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
    (GOOD.replace("    country: cn\n", "    country: cn\n    language: fr\n"),
     "line 8: teams[0].language: 'fr' is not a language the bot speaks; expected en or zh"),
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


DUTY = """\
teams:
  - name: East
    channel: C0EAST
    lead: U0LEAD
    members: [U0ANN, U0BOB]
    timezone: Europe/Berlin
    complaints_channel: C0COMPL
    duty:
      rotation: [U0ANN, U0BOB]
      start: 2026-11-02
      handoff: "tue 08:30"
      backup: U0LEAD
complaints:
  ack_minutes: {high: 1, medium: 5}
  repeat: 2
  solve_days: {low: 10}
  working_hours: "08:00-17:00"
"""


def test_duty_and_complaint_settings_are_read() -> None:
    directory = parse_directory(DUTY)
    team = directory.teams[0]
    assert team.duty is not None
    assert team.duty.people == ("U0ANN", "U0BOB") and team.duty.timezone == "Europe/Berlin"
    assert (team.duty.start, team.duty.handoff_day, team.duty.handoff_time) == (
        date(2026, 11, 2), 1, time(8, 30))
    assert team.duty.backup == "U0LEAD" and team.complaint_channel == "C0COMPL"
    policy = directory.complaints
    assert policy.ack_minutes == {"high": 1, "medium": 5, "low": 30}
    assert policy.solve_days == {"high": 2, "medium": 3, "low": 10}
    assert (policy.repeat, policy.work_start, policy.work_end) == (2, time(8), time(17))


def test_without_duty_settings_the_defaults_hold() -> None:
    directory = parse_directory(GOOD)
    team = directory.teams[0]
    assert team.duty is None and team.complaint_channel == "C0EAST"
    assert directory.complaints.ack_minutes == {"high": 15, "medium": 30, "low": 30}
    minimal = parse_directory(DUTY.replace('      start: 2026-11-02\n', '')
                              .replace('      handoff: "tue 08:30"\n', '')
                              .replace('      backup: U0LEAD\n', ''))
    rotation = minimal.teams[0].duty
    assert rotation is not None
    assert (rotation.start, rotation.handoff_day, rotation.handoff_time, rotation.backup) == (
        None, 0, time(9), "next")


@pytest.mark.parametrize(("broken", "expected"), [
    (DUTY.replace("rotation: [U0ANN, U0BOB]", "rotation: [U0ANN, kim]"),
     "line 9: teams[0].duty.rotation[1]: 'kim' is not a Slack user ID"),
    (DUTY.replace("rotation: [U0ANN, U0BOB]", "rotation: []"),
     "line 9: teams[0].duty.rotation: expected at least one user ID"),
    (DUTY.replace("start: 2026-11-02", "start: next monday"),
     "line 10: teams[0].duty.start: 'next monday' is not a date"),
    (DUTY.replace('handoff: "tue 08:30"', 'handoff: "08:30"'),
     "line 11: teams[0].duty.handoff: '08:30' is not a weekday and time"),
    (DUTY.replace("backup: U0LEAD", "backup: someone"),
     "line 12: teams[0].duty.backup: 'someone' is not a Slack user ID"),
    (DUTY.replace("      backup: U0LEAD\n", "      backups: next\n"),
     "line 12: teams[0].duty.backups: unknown key"),
    (DUTY.replace("complaints_channel: C0COMPL", "complaints_channel: complaints"),
     "line 7: teams[0].complaints_channel: 'complaints' is not a Slack channel ID"),
    (DUTY.replace("high: 1,", "high: 0,"),
     "line 14: complaints.ack_minutes.high: '0' is not a whole number of at least 1"),
    (DUTY.replace("high: 1,", "urgent: 1,"),
     "line 14: complaints.ack_minutes.urgent: unknown key"),
    (DUTY.replace("repeat: 2", "repeat: often"),
     "line 15: complaints.repeat: 'often' is not a whole number of at least 0"),
    (DUTY.replace('"08:00-17:00"', '"17:00-08:00"'),
     "line 17: complaints.working_hours: '17:00-08:00' is not a span of the day"),
])
def test_duty_mistakes_name_the_line_and_key(broken: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_directory(broken, source="crm.yml")
    assert expected in str(caught.value)


CADENCE = """\
cadence:
  tiers:
    A: {every: 5d}
    C: {every: 6w, not_sooner: 4w}
    none: {every: "off"}
  after_stage:
    qualified: 2d
    negotiating: off
    first_meeting: 1w
  win_back: 120d
"""


def test_the_cadence_table_has_the_documented_defaults() -> None:
    table = parse_directory(GOOD).cadence
    assert {k: (r.every, r.not_sooner) for k, r in table.tiers.items()} == {
        "A": (7, None), "B": (14, None), "C": (30, 30), "none": (30, None)}
    assert table.after_stage == {"qualified": 3, "negotiating": 2} and table.win_back == 90
    assert (table.senior_contact, table.needs_review, table.file_refresh) == (
        {"A": 30}, {"B": 90}, {"C": 180})
    assert table.satisfaction_survey == {"B": 90}


PERIODIC = """\
cadence:
  senior_contact: {A: 2w, B: 60d}
  needs_review:
    B: off
    C: 120d
  file_refresh: off
  satisfaction_survey: {B: 13w, A: 30d}
"""


def test_periodic_rows_given_replace_the_defaults_and_off_removes_them() -> None:
    table = parse_directory(PERIODIC).cadence
    assert table.senior_contact == {"A": 14, "B": 60}
    assert table.needs_review == {"C": 120}
    assert table.file_refresh == {}
    assert table.satisfaction_survey == {"B": 91, "A": 30}


def test_the_no_need_for_now_row_and_its_tags_can_be_configured() -> None:
    assert (CadenceTable().no_need.every, CadenceTable().no_need.not_sooner) == (30, 30)
    table = parse_directory("cadence:\n  no_need:\n    every: 60d\n    not_sooner: 6w\n"
                            "    tags: [dormant, 休眠]\n").cadence
    assert (table.no_need.every, table.no_need.not_sooner) == (60, 42)
    assert table.no_need_tags == ("dormant", "休眠")


def test_cadence_rows_given_replace_the_defaults_and_off_removes_them() -> None:
    table = parse_directory(CADENCE).cadence
    assert (table.tiers["A"].every, table.tiers["B"].every) == (5, 14)
    assert (table.tiers["C"].every, table.tiers["C"].not_sooner) == (42, 28)
    assert table.tiers["none"].every is None and table.every(None) is None
    assert table.after_stage == {"qualified": 2, "first_meeting": 7}
    assert table.win_back == 120


@pytest.mark.parametrize(("broken", "expected"), [
    ("cadence:\n  tiers:\n    D: {every: 7d}\n", "line 3: cadence.tiers.D: unknown key"),
    ("cadence:\n  tiers:\n    A: {every: 7}\n", "line 3: cadence.tiers.A.every: '7' is not a "
                                                  "number of days"),
    ("cadence:\n  tiers:\n    A: {not_sooner: 7d}\n", "line 3: cadence.tiers.A.every: is "
                                                        "required"),
    ("cadence:\n  tiers:\n    C:\n      every: 7d\n      not_sooner: 8d\n",
     "line 5: cadence.tiers.C.not_sooner: cannot be longer than every"),
    ("cadence:\n  after_stage:\n    lost: 3d\n", "line 3: cadence.after_stage.lost: unknown key"),
    ("cadence:\n  win_back: 0d\n", "line 2: cadence.win_back: '0d' is not a number of days"),
    ("cadence:\n  weekly: 7d\n", "line 2: cadence.weekly: unknown key"),
    ("cadence:\n  needs_review:\n    D: 90d\n", "line 3: cadence.needs_review.D: unknown key"),
    ("cadence:\n  file_refresh: {C: 6 months}\n",
     "line 2: cadence.file_refresh.C: '6 months' is not a number of days"),
    ("cadence:\n  senior_contact: 30d\n",
     "line 2: cadence.senior_contact: expected tiers with their days"),
    ("cadence:\n  needs_review: [B]\n",
     "line 2: cadence.needs_review: expected a mapping"),
    ("cadence:\n  no_need: {every: 30d, tag: x}\n", "line 2: cadence.no_need.tag: unknown key"),
    ("cadence:\n  no_need: {every: 30d, tags: dormant}\n",
     "line 2: cadence.no_need.tags: expected a list"),
])
def test_cadence_mistakes_name_the_line_and_key(broken: str, expected: str) -> None:
    with pytest.raises(ConfigError, match="crm.yml " + expected.replace(".", r"\.")):
        parse_directory(broken, source="crm.yml")


# East as the suite's shared config has it (lines 1-6), then West.
TWO_TEAMS = TEAM_YAML.lstrip("\n").replace("admins: [U0ADMIN]\n", """\
  - name: West
    channel: C0WEST
    lead: U0LEAD2
    members: [U0REP3]
    timezone: Europe/Berlin
""")


@pytest.mark.parametrize(("broken", "expected"), [
    (TWO_TEAMS.replace("[U0REP, U0REP2]", "[U0REP, U0REP2, U0REP]"),
     "line 5: teams[0].members[2]: 'U0REP' is listed twice in this team's members (line 5)"),
    (TWO_TEAMS.replace("[U0REP3]", "[U0REP3, U0REP2]"),
     "line 10: teams[1].members[1]: 'U0REP2' is already a member of team 'East' (line 5)"),
    (TWO_TEAMS.replace("channel: C0WEST", "channel: C0EAST"),
     "line 8: teams[1].channel: 'C0EAST' is already the channel of team 'East' (line 3)"),
    (TWO_TEAMS.replace("lead: U0LEAD2", "lead: U0REP"),
     "line 9: teams[1].lead: 'U0REP' is already a member of team 'East' (line 5)"),
    (TWO_TEAMS.replace("[U0REP3]", "[U0REP3, U0LEAD]"),
     "line 10: teams[1].members[1]: 'U0LEAD' is already the lead of team 'East' (line 4)"),
])
def test_a_person_or_channel_with_two_roles_is_refused_at_its_line(broken: str,
                                                                     expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_directory(broken, source="crm.yml")
    assert str(caught.value).startswith("crm.yml " + expected)


def test_a_lead_may_lead_several_teams_and_be_listed_in_them() -> None:
    text = (TWO_TEAMS.replace("lead: U0LEAD2", "lead: U0LEAD")
            .replace("[U0REP3]", "[U0REP3, U0LEAD]")
            + "    complaints_channel: C0EAST\n")
    directory = parse_directory(text, source="crm.yml")
    assert [t.lead for t in directory.teams] == ["U0LEAD", "U0LEAD"]
    assert directory.lead_of("U0REP3") == "U0LEAD" and directory.lead_of("U0LEAD") is None
    assert directory.teams[1].complaint_channel == "C0EAST"  # a shared complaints desk
