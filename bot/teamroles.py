"""Roles across CRM_CONFIG's teams: the mistakes that would make who leads whom ambiguous.

The directory answers "whose lead is this?" and "which team is this channel?" with the first
team that matches, so a person in two teams, a member listed twice or two teams on one
channel would be settled silently by the order of the file. They are refused instead, at
the line that repeats what an earlier line said. A lead may lead several teams (and be
listed among the members of a team they lead); a complaints channel may be shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import Node

from bot.domain.teams import Team

if TYPE_CHECKING:
    from bot.teamconfig import _Validator


def check_roles(v: _Validator, team_nodes: list[Node], teams: tuple[Team, ...],
                allowed: set[str]) -> None:
    """Fail on a member listed twice, a person in two teams, or two teams on one channel."""
    seen = _Seen(v)
    for i, (node, team) in enumerate(zip(team_nodes, teams, strict=True)):
        fields = v.mapping(node, f"teams[{i}]", allowed)
        seen.channel(fields["channel"], f"teams[{i}].channel", team)
        seen.lead(fields["lead"], f"teams[{i}].lead", team)
        members = v.sequence(fields.get("members"), f"teams[{i}].members")
        for j, (member, user) in enumerate(zip(members, team.members, strict=True)):
            seen.member(member, f"teams[{i}].members[{j}]", team, user)


class _Seen:
    """Where each channel, lead and member was first given (team and line)."""

    def __init__(self, v: _Validator) -> None:
        self.v = v
        self.channels: dict[str, tuple[Team, Node]] = {}
        self.leads: dict[str, tuple[Team, Node]] = {}
        self.members: dict[str, tuple[Team, Node]] = {}  # leads in their own team left out
        self.listed: dict[str, dict[str, Node]] = {}  # team name -> user -> line

    def channel(self, node: Node, key: str, team: Team) -> None:
        if team.channel in self.channels:
            other, first = self.channels[team.channel]
            self.v.fail(node, key, f"{team.channel!r} is already the channel of team "
                        f"{other.name!r} (line {_line(first)}); each team needs its own channel")
        self.channels[team.channel] = (team, node)

    def lead(self, node: Node, key: str, team: Team) -> None:
        if team.lead in self.members:
            other, first = self.members[team.lead]
            self._two_teams(node, key, team.lead, f"a member of team {other.name!r}", first)
        self.leads.setdefault(team.lead, (team, node))

    def member(self, node: Node, key: str, team: Team, user: str) -> None:
        listed = self.listed.setdefault(team.name, {})
        if user in listed:
            self.v.fail(node, key, f"{user!r} is listed twice in this team's members "
                        f"(line {_line(listed[user])})")
        listed[user] = node
        if user == team.lead:
            return  # a lead among their own team's members plays the same single role
        if user in self.members:
            other, first = self.members[user]
            self._two_teams(node, key, user, f"a member of team {other.name!r}", first)
        if user in self.leads:
            other, first = self.leads[user]
            self._two_teams(node, key, user, f"the lead of team {other.name!r}", first)
        self.members[user] = (team, node)

    def _two_teams(self, node: Node, key: str, user: str, role: str, first: Node) -> None:
        self.v.fail(node, key, f"{user!r} is already {role} (line {_line(first)}); a person "
                    "is a member of one team, and a lead is a member of no other team")


def _line(node: Node) -> int:
    return node.start_mark.line + 1
