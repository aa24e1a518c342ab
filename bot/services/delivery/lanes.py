"""Which sending lane each kind of message waits in (bot/domain/pacing.py: the rules)."""

from __future__ import annotations

from bot.domain import reminders as rules
from bot.domain.pacing import Lane
from bot.services.complaints import views as complaint_views
from bot.services.delivery.outbox import OVERDUE_LEAD, OVERDUE_OWNER
from bot.services.people import PROFILE_REFRESH
from bot.services.review.post import REVIEW_BUILD, REVIEW_REP, REVIEW_TEAM
from bot.services.tasks.digest import LEAD_DIGEST

# Every kind not named here is an answer to a person (the first lane): a kind added later
# is never held behind a review by mistake.
REMINDERS = (rules.BEFORE, rules.AT_DUE, rules.SNOOZE_END, OVERDUE_OWNER, OVERDUE_LEAD,
             complaint_views.CHECK_BACK, PROFILE_REFRESH)
CHANNEL_POSTS = (REVIEW_BUILD, REVIEW_TEAM, REVIEW_REP, LEAD_DIGEST, complaint_views.THREAD,
                 complaint_views.NOTE)
NAMED = {**dict.fromkeys(REMINDERS, Lane.REMINDER), **dict.fromkeys(CHANNEL_POSTS, Lane.CHANNEL)}


def lane_of(kind: str) -> Lane:
    """The lane a kind of message is sent in."""
    return NAMED.get(kind, Lane.PERSON)


def lane_filter(lane: Lane) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
    """(kinds, not_kinds) selecting one lane's rows in the outbox."""
    if lane is Lane.PERSON:
        return None, (*REMINDERS, *CHANNEL_POSTS)
    return (REMINDERS if lane is Lane.REMINDER else CHANNEL_POSTS), ()
