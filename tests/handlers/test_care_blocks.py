"""Care dates and the brief as people read them, in English and Chinese: a log's reply that
recorded a date, the card's line, and the brief under a reminder (at most five lines)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.domain import reminders
from bot.domain.brief import Brief
from bot.services.views import CareDateView, FollowUpView, Outcome, TaskView
from handlers.blocks.care import brief_blocks, care_card_line
from handlers.blocks.logs import log_reply_message
from handlers.blocks.tasks import reminder_message
from tests.e2e.harness import block_texts

AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
FULL = Brief(last_contact_at=AT, last_contact="sent the drawings", needs="20 presses",
             concern="delivery", concern_score=2, open_complaints=1,
             complaint="press arrived damaged", next_revisit="3w",
             next_revisit_day=date(2026, 12, 11))


def _reply(text: str, dates: tuple[CareDateView, ...]) -> str:
    fu = FollowUpView(id=1, status="recorded", author_id="U0REP", raw_text=text,
                      summary=text, tz="Asia/Shanghai", customer_id=7, customer="华为",
                      care_dates=dates)
    return block_texts(log_reply_message(Outcome(status="recorded", follow_up=fu))["blocks"])


def test_the_logs_reply_says_the_date_was_recorded_in_the_reps_language() -> None:
    zh = _reply("华为:王总生日是3月5号", (CareDateView("birthday", "王总", 3, 5),))
    assert "📅 已记录:王总生日:3月5日 — 每年会提前提醒。" in zh
    en = _reply("Acme: renewal due 30 June", (CareDateView("renewal", "", 6, 30, 2027),))
    assert "📅 Recorded: Contract renewal: 30 Jun 2027 — a yearly reminder comes ahead" in en


def test_the_card_lists_the_key_dates() -> None:
    dates = (CareDateView("anniversary", "", 9, 30, 2001),
             CareDateView("named", "Spring Festival visit", 1, 20))
    assert care_card_line(dates, "en") == \
        "📅 Key dates: Company anniversary: 30 Sept; Spring Festival visit: 20 Jan"
    assert care_card_line((), "en") is None


def test_the_brief_is_five_lines_at_most_in_both_languages() -> None:
    [en] = brief_blocks(FULL, "Asia/Shanghai", "en")
    lines = block_texts([en]).splitlines()
    assert lines == [
        "*Before you call*",
        "Last contact Fri, 20 Nov 2026 (Asia/Shanghai): sent the drawings",
        "Needs: 20 presses",
        "⚠️ Dissatisfied at the last revisit (2/5): delivery",
        "🔴 Open complaints (1): press arrived damaged",
        "Next revisit: 3 weeks on Fri, 11 Dec 2026"]
    zh = block_texts(brief_blocks(FULL, "Asia/Shanghai", "zh"))
    assert "联系前请看" in zh and "上次回访不满意(2/5):交货/物流" in zh
    assert "下次回访:3周,2026年12月11日周五" in zh
    assert block_texts(brief_blocks(Brief(), "UTC", "en")).splitlines() == [
        "*Before you call*", "No contact logged yet"]


def test_a_reminder_carries_the_brief() -> None:
    task = TaskView(id=3, title="Call Acme", owner_id="U0REP", status="open",
                    tz="Asia/Shanghai", customer="Acme", due=AT, due_precision="day",
                    brief=FULL)
    shown = block_texts(reminder_message(reminders.AT_DUE, task, lead_seconds=None,
                                         late=False, due_was=None)["blocks"])
    assert "Before you call" in shown and "Needs: 20 presses" in shown
