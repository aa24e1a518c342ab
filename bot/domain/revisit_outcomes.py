"""Recording a revisit (docs/revisits.md): the outcome of the call, the retry when the customer
was not reached, the satisfaction score and its reason, and when a complaint is offered.

Pure: `now`, the zone and the calendar are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.problems import Problem, Value, problem
from bot.domain.revisit_plans import RevisitPolicy
from bot.domain.workdays import WorkCalendar

REACHED, NO_ANSWER, WRONG_NUMBER, CALL_BACK = "reached", "no_answer", "wrong_number", "call_back"
OUTCOMES = (REACHED, NO_ANSWER, WRONG_NUMBER, CALL_BACK)
NOT_REACHED = (NO_ANSWER, WRONG_NUMBER, CALL_BACK)
OTHER = "other"
SCORES = (1, 2, 3, 4, 5)
SATISFIED_FROM = 4  # 4-5 is satisfied; 1-3 asks for a reason
COMPLAINT_UP_TO = 2  # 1-2 with a complaint reason offers a complaint


class RevisitError(ValueError):
    """A revisit answer that cannot be recorded as given: `problem` says what is missing
    (its code is the exception's message)."""

    def __init__(self, code: str, **values: Value) -> None:
        super().__init__(code)
        self.problem: Problem = problem(code, **values)


@dataclass(frozen=True)
class Answer:
    """What the rep answered for one call of a revisit."""

    outcome: str
    score: int | None = None
    reason: str | None = None  # one of the policy's reasons
    text: str | None = None  # free text: the reason in the rep's words, or a note
    call_back_at: datetime | None = None  # "call back later" at a time the customer named


def check_answer(answer: Answer, policy: RevisitPolicy) -> Answer:
    """The answer cleaned (blank text dropped), or RevisitError naming what is wrong: a score
    only when reached and 1-5, a reason required for 1-3 ("other" needs its text)."""
    text = (answer.text or "").strip() or None
    if answer.outcome not in OUTCOMES:
        raise RevisitError("outcome_unknown", typed=str(answer.outcome)[:40])
    if answer.outcome != REACHED:
        if answer.score is not None or answer.reason is not None:
            raise RevisitError("score_needs_reached")
        return Answer(answer.outcome, text=text, call_back_at=answer.call_back_at)
    if answer.score is None:
        # Reached but not rated yet: a call that went well is recorded in the first click.
        if answer.reason is not None:
            raise RevisitError("reason_needs_score")
        return Answer(REACHED, text=text)
    if answer.score not in SCORES:
        raise RevisitError("score_range")
    if answer.reason is not None and answer.reason not in policy.reasons:
        raise RevisitError("reason_unknown", typed=answer.reason[:60])
    if answer.score < SATISFIED_FROM and answer.reason is None and text is None:
        raise RevisitError("reason_needed")
    if answer.reason == OTHER and text is None:
        raise RevisitError("other_needs_words")
    return Answer(REACHED, answer.score, answer.reason, text)


def is_dissatisfied(score: int | None) -> bool:
    """A rated customer scoring 1-3 (flagged on the card and in the next reminder)."""
    return score is not None and score < SATISFIED_FROM


def offers_complaint(answer: Answer, policy: RevisitPolicy) -> bool:
    """A score of 1-2 with a complaint reason: offer to raise the complaint at once."""
    return (answer.score is not None and answer.score <= COMPLAINT_UP_TO
            and answer.reason in policy.complaint_reasons)


@dataclass(frozen=True)
class Retry:
    """The next call of a revisit not reached: which try it is and when."""

    try_no: int
    due_day: date
    due_at: datetime | None = None  # a time the customer named ("call back at 3pm")


def retry(answer: Answer, tries_made: int, now: datetime, zone: ZoneInfo, cal: WorkCalendar,
          policy: RevisitPolicy) -> Retry | None:
    """The next try after a call that did not reach the customer: the next working day (or
    the time the customer named for a call back), until `max_tries` calls are made; None
    when reached or out of tries (the revisit ends unreached)."""
    if answer.outcome not in NOT_REACHED or tries_made >= policy.max_tries:
        return None
    if answer.outcome == CALL_BACK and answer.call_back_at is not None \
            and answer.call_back_at > now:
        when = answer.call_back_at.astimezone(zone)
        return Retry(tries_made + 1, when.date(), when)
    today = now.astimezone(zone).date()
    day = cal.add(today, 1) if cal.works_at_all else today
    return Retry(tries_made + 1, day)


# A call told in words may settle a revisit whose task is not out yet when the customer was
# reached and that revisit falls due within this many days: the rep called a little early
# (the onboarding call on the day of the purchase, the satisfaction call a day ahead). A
# revisit further off (the 3-month check-in) is not settled by an early chat, and a call that
# did not reach the customer leaves the planned call to be made as planned.
EARLY_BY_WORDS_DAYS = 7


def answers_planned(answer: Answer, contact_day: date, due_day: date) -> bool:
    """Whether a call told in words on `contact_day` answers a revisit not yet out, due on
    `due_day`: it reached the customer, and the revisit is due within EARLY_BY_WORDS_DAYS."""
    return answer.outcome == REACHED and \
        due_day <= contact_day + timedelta(days=EARLY_BY_WORDS_DAYS)


def task_key(revisit_id: int, try_no: int) -> str:
    """The key of a revisit's task for one try ("revisit:12:2"): one task per try, however
    many sweeps or clicks race for it (the tasks' unique key decides)."""
    return f"revisit:{revisit_id}:{try_no}"
