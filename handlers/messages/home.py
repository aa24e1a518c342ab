"""The Home tab opened: rebuild it (after the event's answer; one INSERT before it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.services.context import ServiceContext
from bot.services.home.build import open_home


def handle_home_opened(event: dict[str, Any], services: ServiceContext, now: datetime,
                       workspace_id: str) -> None:
    """Your Home tab: your day (overdue, this week's tasks, revisits, A deals, complaints,
    prospects about to return to the pool) and, if you lead a team, its week."""
    if event.get("tab") == "home" and event.get("user"):
        open_home(services, workspace_id, str(event["user"]), now)
