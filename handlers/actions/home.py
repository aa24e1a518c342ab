"""The Home tab's "more" buttons: rebuild it with that list opened."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack

from bot.services.context import ServiceContext
from bot.services.home.build import open_home
from bot.services.home.view import SECTIONS
from handlers.actions.clicks import refuse


def handle_home_more(ack: Ack, action: dict[str, Any], body: dict[str, Any],
                     services: ServiceContext, now: datetime, workspace_id: str) -> None:
    """*N more* shows more of that list on your Home tab."""
    ack()
    section = str(action.get("value") or "")
    if section in SECTIONS:
        open_home(services, workspace_id, body["user"]["id"], now, expand=section)
    else:  # a value no Home tab of ours carries: said to the person, as every click is
        refuse(services, workspace_id, body, now)
