"""The bot's own words in English and Chinese; a reply is in the language the rep wrote."""

from __future__ import annotations

from bot.domain.language import writes_chinese
from handlers.blocks.i18n_care import CARE_EN, CARE_ZH
from handlers.blocks.i18n_help import HELP_EN, HELP_ZH
from handlers.blocks.i18n_losses import LOSSES_EN, LOSSES_ZH
from handlers.blocks.i18n_pool import POOL_EN, POOL_ZH
from handlers.blocks.i18n_review import REVIEW_EN, REVIEW_ZH
from handlers.blocks.i18n_revisits import REVISITS_EN, REVISITS_ZH
from handlers.blocks.i18n_sharing import SHARING_EN, SHARING_ZH
from handlers.blocks.i18n_stats import STATS_EN, STATS_ZH

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "logged": "Logged", "updated": "Updated", "already": "Already logged",
        "next": "Next", "follow_up": "follow up", "read_as": "Read \"{label}\" as {when}.",
        "other_time": " Did you mean another time? Pick it below.",
        "no_due": "No due time found: the task has no reminder. Use *Edit* to add one.",
        "edit": "Edit", "undo": "Undo", "use": "Use {when}", "create": "Create \"{name}\"",
        "which": "Which customer is this about? I don't know *{name}* yet.",
        "which_none": "Which customer is this about? Start a log with `Customer name: …`.",
        "kept": "Your text is saved; nothing is lost while you choose.",
        "tasks_kept": "The reminders are set already; they follow the customer you choose.",
        "questions_head": "Still to answer: which customer? ({n} of your logs)",
        "questions_why": "Your text and promises are kept; once you answer, each log is "
                         "filed under its customer.",
        "questions_more": "…and {n} older ones, asked as these are answered.",
        "withdrawn": "Withdrawn: the task is cancelled; your text stays on record.",
        "saved": "📝 Saved. Reading it…",
        "due_tomorrow": "⏰ Due tomorrow", "due_in": "⏰ Due in {hours} h",
        "due_now": "⏰ Due now", "back": "⏰ Back from snooze", "overdue": "🔴 Overdue",
        "overdue_for": "🔴 Overdue for {who}", "due": "Due {when}",
        "snoozed_until": "💤 snoozed until {when}", "overdue_flag": "🔴 *Overdue*",
        "late": "Late: this was due to reach you at {when}, while the bot was offline.",
        "no_due_time": "no due time",
        "call": "📞 call", "visit": "🏢 visit", "email": "✉️ email", "chat": "💬 chat",
        "meeting": "🤝 meeting",
        "done_btn": "Done", "snooze_btn": "Snooze 1h", "tomorrow_btn": "Tomorrow 9:00",
        "next_week_btn": "Next week", "reschedule_btn": "Reschedule",
        "too_soon_next": "⚠️ Over-contacting: {customer} is a {tier} customer, contacted at "
                         "most every {min} days; this next step is {gap} days after today's "
                         "contact (the earliest would be {earliest}). Kept as you wrote it.",
        "too_soon_contact": "⚠️ Over-contacting: {customer} is a {tier} customer, contacted at "
                            "most every {min} days; the previous contact was {gap} days ago "
                            "(the next was due from {earliest}).",
        "tier_label": "tier {tier}", "no_tier": "not yet tiered",
        "no_need_label": "\u201cno need for now\u201d",
        **REVIEW_EN,
        **REVISITS_EN,
        **LOSSES_EN,
        **CARE_EN,
        **SHARING_EN,
        **HELP_EN,
        **POOL_EN,
        **STATS_EN,
    },
    "zh": {
        "logged": "已记录", "updated": "已更新", "already": "已记录过",
        "next": "下一步", "follow_up": "跟进", "read_as": "“{label}”理解为 {when}。",
        "other_time": " 不是这个时间？请在下面选择。",
        "no_due": "没有找到时间：这个任务不会提醒。点 *编辑* 添加时间。",
        "edit": "编辑", "undo": "撤销", "use": "改为 {when}", "create": "新建“{name}”",
        "which": "这是哪个客户？我还不认识 *{name}*。",
        "which_none": "这是哪个客户？请以“客户名称：…”开头。",
        "kept": "你的原文已保存，选择期间不会丢失。",
        "tasks_kept": "提醒已经设好，选定客户后随之归档。",
        "questions_head": "还待确认：这些记录是哪个客户？（共 {n} 条）",
        "questions_why": "原文和承诺都已保存；确认客户后即归档到该客户下。",
        "questions_more": "…还有 {n} 条更早的，确认上面这些后再问。",
        "withdrawn": "已撤销：任务已取消，原文仍保留。",
        "saved": "📝 已保存，正在理解…",
        "due_tomorrow": "⏰ 明天到期", "due_in": "⏰ {hours} 小时后到期",
        "due_now": "⏰ 现在到期", "back": "⏰ 暂停结束", "overdue": "🔴 已逾期",
        "overdue_for": "🔴 {who} 的任务已逾期", "due": "到期 {when}",
        "snoozed_until": "💤 暂停到 {when}", "overdue_flag": "🔴 *已逾期*",
        "late": "迟到提醒：原定 {when} 发出，当时机器人不在线。",
        "no_due_time": "无到期时间",
        "call": "📞 电话", "visit": "🏢 拜访", "email": "✉️ 邮件", "chat": "💬 聊天",
        "meeting": "🤝 会议",
        "done_btn": "完成", "snooze_btn": "暂停1小时", "tomorrow_btn": "明天9:00",
        "next_week_btn": "下周", "reschedule_btn": "改期",
        "too_soon_next": "⚠️ 联系过于频繁：{customer} 是{tier}客户，至多每 {min} 天联系一次；"
                         "这个下一步距今天的联系只有 {gap} 天（最早应为 {earliest}）。"
                         "已按原样保存。",
        "too_soon_contact": "⚠️ 联系过于频繁：{customer} 是{tier}客户，至多每 {min} 天联系一次；"
                            "上次联系在 {gap} 天前（下次应从 {earliest} 起）。",
        "tier_label": " {tier} 类", "no_tier": "未分级",
        "no_need_label": "\u201c暂无需求\u201d",
        **REVIEW_ZH,
        **REVISITS_ZH,
        **LOSSES_ZH,
        **CARE_ZH,
        **SHARING_ZH,
        **HELP_ZH,
        **POOL_ZH,
        **STATS_ZH,
    },
}
WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def language_of(*texts: str | None) -> str:
    """"zh" when the person wrote Chinese, else "en"."""
    return "zh" if writes_chinese(*texts) else "en"


def t(lang: str, key: str, **values: str) -> str:
    """The phrase `key` in `lang` (English when missing), with `values` filled in."""
    phrase = WORDS.get(lang, WORDS["en"]).get(key) or WORDS["en"][key]
    return phrase.format(**values) if values else phrase
