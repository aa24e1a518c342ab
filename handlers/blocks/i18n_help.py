"""Help texts and task lists in English and Chinese (merged into the catalog in i18n.py)."""

from __future__ import annotations

HELP_EN: dict[str, str] = {
    "log_usage_title": "How to use /log",
    "log_usage": (
        "*Log a call or visit* — say what happened and what comes next:\n"
        "• `/log Acme Corp: called Li, wants a quote for 20 seats. Send quote by Friday 3pm`\n"
        "• `/log Initech: no answer, try again next Tuesday at 9`\n"
        "• `/log 华为: 拜访了王总,需求明确,下周三下午两点再回访`\n"
        "Or just send me the same text as a direct message.\n"
        "Start with the customer's name and a colon; I keep your words as typed, and turn the "
        "next step and its time into a task with reminders (a day before and when it is due).\n"
        "`/tasks` lists your open tasks. `/log help` shows this again."),
    "tasks_usage_title": "How to use /tasks",
    "tasks_usage": (
        "*Your follow-up tasks*\n"
        "• `/tasks` — your open tasks, overdue first\n"
        "• `/tasks @someone` — a rep's tasks (their team lead and admins only)\n"
        "Each task has *Done*, *Snooze* (1 hour, tomorrow 9:00, next week) and *Reschedule*."),
    "tasks_who": "I didn't recognise that person. Mention them with @.",
    "tasks_yours": "Your open tasks", "tasks_theirs": "<@{user}>'s open tasks",
    "tasks_none": "{whose}: none. 🎉", "tasks_none_title": "No open tasks",
    "tasks_count": "{whose}: {n}", "tasks_overdue": ", {n} overdue",
    "tasks_more": "…and {n} more.",
}

HELP_ZH: dict[str, str] = {
    "log_usage_title": "/log 用法",
    "log_usage": (
        "*记录一次电话或拜访* — 写下发生了什么、下一步做什么：\n"
        "• `/log 华为: 拜访了王总,需求明确,下周三下午两点再回访`\n"
        "• `/log 腾讯: 电话没人接,明天上午10点再打`\n"
        "• `/log Acme Corp: called Li, wants a quote for 20 seats. Send quote by Friday 3pm`\n"
        "也可以把同样的文字直接私信给我。\n"
        "以客户名称和冒号开头；你的原话会原样保存，下一步和时间会变成任务，"
        "并在到期前一天和到期时提醒你。\n"
        "`/tasks` 列出你的待办任务。`/log 帮助` 再次显示本说明。"),
    "tasks_usage_title": "/tasks 用法",
    "tasks_usage": (
        "*你的跟进任务*\n"
        "• `/tasks` — 你的待办任务，逾期的在前\n"
        "• `/tasks @某人` — 某位销售的任务（仅其组长和管理员可见）\n"
        "每个任务都有 *完成*、*暂停*（1小时、明天9:00、下周）和 *改期*。"),
    "tasks_who": "没有认出这个人。请用 @ 提及对方。",
    "tasks_yours": "你的待办任务", "tasks_theirs": "<@{user}> 的待办任务",
    "tasks_none": "{whose}：无。🎉", "tasks_none_title": "没有待办任务",
    "tasks_count": "{whose}：{n} 个", "tasks_overdue": "，逾期 {n} 个",
    "tasks_more": "……另有 {n} 个。",
}
