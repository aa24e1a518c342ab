"""People, as Slack knows them (time zone and name cache). They never commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from store.models import (
    Person,
)


class People:
    def __init__(self, session: Session) -> None:
        self.s = session

    def get(self, workspace_id: str, user_id: str) -> Person | None:
        return self.s.get(Person, (workspace_id, user_id))

    def of(self, workspace_id: str, user_ids: Iterable[str]) -> dict[str, Person]:
        """These people's rows, where the bot knows them, in one statement (a sweep's
        owners)."""
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return {}
        return {p.user_id: p for p in self.s.scalars(select(Person).where(
            Person.workspace_id == workspace_id, Person.user_id.in_(wanted)))}

    def lock(self, workspace_id: str, user_id: str) -> Person:
        """The person's row, locked until the transaction ends (made if missing): two requests
        of one person that count their own rows before adding one (claims against a limit)
        then run one after the other."""
        person = self.get(workspace_id, user_id)
        if person is None:
            try:
                with self.s.begin_nested():
                    self.s.add(Person(workspace_id=workspace_id, user_id=user_id,
                                      tz_set_by_user=False))
            except IntegrityError:
                pass  # made at the same moment by the other request
        locked = self.s.scalar(select(Person).where(
            Person.workspace_id == workspace_id, Person.user_id == user_id)
            .with_for_update().execution_options(populate_existing=True))
        assert locked is not None
        return locked

    def save_tz(self, workspace_id: str, user_id: str, tz: str | None, name: str | None,
                now: datetime, *, keep_name: bool = False) -> Person:
        person = self.get(workspace_id, user_id)
        if person is None:
            person = Person(workspace_id=workspace_id, user_id=user_id, tz_set_by_user=False)
            self.s.add(person)
        person.tz, person.tz_checked_at = tz, now
        if not keep_name:
            person.display_name = name
        return person

    def save_locale(self, workspace_id: str, user_id: str, locale: str | None) -> None:
        person = self.get(workspace_id, user_id)
        if person is not None and locale:
            person.locale = locale[:16]

    def choose_language(self, workspace_id: str, user_id: str, language: str | None) -> Person:
        """The person's own choice (None: back to their Slack locale or team's language)."""
        person = self.get(workspace_id, user_id)
        if person is None:
            person = Person(workspace_id=workspace_id, user_id=user_id, tz_set_by_user=False)
            self.s.add(person)
        person.language = language
        return person

    def languages_of(self, workspace_id: str,
                     user_ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
        """Each known person's (chosen language, Slack locale)."""
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return {}
        rows = self.s.execute(select(Person.user_id, Person.language, Person.locale).where(
            Person.workspace_id == workspace_id, Person.user_id.in_(wanted)))
        return {user: (language, locale) for user, language, locale in rows}

    def language_of(self, user_id: str) -> tuple[str | None, str | None]:
        """The person's (chosen language, Slack locale), in any workspace (Slack's user ids
        are unique), or (None, None) for someone the bot has never looked up."""
        for known in self.s.identity_map.values():
            # Their row is often loaded already (their zone was read): no second statement.
            if isinstance(known, Person) and known.user_id == user_id:
                return known.language, known.locale
        row = self.s.execute(select(Person.language, Person.locale).where(
            Person.user_id == user_id).limit(1)).first()
        return (row[0], row[1]) if row else (None, None)

    def names_of(self, user_ids: Iterable[str]) -> dict[str, str]:
        """Cached display names of these people (in any workspace), where known."""
        wanted = list(dict.fromkeys(user_ids))
        if not wanted:
            return {}
        rows = self.s.execute(select(Person.user_id, Person.display_name).where(
            Person.user_id.in_(wanted), Person.display_name.is_not(None)))
        return {user: name for user, name in rows if name}
