"""Task DMs, lists, forms and answers in the reader's language, dates through Babel's locale
data (English, Simplified and Traditional Chinese), counts with their plural forms."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from bot.domain import reminders as rules
from bot.domain.care_dates import BIRTHDAY
from bot.domain.care_titles import care_task_title
from bot.domain.parsing import find_due
from bot.services.views import CareDateView, FollowUpView, Outcome, TaskView
from handlers.blocks.care import care_date_text
from handlers.blocks.modals import edit_log_modal, reschedule_modal
from handlers.blocks.refusals import refusal_text
from handlers.blocks.tasks import digest_message, reminder_message, task_list_message
from handlers.blocks.text import when
from tests.handlers.hostile import fill

DUE = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # Fri 15:00 in Shanghai


def _task(title: str = "send quote to Acme", **fixed: object) -> TaskView:
    return TaskView(id=4, title=title, owner_id="U0REP", status="open", tz="Asia/Shanghai",
                    customer="Acme", due=DUE, due_precision="time", **fixed)  # type: ignore[arg-type]


def _texts(body: dict) -> str:
    return str(body)


def test_a_due_time_reads_in_each_language() -> None:
    assert when(DUE, "time", "Asia/Shanghai", "en") == \
        "Fri, 27 Nov 2026 15:00 (Asia/Shanghai)"
    assert when(DUE, "time", "Asia/Shanghai", "zh") == "2026年11月27日周五 15:00（Asia/Shanghai）"
    assert "週五" in when(DUE, "day", "Asia/Shanghai", "zh_TW")
    assert when(None, None, "UTC", "zh") == "无到期时间"


def test_a_reminder_is_in_the_readers_language_not_the_titles() -> None:
    zh = _texts(reminder_message(rules.BEFORE, _task(), lead_seconds=86400, late=False,
                                 due_was=None, lang="zh"))
    assert "明天到期" in zh and "send quote to Acme" in zh and "完成" in zh
    assert "2026年11月27日周五 15:00" in zh and "Due tomorrow" not in zh
    en = _texts(reminder_message(rules.BEFORE, _task("给华为发报价"), lead_seconds=86400,
                                 late=False, due_was=None, lang="en"))
    assert "Due tomorrow" in en and "Fri, 27 Nov 2026 15:00" in en and "明天到期" not in en
    # A reminder queued before the reader's language was carried: the title's, as before.
    old = _texts(reminder_message(rules.BEFORE, _task("给华为发报价"), lead_seconds=86400,
                                  late=False, due_was=None))
    assert "明天到期" in old


def test_the_task_list_counts_with_plural_forms() -> None:
    one = task_list_message(Outcome(status="tasks", tasks=(_task(),), language="en"))
    two = task_list_message(Outcome(status="tasks", tasks=(_task(),) * 2, language="en"))
    assert "1 task*" in _texts(one) and "2 tasks" in _texts(two)
    many = task_list_message(Outcome(status="tasks", tasks=(_task(),) * 23, language="zh"))
    assert "23 个任务" in many["text"] and "另有 3 条" in _texts(many)
    digest = digest_message("East", "2026-11-30", [_task()], lang="en")
    assert "East: 1 overdue task*" in _texts(digest) and "Mon, 30 Nov 2026" in _texts(digest)
    assert "2 个逾期任务" in _texts(digest_message("East", "2026-11-30", [_task()] * 2,
                                                  lang="zh"))


def test_a_refusal_is_named_by_a_code_and_said_in_the_readers_language() -> None:
    assert refusal_text(Outcome(status="not_found", message="task_gone"), "zh") == \
        "这个任务已经不存在了。"
    assert refusal_text(Outcome(status="not_found", message="task_gone"), "en") == \
        "That task no longer exists."
    assert refusal_text(Outcome(status="failed"), "zh") == "出错了。"


def test_the_edit_form_is_in_the_readers_language_and_its_due_reads_back() -> None:
    fu: FollowUpView = fill(FollowUpView, "Acme", status="recorded", due=DUE,
                            due_precision="time", tz="Asia/Shanghai", more_tasks=())
    form = edit_log_modal(fu, "zh")
    assert form["title"]["text"] == "编辑记录" and "保存" in str(form)
    typed = [b["element"].get("initial_value") for b in form["blocks"]
             if b.get("block_id") == "when"]
    assert typed == ["2026年11月27日周五 15:00"]
    for lang in ("en", "zh"):
        shown = edit_log_modal(fu, lang)["blocks"]
        value = next(b["element"]["initial_value"] for b in shown if b.get("block_id") == "when")
        reading = find_due(value, now=DUE.replace(day=20), tz=ZoneInfo("Asia/Shanghai"))
        assert reading is not None and reading.due == DUE, (lang, value)
    assert reschedule_modal(4, "call Li", "zh")["title"]["text"] == "改期"


def test_a_bot_made_title_and_a_care_date_in_each_language() -> None:
    assert care_task_title(BIRTHDAY, "王总", "华为", date(2027, 3, 5), 1, "zh") == \
        "王总(华为)生日 3月5日 — 还有 1 天"
    assert care_task_title(BIRTHDAY, "Mr Li", "Acme", date(2027, 3, 5), 1, "en") == \
        "Birthday of Mr Li (Acme) on 5 Mar — in 1 day"
    assert care_date_text(CareDateView("renewal", "", 6, 30, 2027), "zh") == \
        "合同续约:2027年6月30日"
