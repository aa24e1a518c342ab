"""The complaint, duty, team and review answers in English and Chinese: real words, plural
forms where a count is shown, and codes (status, category, priority, stage) translated."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any

from bot.domain.teams import Team
from bot.services.complaints.figures import ComplaintFigures, FiguresOutcome, OpenComplaint
from bot.services.complaints.views import ComplaintOutcome, ComplaintView
from bot.services.review.command import ReviewAnswer
from bot.services.review.post import ReviewPost
from handlers.blocks.complaint_modals import raise_modal, reassign_modal
from handlers.blocks.complaints import (
    alert_message,
    changed_message,
    check_back_message,
    note_text,
)
from handlers.blocks.duty import figures_message
from handlers.blocks.review_command import review_command_message
from handlers.blocks.review_lines import stage
from handlers.blocks.tasks import digest_message
from handlers.blocks.teams import team_message

AT = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
C = ComplaintView(id=3, number=7, customer="联想", category="service", priority="high",
                  status="acknowledged", owner_id="U0BOB", raised_by="U0KIM", text="交货太慢",
                  tz="Asia/Shanghai", created_at=AT)


def said(body: Any) -> str:
    return json.dumps(body, ensure_ascii=False)


def test_a_complaint_card_says_its_codes_in_the_readers_language() -> None:
    zh = said(alert_message(C, "answer", "breach", "zh"))
    assert "投诉 #7" in zh and "服务" in zh and "高" in zh and "已认领" in zh
    assert "首次答复已超出目标时间" in zh and "解决" in zh and "转交" in zh
    en = said(alert_message(C, "answer", "breach", "en"))
    assert "Complaint #7" in en and "service · high" in en and "first-answer target" in en
    assert "满意吗" in said(check_back_message(C, "zh"))
    assert "Satisfied" in said(check_back_message(C, "en"))


def test_a_refusal_code_is_said_with_the_complaint_it_is_about() -> None:
    already = ComplaintOutcome("unchanged", replace(C, status="resolved"), "already_status")
    assert "投诉 #7 已经是已解决状态" in said(changed_message(already, lang="zh"))
    assert "Complaint #7 is already resolved." in said(changed_message(already, lang="en"))
    # A payload queued before the codes carried the English sentence: shown as it was.
    old = ComplaintOutcome("not_found", None, "That complaint no longer exists.")
    assert "That complaint no longer exists." in said(changed_message(old, lang="zh"))


def test_a_thread_note_translates_a_triage_and_a_check_back() -> None:
    triaged = note_text(C, "triaged", "U0BOB", None, "category service → product; "
                        "priority low → high", lang="zh")
    assert triaged == "🏷️ <@U0BOB> 修改了类别 服务 → 产品; 优先级 低 → 高。"
    assert "客户不满意" in note_text(C, "checked_back", "U0BOB", None, "not satisfied",
                                   lang="zh")


def test_the_forms_are_in_the_openers_language() -> None:
    form = said(raise_modal({"customer": "联想", "text": "太慢", "category": "product",
                             "priority": "low"}, "zh"))
    assert "提交投诉" in form and "发生了什么" in form and "产品" in form and "取消" in form
    assert "新负责人" in said(reassign_modal(C, "zh"))


def test_complaint_figures_count_with_plural_forms() -> None:
    figures = ComplaintFigures(team="East", count=1, resolved=0, median_ack_minutes=None,
                               median_resolve_hours=None, breaches=1, per_owner=(),
                               categories=(("product", 1),), open=(OpenComplaint(
                                   3, 7, "联想", "U0BOB", "open", "high", "service", 1.0),))
    en = said(figures_message(FiguresOutcome("figures", figures)))
    assert "1 open complaint*" in en and "1 SLA breach" in en and "1 h old" in en
    two = replace(figures, breaches=2, open=figures.open * 2)
    assert "2 open complaints*" in said(figures_message(FiguresOutcome("figures", two)))
    assert "2 SLA breaches" in said(figures_message(FiguresOutcome("figures", two)))
    zh = said(figures_message(FiguresOutcome("figures", two, lang="zh")))
    assert "2 条未结投诉" in zh and "超时 2 次" in zh and "产品 1" in zh and "未处理" in zh


def test_the_lead_digest_counts_tasks_with_plural_forms() -> None:
    assert "0 overdue tasks" in digest_message("East", "2026-11-30", [])["text"]
    assert "0 个逾期任务" in digest_message("East", "2026-11-30", [], lang="zh")["text"]


def test_team_answer_in_chinese() -> None:
    team = Team(name="East", channel="C0EAST", lead="U0LEAD", members=("U0KIM",),
                timezone="Asia/Shanghai", review_time=time(18, 30),
                working_days=("mon", "fri"))
    zh = said(team_message(team, "U0KIM", "zh"))
    assert "你是成员" in zh and "工作日 周一, 周五" in zh and "每晚复盘 18:30" in zh
    en = said(team_message(team, "U0LEAD", "en"))
    assert "you are its lead" in en and "working days Mon, Fri" in en
    assert "没有团队" in said(team_message(None, "U0KIM", "zh"))


def test_review_answer_is_the_persons_language_and_stages_are_translated() -> None:
    post = ReviewPost(status="queued", team="East", day=date(2026, 11, 27), channel="C0EAST")
    zh = said(review_command_message(ReviewAnswer("queued", post=post, own="zh")))
    assert "正在把 *East*" in zh and "周五" in zh
    assert "Only a team's lead" in said(review_command_message(ReviewAnswer("forbidden")))
    assert (stage("negotiating", "zh"), stage("negotiating", "en")) == ("谈判", "negotiating")
    assert stage("first_meeting", "zh_TW") == "初次会面"  # falls back to Simplified
