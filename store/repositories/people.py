"""People, as Slack knows them (time zone and name cache). They never commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from store.models import (
    Person,
)


class People:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, workspace_id: str, user_id: str) -> Person | None:
        return self.s.get(Person, (workspace_id, user_id))

    def save_tz(self, workspace_id: str, user_id: str, tz: str | None, name: str | None,
                now: datetime) -> Person:
        person = self.get(workspace_id, user_id)
        if person is None:
            person = Person(workspace_id=workspace_id, user_id=user_id)
            self.s.add(person)
        person.tz, person.display_name, person.tz_checked_at = tz, name, now
        return person
