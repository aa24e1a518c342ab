"""The customer forms and card controls as Block Kit."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.customers.listing import CustomerList, CustomerRow
from bot.services.views import ChangeView, CustomerView, EventView, Outcome
from handlers import ids
from handlers.blocks.customer_actions import card_actions
from handlers.blocks.customer_list import customer_list_message
from handlers.blocks.customer_modals import edit_form
from handlers.blocks.customers import customer_message
from handlers.blocks.text import reader_time
from tests.e2e.harness import mrkdwn_texts


def test_edit_form_leaves_out_contact_and_a_field_too_long_for_slack() -> None:
    view = CustomerView(id=7, name="Acme", owner_id="U0REP",
                        fields={"name": "Acme", "needs": "x" * 3001}, may_edit_contact=False)
    form = edit_form(view, None)
    in_form = [b.get("block_id") for b in form["blocks"]]
    assert "needs" not in in_form and "phone" not in in_form and "email" not in in_form
    assert {"stage", "likelihood", "tier", "name", "tags"} <= set(in_form)
    assert form["private_metadata"] == "7|" and form["callback_id"] == ids.VIEW_CUSTOMER_EDIT
    assert "longer than a Slack form holds" in mrkdwn_texts(form["blocks"])


def test_card_menus_carry_the_customer_and_show_the_current_value() -> None:
    block = card_actions(CustomerView(id=7, name="Acme", owner_id="U0REP", stage="won"))
    edit, stage, likelihood = block["elements"]
    assert edit["value"] == "7" and stage["initial_option"]["value"] == "7:won"
    assert [o["value"] for o in stage["options"]][:2] == ["7:inquiry", "7:first_meeting"]
    assert "initial_option" not in likelihood and len(likelihood["options"]) == 3


AT = datetime(2026, 12, 3, 6, 5, tzinfo=UTC)  # 14:05 in Shanghai


def _at(fallback: str) -> str:
    """When a change was made: Slack's token, read in each reader's zone, with the time in
    the team's zone (Asia/Shanghai here) for what cannot show it."""
    return f"<!date^{int(AT.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def _history(lang: str, *changes: ChangeView) -> str:
    view = CustomerView(id=7, name="Acme", owner_id="U0KIM", history=changes,
                        pool_tz="Asia/Shanghai")
    return mrkdwn_texts(customer_message(Outcome(status="history", customer=view,
                                                 language=lang))["blocks"])


def test_history_reads_in_words_in_english() -> None:
    text = _history("en", ChangeView(AT, "U0KIM", "customer", 7, "stage", "negotiating", "won"),
                    ChangeView(AT, "bot", "task", 12, "due_at", "2026-12-01T01:00:00+00:00",
                               "2026-12-04T01:30:00+00:00"),
                    ChangeView(AT, "U0KIM", "customer", 7, "tag", None, "urgent"),
                    ChangeView(AT, "U0KIM", "customer", 7, "value_tier", None, "A"))
    assert f"Stage: negotiating → won, by <@U0KIM>, {_at('3 Dec 14:05')}" in text
    assert f"Task #12 · Due: 1 Dec 09:00 → 4 Dec 09:30, by the bot, {_at('3 Dec 14:05')}" \
        in text
    assert "Tag added: `urgent`, by <@U0KIM>" in text
    assert "Value tier: — → A" in text
    assert "value_tier" not in text and "due_at" not in text and "+00:00" not in text


def test_history_reads_in_words_in_chinese() -> None:
    text = _history("zh", ChangeView(AT, "U0KIM", "customer", 7, "stage", "negotiating", "won"),
                    ChangeView(AT, "U0KIM", "task", 12, "status", "open", "done"),
                    ChangeView(AT, "U0KIM", "customer", 7, "owner_id", "U0SAM", "U0KIM"),
                    ChangeView(AT, "U0KIM", "customer", 7, "source_channel", None, "trade_show"))
    assert f"阶段：谈判 → 成交，<@U0KIM>，{_at('12月3日 14:05')}" in text
    assert "任务 #12 · 状态：待办 → 已完成" in text
    assert "负责人：<@U0SAM> → <@U0KIM>" in text
    assert "来源渠道：— → 展会" in text
    assert "*变更历史*" in text
    for english in ("stage", "Stage", "status", "owner_id", "trade_show", "Dec"):
        assert english not in text


