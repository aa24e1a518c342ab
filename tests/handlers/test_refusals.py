"""A refusal or failure said under a message is a code until the blocks say it in the
reader's language; a message stored before it was a code is shown as it came."""

from __future__ import annotations

from bot.services.clicks import FAILED as CLICK_FAILED
from bot.services.submits import FAILED as FORM_FAILED
from bot.services.views import Outcome
from handlers.blocks.refusals import refusal_text


def test_a_failed_click_and_form_are_said_in_each_language() -> None:
    for code, english, chinese in ((CLICK_FAILED, "with that button", "按钮"),
                                   (FORM_FAILED, "your form was not saved", "没有")):
        failed = Outcome(status="invalid", message=code)
        assert english in refusal_text(failed, "en")
        said = refusal_text(failed, "zh")
        assert chinese in said and "Sorry" not in said


def test_a_sentence_stored_before_it_was_a_code_is_shown_as_it_came() -> None:
    old = Outcome(status="invalid", message="Sorry, something went wrong on my side.")
    assert refusal_text(old, "zh") == "Sorry, something went wrong on my side."
