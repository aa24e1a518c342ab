"""The nightly review's incomplete files: each rep's files still missing a required field a
day after they were made (domain.md §1: the lead sees them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.customer_form import REQUIRED, missing_keys
from bot.domain.review import INCOMPLETE_FILE_GRACE, FileGap, RepReview
from store.uow import UnitOfWork


def with_file_gaps(uow: UnitOfWork, workspace_id: str | None, reps: tuple[RepReview, ...],
                   as_of: datetime) -> tuple[RepReview, ...]:
    """Each rep's part with their incomplete files older than a day, oldest first."""
    # Only files made more than a day before: the query applies the grace.
    rows = uow.file_gaps.possibly_incomplete(workspace_id, [r.user_id for r in reps],
                                             as_of - INCOMPLETE_FILE_GRACE, REQUIRED)
    by_rep: dict[str, list[FileGap]] = {}
    for row in rows:
        missing = missing_keys(row.values())
        if missing:
            by_rep.setdefault(row.owner_id, []).append(FileGap(
                customer_id=row.id, customer=row.name, missing=tuple(missing),
                made_at=row.created_at))
    return tuple(replace(r, incomplete=tuple(by_rep.get(r.user_id, ()))) for r in reps)
