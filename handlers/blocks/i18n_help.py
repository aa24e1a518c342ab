"""Help texts and task lists in English and Chinese (merged into the catalog in i18n.py)."""

from __future__ import annotations

from bot.domain.classification import STAGE
from bot.domain.customer_filter import valid_values

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
    "customer_usage_title": "How to use /customer",
    "customer_usage": (
        "*A customer's file*\n"
        "• `/customer Acme Corp` — who works it, open tasks, recent logs "
        "(phone and e-mail for its owner, their lead and admins)\n"
        "• `/customer Acme Corp history` — every change: who, when, from and to, and who "
        "owned it\n"
        "• `/customer Acme Corp assign @kim` — give it to Kim (the owner's lead or an admin)\n"
        "• `/customer Acme Corp stage negotiating` — stages: inquiry, first meeting, "
        "qualified, negotiating, won, after-sales, lost "
        "(or 询价, 初次会面, 需求确认, 谈判, 成交, 售后, 流失)\n"
        "• `/customer Acme Corp likelihood A` — A signs within a week, B two weeks, C a month\n"
        "• `/customer Acme Corp tier B` — A ≥ 500,000 a year, B ≥ 100,000, C below\n"
        "• `/customer Acme Corp tag +urgent +manufacturing -cold` — add and remove tags "
        "(case does not matter; Chinese tags welcome; a tag with spaces goes in *Edit*)\n"
        "• `/customer new` or `/customer new Acme Corp` — the form for a new customer\n"
        "• `/customers tag:urgent stage:negotiating` — find customers (`/customers help`)"),
    "customers_usage_title": "How to use /customers",
    "customers_usage": (
        "*Find customers* — `/customers` followed by any filters, all of which must match:\n"
        "• `tag:urgent tag:manufacturing` — every tag given (case does not matter; 标签:展会 too)\n"
        f"• `stage:negotiating` — {valid_values(STAGE)}\n"
        "• `likelihood:A` (A signs within a week, B two weeks, C a month) · `tier:B`\n"
        "• `owner:@sam` or `owner:me`\n"
        "Example: `/customers tag:urgent stage:negotiating owner:me likelihood:A`\n"
        "You see the customers you work; a team lead sees the team's, admins everyone's. "
        "Likelihood A comes first, then the most recently contacted."),
    "complaint_usage_title": "How to raise a complaint",
    "complaint_usage": (
        "*Raise a complaint* — `/complaint CUSTOMER: what happened`, e.g.\n"
        "`/complaint Acme Corp: delivery two weeks late, they threaten to cancel`\n"
        "or DM me `complaint: …` / `投诉:联想说交货太慢`, or use *Raise complaint* on any "
        "message.\n"
        "It goes at once to whoever is on duty (`/oncall`), with a thread in the team's "
        "complaints channel. Category (product, service, experience) and priority (high, "
        "medium, low) are suggested from the text; change them under the confirmation. "
        "Unacknowledged complaints escalate to the backup, then the team lead."),
    "oncall_usage_title": "How to use /oncall",
    "oncall_usage": (
        "*Who is on duty for complaints*\n"
        "• `/oncall` — who is on duty now and next, their backup, and the coming week\n"
        "• `/oncall cover @kim until Friday 18:00` — Kim is on duty from now until then, "
        "whatever the rotation says (`/oncall cover until …` covers it yourself)\n"
        "The rotation, its handoff (e.g. Monday 09:00 team time) and the backup are set in the "
        "team configuration (`duty:`)."),
    "complaints_usage_title": "How to use /complaints",
    "complaints_usage": (
        "*Complaint figures* — `/complaints` (team leads and admins): open complaints with "
        "their age and owner; for the last 30 days the count, resolution rate, median time to "
        "acknowledge and to resolve, SLA breaches, per owner and the most frequent "
        "categories."),
    "review_usage_title": "How to use /review",
    "review_usage": (
        "*Tonight's pipeline review, now* (team leads and admins)\n"
        "• `/review` — post your team's review in its channel now: the team's picture, then "
        "one reply per rep in its thread. It counts as today's review: the scheduled one is "
        "not posted again.\n"
        "• `/review again` — post a further copy today (after changes, say)\n"
        "• `/review preview` — show it to you alone, posting nothing\n"
        "• `/review East` — name the team (admins, or a lead of several teams)\n"
        "Reps reply in the thread to log follow-ups, as in a DM to the bot."),
    "team_usage_title": "How to use /team",
    "team_usage": (
        "*Your team* — `/team` shows its channel, lead, members, time zone, working days and "
        "nightly review time, as the team file (`CRM_CONFIG`) sets them."),
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
    "customer_usage_title": "/customer 用法",
    "customer_usage": (
        "*客户档案*\n"
        "• `/customer 华为` — 谁在跟进、待办任务、最近的跟进记录"
        "（电话和邮箱仅负责人、其组长和管理员可见）\n"
        "• `/customer 华为 历史` — 每一次改动：谁、何时、从什么改成什么，以及归属变化\n"
        "• `/customer 华为 分配给 @kim` — 把客户交给 Kim（负责人的主管或管理员）\n"
        "• `/customer 华为 stage 谈判` — 阶段：询价、初次会面、需求确认、谈判、成交、售后、流失\n"
        "• `/customer 华为 likelihood A` — 成交可能性：A 一周内签约，B 两周内，C 一个月内\n"
        "• `/customer 华为 tier B` — 客户等级：A 年额 ≥ 500,000，B ≥ 100,000，C 以下\n"
        "• `/customer 华为 tag +紧急 +制造业 -冷淡` — 添加和删除标签"
        "（不分大小写；含空格的标签请在 *编辑* 中填写）\n"
        "• `/customer new` 或 `/customer new 华为` — 新建客户的表单\n"
        "• `/customers 标签:紧急 stage:negotiating` — 查找客户（`/customers 帮助`）"),
    "customers_usage_title": "/customers 用法",
    "customers_usage": (
        "*查找客户* — `/customers` 后面加任意筛选条件，须全部满足：\n"
        "• `标签:展会 tag:urgent` — 包含所有给出的标签（不分大小写）\n"
        f"• `stage:negotiating` — {valid_values(STAGE)}\n"
        "• `likelihood:A`（A 一周内签约，B 两周内，C 一个月内）· `tier:B`\n"
        "• `owner:@sam` 或 `owner:me`\n"
        "示例：`/customers tag:urgent stage:negotiating owner:me likelihood:A`\n"
        "你能看到你跟进的客户；组长能看到全组的，管理员能看到所有人的。"
        "A 类在前，其次按最近联系排序。"),
    "complaint_usage_title": "如何登记投诉",
    "complaint_usage": (
        "*登记投诉* — `/complaint 客户: 发生了什么`，例如\n"
        "`/complaint 联想: 交货晚了两周，对方说要取消订单`\n"
        "也可以私信我 `投诉:联想说交货太慢`，或在任意消息上使用 *Raise complaint*。\n"
        "投诉会立即送给当班的人（`/oncall`），并在团队的投诉频道开一个讨论串。"
        "类别（产品、服务、体验）和优先级（高、中、低）会根据内容给出建议，"
        "可在确认消息下修改。无人确认的投诉会升级给后备，再到组长。"),
    "oncall_usage_title": "/oncall 用法",
    "oncall_usage": (
        "*投诉当班*\n"
        "• `/oncall` — 现在和下一班由谁当班、后备是谁，以及未来一周的安排\n"
        "• `/oncall cover @kim until Friday 18:00` — 从现在到那时由 Kim 当班，"
        "不管轮班表怎么排（`/oncall cover until …` 表示你自己顶班）\n"
        "轮班顺序、交接时间（如团队时间周一 09:00）和后备在团队配置（`duty:`）中设置。"),
    "complaints_usage_title": "/complaints 用法",
    "complaints_usage": (
        "*投诉数据* — `/complaints`（组长和管理员）：未结投诉及其时长和负责人；"
        "近 30 天的数量、解决率、确认和解决的中位时间、超时次数，按负责人统计，"
        "以及最常见的类别。"),
    "review_usage_title": "/review 用法",
    "review_usage": (
        "*立即发布今晚的商机复盘*（组长和管理员）\n"
        "• `/review` — 现在在团队频道发布复盘：先是团队概况，"
        "再在讨论串里为每位销售回复一条。它算作今天的复盘，定时的那次不会再发。\n"
        "• `/review again` 或 `/review 再次` — 今天再发一份（比如有了改动之后）\n"
        "• `/review preview` 或 `/review 预览` — 只给你看，不发布\n"
        "• `/review East` — 指定团队（管理员，或带多个团队的组长）\n"
        "销售在讨论串里回复即可记录跟进，和私信机器人一样。"),
    "team_usage_title": "/team 用法",
    "team_usage": (
        "*你的团队* — `/team` 显示团队的频道、组长、成员、时区、工作日和每晚复盘时间，"
        "以团队配置文件（`CRM_CONFIG`）为准。"),
}
