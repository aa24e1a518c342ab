"""The nightly review's incomplete files: each rep's files still missing a required field a
day after they were made (domain.md §1: the lead sees them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.customer_form import REQUIRED, missing_keys
from bot.domain.review import FILE_GAPS_LISTED, INCOMPLETE_FILE_GRACE, FileGap, RepReview
from store.uow import UnitOfWork


def with_file_gaps(uow: UnitOfWork, workspace_id: str | None, reps: tuple[RepReview, ...],
                   as_of: datetime) -> tuple[RepReview, ...]:
    """Each rep's part with their oldest incomplete files older than a day, and how many
    they have. Only the listed ones are read: a team of 50 reps owns thousands of files,
    often most of them incomplete (an import that left out their kind), and reading every
    one took a third of the review's time (bench/review.py, 2026-12-06)."""
    # Only files made more than a day before: the query applies the grace.
    rows, counts = uow.file_gaps.oldest_incomplete(
        workspace_id, [r.user_id for r in reps], as_of - INCOMPLETE_FILE_GRACE, REQUIRED,
        FILE_GAPS_LISTED)
    by_rep: dict[str, list[FileGap]] = {}
    for row in rows:
        by_rep.setdefault(row.owner_id, []).append(FileGap(
            customer_id=row.id, customer=row.name, missing=tuple(missing_keys(row.values())),
            made_at=row.created_at))
    return tuple(replace(r, incomplete=tuple(by_rep.get(r.user_id, ())),
                         incomplete_count=counts.get(r.user_id, 0)) for r in reps)
