"""The revisit messages' words in English and Chinese (merged into handlers/blocks/i18n.py)."""

from __future__ import annotations

REVISITS_EN: dict[str, str] = {
    "rv_reached": "Reached: score…",
    "rv_score_5": "Reached · 5 very satisfied", "rv_score_4": "Reached · 4 satisfied",
    "rv_score_3": "Reached · 3 so-so", "rv_score_2": "Reached · 2 dissatisfied",
    "rv_score_1": "Reached · 1 very dissatisfied",
    "rv_no_answer": "No answer", "rv_wrong_number": "Wrong number",
    "rv_call_back": "Call back later",
    "rv_script_head": "Script",
    "rv_script": "May I take two minutes of your time?\nHow satisfied are you, from 1 to 5? "
                 "What could we do better?\nWhen shall we speak next?",
    "rv_flag": "⚠️ Dissatisfied at the last revisit ({score}/5)",
    "rv_done_reached": "✅ Revisit of *{customer}* ({step}): reached",
    "rv_done_scored": "✅ Revisit of *{customer}* ({step}): reached, satisfaction {score}/5",
    "rv_because": "Reason: {reason}",
    "rv_retry": "📞 {outcome}: it comes back {when} (try {n} of {max}).",
    "rv_unreached": "📵 {outcome}: {max} tries made; the revisit ends unreached.",
    "rv_fix_number": "Please correct the number on the customer's card (`/customer {customer}`).",
    "rv_repeat": "Already recorded: nothing changed.",
    "rv_closed": "This revisit was settled already; your answer is kept on record, "
                 "nothing changed.",
    "rv_offer": "A score of {score} for a complaint reason: raise a complaint now? "
                "The form is filled in; raising it is your call.",
    "rv_raise": "Raise complaint",
    "rv_list_head": "Your revisits still to make ({n})",
    "rv_list_none": "You have no revisits to make. They come by themselves after a sale; "
                    "`/revisit help` says how.",
    "rv_line": "*{customer}* — {what} · {when}",
    "rv_out": "out now, try {n}",
    "rv_planned": "planned",
    "rv_log_service": "🛠️ Service visit: a \u201cproblem solved?\u201d call on {when}.",
    "rv_log_answered": "📞 Recorded as the revisit ({step}): {what}.",
    "rv_log_reached": "reached", "rv_log_scored": "reached, satisfaction {score}/5",
    "rv_started": "🛠️ Service visit to *{customer}* recorded: a \u201cproblem solved?\u201d "
                  "call on {when}.",
    "rv_covered": "*{customer}* already has a \u201cproblem solved?\u201d call from a recent "
                  "visit: no second one.",
    "rv_usage_title": "How to use /revisit",
    "rv_usage": "`/revisit` lists your revisits still to make.\n"
                "`/revisit Acme Corp service` records a service visit or repair today: the "
                "\u201cproblem solved?\u201d call follows in 3 days.\n"
                "Revisits after a purchase start by themselves when a customer moves to won; "
                "each comes as a task with *Reached*, *No answer*, *Wrong number* and "
                "*Call back later*.",
    "rv_form_title": "Why this score?",
    "rv_form_reason": "Reason", "rv_form_text": "In the customer's words",
    "rv_form_hint": "Needed for a score of 1 to 3: pick a reason, write one, or both.",
    "rv_form_save": "Save", "rv_form_cancel": "Cancel",
    "rv_reason_product": "product", "rv_reason_delivery": "delivery",
    "rv_reason_service": "service", "rv_reason_price": "price",
    "rv_reason_usage": "usage / training", "rv_reason_other": "other",
}

REVISITS_ZH: dict[str, str] = {
    "rv_reached": "已联系上:打分…",
    "rv_score_5": "已联系上 · 5 非常满意", "rv_score_4": "已联系上 · 4 满意",
    "rv_score_3": "已联系上 · 3 一般", "rv_score_2": "已联系上 · 2 不满意",
    "rv_score_1": "已联系上 · 1 非常不满意",
    "rv_no_answer": "无人接听", "rv_wrong_number": "号码有误", "rv_call_back": "稍后再打",
    "rv_script_head": "话术",
    "rv_script": "方便占用您两分钟吗？\n您对我们满意吗？1到5分打几分？哪里还可以改进？\n"
                 "下次什么时候方便再联系您？",
    "rv_flag": "⚠️ 上次回访不满意({score}/5)",
    "rv_done_reached": "✅ 已回访 *{customer}*({step}):已联系上",
    "rv_done_scored": "✅ 已回访 *{customer}*({step}):已联系上,满意度 {score}/5",
    "rv_because": "原因:{reason}",
    "rv_retry": "📞 {outcome}:{when} 再提醒你(第 {n}/{max} 次)。",
    "rv_unreached": "📵 {outcome}:已打 {max} 次,本次回访未联系上,结束。",
    "rv_fix_number": "请在客户卡片上更正号码(`/customer {customer}`)。",
    "rv_repeat": "已经记录过了,没有改动。",
    "rv_closed": "这次回访已经有结果了;你的回答已留存,没有改动。",
    "rv_offer": "满意度 {score} 分且原因属于投诉范围:现在提交投诉吗？表单已填好,是否提交由你决定。",
    "rv_raise": "提交投诉",
    "rv_list_head": "你待做的回访(共 {n} 个)",
    "rv_list_none": "你没有待做的回访。成交后回访会自动安排;`/revisit help` 查看用法。",
    "rv_line": "*{customer}* — {what} · {when}",
    "rv_out": "已发出,第 {n} 次",
    "rv_planned": "已计划",
    "rv_log_service": "🛠️ 上门服务:{when} 回访确认问题是否解决。",
    "rv_log_answered": "📞 已记为回访({step}):{what}。",
    "rv_log_reached": "已联系上", "rv_log_scored": "已联系上,满意度 {score}/5",
    "rv_started": "🛠️ 已记录对 *{customer}* 的上门服务:{when} 回访确认问题是否解决。",
    "rv_covered": "*{customer}* 最近的服务已经安排了回访,不再重复。",
    "rv_usage_title": "/revisit 用法",
    "rv_usage": "`/revisit` 列出你待做的回访。\n"
                "`/revisit 华为 service`(或 `服务`、`维修`)记录今天的上门服务或维修:3 天后回访确认"
                "问题是否解决。\n客户进入成交阶段时,售后回访自动开始;每次回访是一个任务,带"
                "*已联系上*、*无人接听*、*号码有误*、*稍后再打* 按钮。",
    "rv_form_title": "打分原因",
    "rv_form_reason": "原因", "rv_form_text": "客户的原话",
    "rv_form_hint": "1 到 3 分需要原因:选一个、写一句,或两者都填。",
    "rv_form_save": "保存", "rv_form_cancel": "取消",
    "rv_reason_product": "产品质量", "rv_reason_delivery": "交货/物流",
    "rv_reason_service": "服务", "rv_reason_price": "价格",
    "rv_reason_usage": "使用/培训", "rv_reason_other": "其他",
}
