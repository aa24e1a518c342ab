"""Record ids read back from Slack: only plain ASCII numbers a database id column can hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.record_ids import MAX_RECORD_ID, record_id, record_ids, split_id

# Each one is refused for its own reason: too large for any column, one past PostgreSQL's
# INTEGER, negative, zero, letters, empty, other scripts' digits, a superscript, the spellings
# int() forgives (a space, a sign, an underscore, a newline).
NOT_IDS = ("99999999999999999999999999", "9223372036854775808", "2147483648", "-1", "0",
           "abc", "", "١٢", "²", " 7", "+7", "1_0", "7\n", None, 7, ["7"])


@pytest.mark.parametrize("value", NOT_IDS)
def test_what_is_not_an_id_names_no_record(value: object) -> None:
    assert record_id(value) is None
    assert split_id(value if isinstance(value, str) else None)[0] is None


def test_the_largest_id_an_integer_column_holds_is_read() -> None:
    assert record_id(str(MAX_RECORD_ID)) == MAX_RECORD_ID
    assert record_id("0007") == 7
    assert split_id("12:tomorrow") == (12, "tomorrow")
    assert split_id("12|https://hooks.slack.com/x", "|") == (12, "https://hooks.slack.com/x")
    assert record_ids("3,x,-1,4,,2147483648") == [3, 4]


@given(st.text(max_size=12))
def test_an_id_read_is_the_number_its_text_spells(text: str) -> None:
    value = record_id(text)
    if value is not None:
        assert 0 < value <= MAX_RECORD_ID
        assert text.isascii() and text.isdigit() and int(text) == value
