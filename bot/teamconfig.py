"""Read and validate the team configuration file named by CRM_CONFIG."""

from __future__ import annotations

import re
from datetime import time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.aftersale_config import read_care, read_losses, read_revisits
from bot.cadence_config import parse_cadence
from bot.domain.teams import WEEKDAYS, ReminderPolicy, Team, TeamDirectory
from bot.dutyconfig import read_complaints, read_duty
from bot.pool_config import read_pool
from bot.teamroles import check_roles

TOP_KEYS = {"teams", "admins", "reminders", "complaints", "cadence", "revisits", "care",
            "losses", "pool"}
TEAM_KEYS = {"name", "channel", "lead", "members", "timezone", "country", "review_time",
             "working_days", "duty", "complaints_channel", "language", "report_day",
             "report_time"}
LANGUAGES = ("en", "zh")
REMINDER_KEYS = {"before", "at_due", "overdue_after", "day_due_time", "digest_time"}
_DURATION = re.compile(r"^\s*(\d+)\s*(m|min|h|d|w)\s*$")
_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SLACK_CHANNEL = re.compile(r"^[CG][A-Z0-9]{2,}$")


class ConfigError(ValueError):
    """A mistake in the configuration file, naming the file, line and key."""


def load_directory(path: Path | None) -> TeamDirectory:
    """The team directory from the file, or an empty one when no file is configured."""
    if path is None:
        return TeamDirectory()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"CRM_CONFIG: cannot read {path}: {exc.strerror}") from exc
    return parse_directory(text, source=str(path))


