"""What the Home tab's rebuilds queued: the jobs a change left in the outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.services.context import ServiceContext
from bot.services.home.build import HOME_BUILD
from store.models import Notification


def home_builds(services: ServiceContext) -> list[tuple[str, datetime]]:
    """(whose Home, when it is rebuilt) for every rebuild queued, oldest first."""
    with services.uow() as uow:
        return [(n.recipient, n.due_at) for n in uow.session.scalars(
            select(Notification).where(Notification.kind == HOME_BUILD)
            .order_by(Notification.id))]
