"""Whose a customer is, as the duplicate warning and a log's reply show it, in both
languages."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.customers.create import Match
from bot.services.views import Ownership
from handlers.blocks.customer_form import duplicate_warning
from handlers.blocks.ownership import ownership_text, someone_elses
from tests.e2e.harness import mrkdwn_texts

ENDS = datetime(2026, 12, 23, 1, 0, tzinfo=UTC)
OWNED = Ownership("Acme", "U0KIM", ENDS, tz="Asia/Shanghai")
POOLED = Ownership("Acme", None, pool_team="East", in_pool_since=ENDS, was="U0SAM",
                   tz="Asia/Shanghai")


def test_owned_and_pooled_read_in_english_and_chinese() -> None:
    assert ownership_text(OWNED, "en") == \
        "owner <@U0KIM> · protected until Wed, 23 Dec 2026 (Asia/Shanghai)"
    assert ownership_text(OWNED, "zh") == \
        "负责人 <@U0KIM> · 保护期至 2026年12月23日周三（Asia/Shanghai）"
    assert someone_elses(POOLED, "en") == ("*Acme*: in East's pool since Wed, 23 Dec 2026 "
                                           "(Asia/Shanghai) (was <@U0SAM>'s): `/pool` to claim it")
    assert "East 的公海中（原负责人 <@U0SAM>）" in someone_elses(POOLED, "zh")
    assert ownership_text(Ownership("Acme", "U0KIM"), "en") == "owner <@U0KIM>"  # won: no term


def test_the_duplicate_warning_is_in_the_askers_language() -> None:
    matches = [Match(4, "Acme", "U0KIM", "phone", OWNED), Match(5, "Acme Ltd", "U0SAM", "name",
                                                                POOLED)]
    zh = mrkdwn_texts(duplicate_warning(matches, name_taken=True, lang="zh"))
    assert "这看起来是一个已有的客户" in zh and "*Acme* 有相同的电话号码 · 负责人 <@U0KIM>" in zh
    assert "已有同名客户" in zh
    en = mrkdwn_texts(duplicate_warning(matches, name_taken=False, lang="en"))
    assert "*Acme Ltd* has the same name · in East's pool since" in en
    assert "*Create anyway*" in en