def parse_directory(text: str, *, source: str = "CRM_CONFIG") -> TeamDirectory:
    """Validate the YAML text and build the directory; errors name the line and key."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}") from exc
    if root is None:
        return TeamDirectory()
    v = _Validator(source)
    top = v.mapping(root, "(top level)", TOP_KEYS)
    team_nodes = v.sequence(top.get("teams"), "teams")
    teams = tuple(v.team(node, f"teams[{i}]") for i, node in enumerate(team_nodes))
    names = [t.name for t in teams]
    for i, name in enumerate(names):
        if names.index(name) != i:
            v.fail(top["teams"], f"teams[{i}].name", f"team name {name!r} is used twice")
    check_roles(v, team_nodes, teams, TEAM_KEYS)
    admins = tuple(v.user(n, f"admins[{i}]") for i, n in enumerate(v.sequence(top.get("admins"),
                                                                                "admins")))
    reminders = v.reminders(top.get("reminders"))
    complaints = read_complaints(v, top.get("complaints"))
    cadence = parse_cadence(v, top.get("cadence"))
    return TeamDirectory(teams=teams, admins=admins, reminders=reminders, complaints=complaints,
                         cadence=cadence, revisits=read_revisits(v, top.get("revisits")),
                         care=read_care(v, top.get("care")),
                         losses=read_losses(v, top.get("losses")),
                         pool=read_pool(v, top.get("pool"), teams))


class _Validator:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node: Node, key: str, message: str) -> None:
        raise ConfigError(f"{self.source} line {node.start_mark.line + 1}: {key}: {message}")

    def mapping(self, node: Node, key: str, allowed: set[str]) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            self.fail(node, key, "expected a mapping of keys to values")
        out: dict[str, Node] = {}
        assert isinstance(node, MappingNode)
        for k, val in node.value:
            name = str(k.value)
            if name not in allowed:
                self.fail(k, f"{key}.{name}" if key != "(top level)" else name,
                          f"unknown key; expected one of {', '.join(sorted(allowed))}")
            out[name] = val
        return out

    def sequence(self, node: Node | None, key: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.fail(node, key, "expected a list")
        assert isinstance(node, SequenceNode)
        return list(node.value)

    def scalar(self, node: Node | None, key: str, parent: Node) -> str:
        if node is None:
            self.fail(parent, key, "is required")
        if not isinstance(node, ScalarNode) or node.value == "":
            self.fail(node or parent, key, "expected a single value")
        assert isinstance(node, ScalarNode)
        return str(node.value)

    def user(self, node: Node, key: str) -> str:
        value = self.scalar(node, key, node)
        if not _SLACK_USER.match(value):
            self.fail(node, key, f"{value!r} is not a Slack user ID (like U0123ABCD)")
        return value

    def team(self, node: Node, key: str) -> Team:
        f = self.mapping(node, key, TEAM_KEYS)
        name = self.scalar(f.get("name"), f"{key}.name", node)
        if "channel" not in f:
            self.fail(node, f"{key}.channel", "is required")
        channel = self.channel(f["channel"], f"{key}.channel")
        lead_node = f.get("lead")
        if lead_node is None:
            self.fail(node, f"{key}.lead", "is required")
        assert lead_node is not None
        lead = self.user(lead_node, f"{key}.lead")
        members = tuple(self.user(n, f"{key}.members[{i}]")
                        for i, n in enumerate(self.sequence(f.get("members"), f"{key}.members")))
        tz = self.scalar(f.get("timezone"), f"{key}.timezone", node)
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(f["timezone"], f"{key}.timezone", f"{tz!r} is not an IANA time zone")
        country = None
        if "country" in f:
            country = self.scalar(f["country"], f"{key}.country", node).upper()
            if not re.fullmatch(r"[A-Z]{2}", country):
                self.fail(f["country"], f"{key}.country", "expected a two-letter country code")
        review_time = time(18, 30)
        if "review_time" in f:
            review_time = self.clock(f["review_time"], f"{key}.review_time")
        days: tuple[str, ...] = WEEKDAYS[:5]
        if "working_days" in f:
            items = self.sequence(f["working_days"], f"{key}.working_days")
            days = tuple(self.scalar(n, f"{key}.working_days", n).lower()[:3] for n in items)
            bad = [d for d in days if d not in WEEKDAYS]
            if bad or not days:
                self.fail(f["working_days"], f"{key}.working_days",
                          "expected a list of mon, tue, wed, thu, fri, sat, sun")
        duty = read_duty(self, f["duty"], f"{key}.duty", tz) if "duty" in f else None
        complaints_channel = channel
        if "complaints_channel" in f:
            complaints_channel = self.channel(f["complaints_channel"],
                                              f"{key}.complaints_channel")
        language = "en"
        if "language" in f:
            language = self.scalar(f["language"], f"{key}.language", node).lower()
            if language not in LANGUAGES:
                self.fail(f["language"], f"{key}.language",
                          f"{language!r} is not a language the bot speaks; expected en or zh")
        report_day, report_time = "mon", time(9, 0)
        if "report_day" in f:
            report_day = self.scalar(f["report_day"], f"{key}.report_day", node).lower()[:3]
            if report_day not in WEEKDAYS:
                self.fail(f["report_day"], f"{key}.report_day",
                          "expected one of mon, tue, wed, thu, fri, sat, sun")
        if "report_time" in f:
            report_time = self.clock(f["report_time"], f"{key}.report_time")
        return Team(name=name, channel=channel, lead=lead, members=members, timezone=tz,
                    country=country, review_time=review_time, working_days=days, duty=duty,
                    complaints_channel=complaints_channel, language=language,
                    report_day=report_day, report_time=report_time)

    def channel(self, node: Node, key: str) -> str:
        value = self.scalar(node, key, node)
        if not _SLACK_CHANNEL.match(value):
            self.fail(node, key, f"{value!r} is not a Slack channel ID (like C0123ABCD)")
        return value

    def clock(self, node: Node, key: str) -> time:
        value = self.scalar(node, key, node)
        m = re.fullmatch(r"(\d{1,2}):(\d{2})", value)
        if not m or int(m[1]) > 23 or int(m[2]) > 59:
            self.fail(node, key, f"{value!r} is not a time of day like \"18:30\"")
        assert m is not None
        return time(int(m[1]), int(m[2]))

    def duration(self, node: Node, key: str) -> timedelta:
        value = self.scalar(node, key, node)
        m = _DURATION.match(value)
        if not m:
            self.fail(node, key, f"{value!r} is not a duration like 30m, 2h, 1d or 1w")
        assert m is not None
        unit = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days", "w": "weeks"}[m[2]]
        return timedelta(**{unit: int(m[1])})

    def reminders(self, node: Node | None) -> ReminderPolicy:
        if node is None:
            return ReminderPolicy()
        f = self.mapping(node, "reminders", REMINDER_KEYS)
        policy = ReminderPolicy()
        before = policy.before
        if "before" in f:
            nodes = (self.sequence(f["before"], "reminders.before")
                     if isinstance(f["before"], SequenceNode) else [f["before"]])
            before = tuple(self.duration(n, "reminders.before") for n in nodes)
        at_due = policy.at_due
        if "at_due" in f:
            raw = self.scalar(f["at_due"], "reminders.at_due", node).lower()
            if raw not in {"true", "false", "yes", "no"}:
                self.fail(f["at_due"], "reminders.at_due", "expected true or false")
            at_due = raw in {"true", "yes"}
        overdue = (self.duration(f["overdue_after"], "reminders.overdue_after")
                   if "overdue_after" in f else policy.overdue_after)
        day_time = (self.clock(f["day_due_time"], "reminders.day_due_time")
                    if "day_due_time" in f else policy.day_due_time)
        digest = (self.clock(f["digest_time"], "reminders.digest_time")
                  if "digest_time" in f else policy.digest_time)
        return ReminderPolicy(before=before, at_due=at_due, overdue_after=overdue,
                              day_due_time=day_time, digest_time=digest)