def test_the_card_speaks_the_readers_language() -> None:
    view = CustomerView(id=7, name="Acme", owner_id="U0KIM", stage="negotiating",
                        likelihood="B", fields={"kind": "company", "source_channel": "referral",
                                                "first_contact": "2026-11-20"},
                        missing=("Industry",))
    zh = customer_message(Outcome(status="customer", customer=view, language="zh"))
    text = mrkdwn_texts(zh["blocks"])
    assert "阶段 谈判" in text and "*类型：*公司" in text and "*来源渠道：*转介绍" in text
    assert "缺少：行业" in text and "暂无待办任务" in text
    assert "*首次接触：*2026年11月20日" in text
    menus = zh["blocks"][-1]["elements"]
    assert menus[0]["text"]["text"] == "编辑"
    assert menus[1]["options"][3]["text"]["text"] == "阶段: 谈判"
    en = mrkdwn_texts(customer_message(Outcome(status="customer", customer=view,
                                               language="en"))["blocks"])
    assert "Stage negotiating" in en and "*Kind:* Company" in en and "missing: Industry" in en
    assert "*First contact:* 20 Nov 2026" in en


def test_the_list_counts_in_the_readers_language() -> None:
    row = CustomerRow(id=4, name="Acme", owner_id="U0KIM", stage="won", likelihood="A",
                      value_tier="B", tags=(), last_contact=None)
    one = customer_list_message(CustomerList(status="list", total=1, rows=(row,)))
    many = customer_list_message(CustomerList(status="list", total=25, rows=(row,) * 20,
                                              lang="zh"))
    assert one["text"] == "1 customer" and "likelihood A · won · tier B" in one["blocks"][1][
        "text"]["text"]
    assert many["text"] == "25 个客户" and "成交可能性 A · 成交 · 等级 B · 最近联系 从未" in \
        many["blocks"][1]["text"]["text"]
    assert "还有 5 个" in mrkdwn_texts(many["blocks"])


def test_a_form_is_in_the_readers_language() -> None:
    form = edit_form(CustomerView(id=7, name="Acme", owner_id="U0REP"), None, lang="zh")
    assert form["title"]["text"] == "编辑客户" and form["submit"]["text"] == "保存"
    labels = {b["block_id"]: b["label"]["text"] for b in form["blocks"] if b["type"] == "input"}
    assert labels["industry"] == "行业" and labels["likelihood"] == "成交可能性"
    likelihood = next(b for b in form["blocks"] if b.get("block_id") == "likelihood")
    assert likelihood["element"]["options"][0]["text"]["text"] == "A · 一周内签约"


def test_when_something_happened_is_read_in_each_readers_zone_with_the_teams_as_fallback(
        ) -> None:
    assert reader_time(AT, "en", "Asia/Shanghai") == _at("3 Dec 14:05")
    assert reader_time(AT, "zh", "Europe/Berlin") == _at("12月3日 07:05")
    assert reader_time(AT.replace(tzinfo=None), "en", "UTC") == _at("3 Dec 06:05")
    view = CustomerView(id=7, name="Acme", owner_id="U0KIM", pool_tz="Asia/Shanghai",
                        ownership=(EventView("claim", AT, "U0KIM", to_user="U0KIM"),))
    shown = mrkdwn_texts(customer_message(Outcome(status="history", customer=view,
                                                  language="zh"))["blocks"])
    assert _at("12月3日 14:05") in shown
