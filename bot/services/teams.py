"""Which team a person is in, as the configuration file says."""

from __future__ import annotations

from bot.domain.teams import Team
from bot.services.context import ServiceContext


def team_of(ctx: ServiceContext, user_id: str) -> Team | None:
    """The team the person leads or belongs to, if any."""
    return ctx.directory.team_of(user_id)
