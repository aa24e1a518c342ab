"""/stats' access rules with two teams, through the HTTP endpoint: a rep sees their own, a
lead their team and each of its reps but not another team's, an admin every team and any
rep; on SQLite and PostgreSQL."""

from __future__ import annotations

from handlers import ids
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.e2e.west import directory, slack  # noqa: F401 (fixtures)
from tests.fakes import TEAM_ID
from tests.services.figures.seed import LEAD, NOW, REP, REP2, seed_week
from tests.support.teams import WEST_LEAD, WEST_REP

ADMIN = "U0ADMIN"
REFUSED = "You can see your own figures"


def _stats(bot: RunningBot, user: str, text: str = "") -> str:
    return mrkdwn_texts(bot.ask(ids.COMMAND_STATS, text, user)["blocks"])


def test_who_sees_whose_figures(bot: RunningBot) -> None:
    with bot.runtime.services.uow() as uow:
        seed_week(uow, TEAM_ID)
        uow.commit()
    bot.clock.set(NOW)
    # A lead: their team (also by name, or "team") and each of its reps, no other team's.
    for asked in ("", "team", "East", "week"):
        shown = _stats(bot, LEAD, asked)
        assert "*Team East*: this week so far" in shown and f"<@{REP}>: timeliness" in shown
    assert f"*<@{REP}> (East)*" in _stats(bot, LEAD, f"<@{REP}|rep>")
    for asked in ("West", f"<@{WEST_REP}|west>", "all"):
        assert REFUSED in _stats(bot, LEAD, asked)
    # The other team's lead sees theirs, not East's.
    assert "*Team West*" in _stats(bot, WEST_LEAD)
    assert REFUSED in _stats(bot, WEST_LEAD, f"<@{REP}|rep>")
    # A rep: their own only, neither a teammate's, their lead's nor the team's.
    own = _stats(bot, REP2, "month")
    assert f"*<@{REP2}> (East)*: this month so far" in own and "Team East" not in own
    for asked in (f"<@{REP}|rep>", f"<@{LEAD}|lead>", "team", "East", "West"):
        assert REFUSED in _stats(bot, REP2, asked)
    # An admin: every team (their usual view with two teams), each team, any rep.
    every = _stats(bot, ADMIN)
    assert "*All teams*" in every and "*East*: timeliness 33%" in every and "*West*:" in every
    assert "*Team West*" in _stats(bot, ADMIN, "West")
    assert f"*<@{WEST_REP}> (West)*" in _stats(bot, ADMIN, f"<@{WEST_REP}|west>")
    assert "Follow-up timeliness: *33% (1/3)*" in _stats(bot, ADMIN, f"<@{REP}|rep>")
