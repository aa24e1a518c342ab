"""Every kind of outgoing message, declared once: its sending lane, its payload's version (and
how to read older versions), what to compose at send time and what to do once it is sent.

How each kind is said in Slack is declared once too, on the Slack side (handlers/render.py);
a test checks that both sides name the same kinds. A queued payload carries its version under
VERSION; rows written before payloads had one read as version 1, the shape every kind had
then. An upgrade turns version N into N+1, so a message queued by an earlier release is sent
in today's shape after a deploy. A payload newer than this release reads (a newer copy of the
bot queued it during a rolling deploy) is held, never sent garbled: see `read_payload`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.domain import reminders as rules
from bot.domain.pacing import Lane
from bot.services.commands import COMMAND_ANSWER
from bot.services.complaints import messages as complaint_messages
from bot.services.complaints import views as complaint
from bot.services.context import ServiceContext
from bot.services.delivery.outbox import (
    LOG_REPLY,
    OPEN_MODAL,
    OVERDUE_LEAD,
    OVERDUE_OWNER,
    RESPOND,
    UPDATE_VIEW,
)
from bot.services.figures.chart_posts import (
    CHART_BUILD,
    FIGURES_CHART,
    build_chart,
    record_chart_file,
)
from bot.services.figures.report import REPORT_BUILD, WEEKLY_REPORT, build_report
from bot.services.home.build import HOME_BUILD, HOME_VIEW, build_home
from bot.services.language import own_language
from bot.services.logs.questions import QUESTIONS, compose_questions
from bot.services.logs.thread_answers import REACTION, THREAD_REPLY
from bot.services.losses.moves import LOSS_ASK, LOSS_ASKED, ask_holds
from bot.services.losses.proposals import LOSS_PROPOSALS, proposals_still_open
from bot.services.people import PROFILE_REFRESH
from bot.services.pool.after_sale import POOL_TAKEN_BACK
from bot.services.pool.asking import POOL_MORE_TIME
from bot.services.pool.briefs import POOL_ASSIGNED
from bot.services.pool.sweep import POOL_RETURNED, POOL_WARNING, warning_holds
from bot.services.ports import Composed, Receipt
from bot.services.review.post import (
    REVIEW_BUILD,
    REVIEW_REP,
    REVIEW_TEAM,
    build_and_queue,
    record_thread,
)
from bot.services.tasks.brief import prefetch_briefs
from bot.services.tasks.digest import LEAD_DIGEST
from bot.services.tasks.outgoing import end_snooze, reminder_of
from bot.services.zones import save_looked_up_profile
from store.models import Notification
from store.uow import UnitOfWork

VERSION = "v"  # the payload key that holds its shape's version

Upgrade = Callable[[dict[str, Any]], dict[str, Any]]
Compose = Callable[[ServiceContext, UnitOfWork, Notification, dict[str, Any], datetime],
                   Composed | None]
AfterSend = Callable[[ServiceContext, UnitOfWork, Notification, Receipt, datetime], None]
Job = Callable[[ServiceContext, int, datetime], bool]
# What a batch of one kind's claimed rows need, read for all of them at once (the reminders'
# briefs): additions to each row's payload by notification id, handed to `compose`.
Prefetch = Callable[[ServiceContext, UnitOfWork, Sequence[Notification], datetime],
                    Mapping[int, dict[str, Any]]]


@dataclass(frozen=True)
class Kind:
    """One kind of queued message. `compose` gives the payload to send now (None: what it was
    about no longer holds, the row is dropped); without it the payload goes as queued.
    `upgrades[n]` turns a version-n payload into version n+1. A `job` is work done by the
    sender instead of a message (it queues messages itself). A sent message is deleted after
    a while (bot/services/delivery/pruning.py) unless its kind is `kept`."""

    name: str
    lane: Lane
    version: int = 1
    upgrades: Mapping[int, Upgrade] = field(default_factory=dict)
    compose: Compose | None = None
    after_send: AfterSend | None = None
    job: Job | None = None
    # Kept once sent, however old: later messages are found through it (a complaint's thread
    # root, which every later event of the complaint replies to).
    kept: bool = False
    prefetch: Prefetch | None = None


def _registry(*kinds: Kind) -> Mapping[str, Kind]:
    by_name = {k.name: k for k in kinds}
    assert len(by_name) == len(kinds), "a kind declared twice"
    return by_name


_PERSON, _REMINDER, _CHANNEL = Lane.PERSON, Lane.REMINDER, Lane.CHANNEL
_open_task, _snoozed_task = reminder_of(("open",)), reminder_of(("snoozed",))
_in_channel = complaint_messages.about_complaint(reader="team")


def _questions_now(ctx: ServiceContext, uow: UnitOfWork, note: Notification,
                   payload: dict[str, Any], now: datetime) -> Composed | None:
    """The morning list as it is now: None once every question in it was answered."""
    asked = compose_questions(uow, note)
    if asked is None:
        return None
    # A DM: its heading in the rep's own language (each question follows its log's).
    return Composed({**asked, "lang": own_language(ctx, note.recipient, uow)})


def _questions_v2(payload: dict[str, Any]) -> dict[str, Any]:
    """A morning message queued before it listed prospects about to return: it lists none."""
    return {**payload, "returning": [], "returning_more": 0}


KINDS: Mapping[str, Kind] = _registry(
    # Answers to what a person just did, and complaint pages: the first lane.
    Kind(LOG_REPLY, _PERSON),
    Kind(RESPOND, _PERSON),
    Kind(COMMAND_ANSWER, _PERSON),  # a command's result, in place of "working on it"
    Kind(OPEN_MODAL, _PERSON),  # forms open from the request now; only rows queued before
    Kind(UPDATE_VIEW, _PERSON),  # a form answered first, given its result (views.update)
    Kind(THREAD_REPLY, _PERSON),
    Kind(REACTION, _PERSON),
    Kind(complaint.PAGE, _PERSON,
         compose=complaint_messages.about_complaint(complaint_messages.page_holds)),
    Kind(complaint.RAISED, _PERSON, compose=complaint_messages.about_complaint(reader="typed")),
    Kind(complaint.ALERT, _PERSON,
         compose=complaint_messages.about_complaint(complaint_messages.alert_holds)),
    Kind(complaint.RESPOND, _PERSON),  # the answer to that very click, composed when queued
    Kind(complaint.REPLY, _PERSON),
    Kind(LOSS_ASK, _PERSON, compose=ask_holds),  # "why was it lost?" right after the move
    Kind(LOSS_ASKED, _PERSON, compose=ask_holds),  # and to its mover: the owner was asked
    # Reminders, overdue notices, check-backs and profile look-ups.
    # Every task reminder carries the brief before the contact, read per claimed batch.
    Kind(rules.BEFORE, _REMINDER, compose=_open_task, prefetch=prefetch_briefs),
    Kind(rules.AT_DUE, _REMINDER, compose=_open_task, prefetch=prefetch_briefs),
    Kind(rules.SNOOZE_END, _REMINDER, compose=_snoozed_task, after_send=end_snooze,
         prefetch=prefetch_briefs),
    Kind(OVERDUE_OWNER, _REMINDER, compose=_open_task, prefetch=prefetch_briefs),
    Kind(OVERDUE_LEAD, _REMINDER, compose=_open_task, prefetch=prefetch_briefs),
    Kind(complaint.CHECK_BACK, _REMINDER,
         compose=complaint_messages.about_complaint(complaint_messages.check_back_holds)),
    Kind(PROFILE_REFRESH, _REMINDER, after_send=save_looked_up_profile),
    # Version 2 (issue 15): the morning message also lists the prospects about to return.
    Kind(QUESTIONS, _REMINDER, version=2, upgrades={1: _questions_v2},
         compose=_questions_now),
    Kind(POOL_WARNING, _REMINDER, compose=warning_holds),
    Kind(POOL_RETURNED, _REMINDER),
    Kind(POOL_MORE_TIME, _REMINDER),
    Kind(POOL_ASSIGNED, _REMINDER),
    Kind(POOL_TAKEN_BACK, _REMINDER),  # a win undone: the customer went back to its seller
    Kind(LOSS_PROPOSALS, _REMINDER, compose=proposals_still_open),
    Kind(HOME_BUILD, _REMINDER, job=build_home),  # the Home tab, rebuilt
    Kind(HOME_VIEW, _REMINDER),  # and published (views.publish, tier 4)
    # Channel posts: reviews, digests, complaint threads.
    Kind(REVIEW_BUILD, _CHANNEL, job=build_and_queue),
    Kind(REVIEW_TEAM, _CHANNEL, after_send=record_thread),
    Kind(REVIEW_REP, _CHANNEL),
    Kind(LEAD_DIGEST, _CHANNEL),
    Kind(REPORT_BUILD, _CHANNEL, job=build_report),
    Kind(WEEKLY_REPORT, _CHANNEL),
    Kind(CHART_BUILD, _CHANNEL, job=build_chart),
    # Into its parent's thread; kept, with its file's id, for the lead's Home tab.
    Kind(FIGURES_CHART, _CHANNEL, after_send=record_chart_file, kept=True),
    Kind(complaint.THREAD, _CHANNEL, compose=_in_channel,
         after_send=complaint_messages.record_thread_ts, kept=True),
    Kind(complaint.NOTE, _CHANNEL, compose=_in_channel),
)


def version_of(kind: str) -> int:
    """The payload version this release writes for a kind (1 for a kind it does not know)."""
    known = KINDS.get(kind)
    return known.version if known is not None else 1


def read_payload(kind: Kind, stored: dict[str, Any] | None) -> dict[str, Any] | None:
    """A stored payload in the kind's current shape (without its version), upgraded one
    version at a time; None when it is newer than this release reads.

    Such a row was queued by a newer copy of the bot (a rolling deploy, or a rollback after
    one): guessing at its shape could send a garbled message, and dropping it would lose it.
    The sender holds it instead, so the newer copy sends it (bot/services/delivery/sending.py).
    """
    payload = dict(stored or {})
    version = payload.pop(VERSION, 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1 or \
            version > kind.version:
        return None
    while version < kind.version:
        payload = kind.upgrades[version](payload)
        version += 1
    return payload
