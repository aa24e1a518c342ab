"""Recording a revisit: outcomes, retries, scores and reasons, the complaint offer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.revisit_outcomes import (
    CALL_BACK,
    NO_ANSWER,
    REACHED,
    WRONG_NUMBER,
    Answer,
    RevisitError,
    check_answer,
    is_dissatisfied,
    offers_complaint,
    retry,
    task_key,
)
from bot.domain.revisit_plans import RevisitPolicy
from bot.domain.workdays import WorkCalendar

SHANGHAI = ZoneInfo("Asia/Shanghai")
POLICY = RevisitPolicy()
FRIDAY_NOON = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)  # 12:00 in Shanghai


@pytest.mark.parametrize("outcome", [NO_ANSWER, WRONG_NUMBER, CALL_BACK])
def test_a_call_not_reached_is_retried_the_next_working_day(outcome: str) -> None:
    again = retry(Answer(outcome), 1, FRIDAY_NOON, SHANGHAI, WorkCalendar(), POLICY)
    assert again is not None and (again.try_no, again.due_day) == (2, date(2026, 11, 30))


def test_no_retry_after_the_last_try_or_when_reached() -> None:
    assert retry(Answer(NO_ANSWER), 3, FRIDAY_NOON, SHANGHAI, WorkCalendar(), POLICY) is None
    assert retry(Answer(REACHED, 5), 1, FRIDAY_NOON, SHANGHAI, WorkCalendar(), POLICY) is None
    two = RevisitPolicy(max_tries=2)
    assert retry(Answer(NO_ANSWER), 2, FRIDAY_NOON, SHANGHAI, WorkCalendar(), two) is None


def test_a_call_back_at_a_named_time_is_retried_then() -> None:
    at = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # 15:00 the same day
    again = retry(Answer(CALL_BACK, call_back_at=at), 1, FRIDAY_NOON, SHANGHAI,
                  WorkCalendar(), POLICY)
    assert again is not None and again.due_at == at and again.due_day == date(2026, 11, 27)


def test_the_retry_follows_the_chinese_calendar() -> None:
    before_holiday = datetime(2026, 9, 30, 4, 0, tzinfo=UTC)
    again = retry(Answer(NO_ANSWER), 1, before_holiday, SHANGHAI, WorkCalendar(country="CN"),
                  POLICY)
    assert again is not None and again.due_day == date(2026, 10, 8)


@pytest.mark.parametrize("score", [1, 2, 3])
def test_a_low_score_needs_a_reason(score: int) -> None:
    with pytest.raises(RevisitError, match="reason"):
        check_answer(Answer(REACHED, score), POLICY)
    assert check_answer(Answer(REACHED, score, "price"), POLICY).reason == "price"
    assert check_answer(Answer(REACHED, score, text=" late again "), POLICY).text == "late again"


def test_a_high_score_needs_no_reason() -> None:
    assert check_answer(Answer(REACHED, 4), POLICY) == Answer(REACHED, 4)


@pytest.mark.parametrize("answer", [
    Answer(REACHED, 6), Answer(REACHED, 0), Answer(REACHED, 2, "weather"),
    Answer(REACHED, 2, "other", "  "), Answer(NO_ANSWER, 3), Answer("hung_up"),
    Answer(REACHED, None, "price"),
])
def test_answers_that_cannot_be_recorded_say_why(answer: Answer) -> None:
    with pytest.raises(RevisitError):
        check_answer(answer, POLICY)


def test_a_complaint_is_offered_for_one_or_two_with_a_complaint_reason() -> None:
    assert offers_complaint(Answer(REACHED, 2, "delivery"), POLICY)
    assert offers_complaint(Answer(REACHED, 1, "product"), POLICY)
    assert not offers_complaint(Answer(REACHED, 3, "delivery"), POLICY)
    assert not offers_complaint(Answer(REACHED, 2, "price"), POLICY)


def test_dissatisfied_is_one_to_three() -> None:
    assert [is_dissatisfied(s) for s in (None, 1, 3, 4, 5)] == [False, True, True, False, False]


def test_each_try_has_its_own_task_key() -> None:
    assert task_key(12, 1) != task_key(12, 2)
