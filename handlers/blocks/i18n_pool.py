"""The shared pool's words in English and Chinese (merged into the catalog in i18n.py)."""

from __future__ import annotations

POOL_EN: dict[str, str] = {
    "pool_usage_title": "How to use /pool",
    "pool_usage": (
        "*The team's pool* — prospects nobody owns, oldest first, to claim:\n"
        "• `/pool` — your team's pooled prospects\n"
        "• `/pool tag:urgent stage:negotiating tier:B likelihood:A` — filtered as in "
        "`/customers`\n"
        "Phone and e-mail stay hidden until you claim one. *Claim* makes it yours, protected "
        "until its term ends; the team's limits apply (customers held, claims a day, and a "
        "wait before the previous owner may take it back)."),
    "handover_usage_title": "How to use /handover",
    "handover_usage": (
        "*Hand a rep's customers over* (their team lead or an admin):\n"
        "• `/handover @sam to @kim` — all of Sam's customers go to Kim\n"
        "• `/handover @sam` — shared round-robin across Sam's team\n"
        "Open tasks move with each customer, and each new owner gets a message with the "
        "customers' briefs. One customer: `/customer Acme Corp assign @kim`."),
    "pool_head": "*{team}'s pool* · oldest first · {n} shown",
    "pool_more": "…and more. Add a filter (tag:, stage:, tier:, likelihood:) to narrow it.",
    "pool_empty": "Nothing in {team}'s pool matches. `/pool help` shows the filters.",
    "pool_no_team": "You are on no team, so you have no pool. Ask an admin to add you.",
    "pool_invalid": "I could not read that filter:",
    "pool_row": "*{name}* · {stage} · tier {tier} · likelihood {likelihood}{industry} · "
                "in the pool since {since} ({reason})",
    "claim_btn": "Claim",
    "reason_protection_ended": "protection ended", "reason_no_contact": "not followed up",
    "reason_lead": "reassigned by a lead", "reason_handover": "handover",
    "reason_more_time": "more time given", "reason_pool": "claimed from the pool",
    "reason_shared": "shared", "reason_after_sale": "after the sale",
    "reason_win_undone": "the win was undone",
    "claimed": "*{customer}* is yours, protected until {at}.",
    "taken": "{who} claimed *{customer}* first.",
    "taken_nobody": "*{customer}* is no longer in the pool.",
    "cooling_down": "*{customer}* came back from you: you may claim it again from {at}.",
    "holds_max": "You hold {limit} prospects already, the team's limit: win or release one "
                 "before claiming *{customer}*.",
    "daily_limit": "You have made {limit} claims today, the team's daily limit: try again "
                   "from {at}.",
    "forbidden": "You may not do that: it is for the owner's team lead and admins.",
    "not_found": "That customer no longer exists.",
    "no_such_customer": "No customer is called *{customer}*.",
    "not_yours": "*{customer}* is not yours (any more), so there is nothing to ask.",
    "not_pooled": "*{customer}* went back to the pool already; it can be claimed there.",
    "unknown_person": "{who} is on no team here, so I cannot give them customers.",
    "warning": "⏳ *{customer}* returns to the team's pool on {at} ({reason}) unless you win "
               "it first{extra}.",
    "warning_no_contact": " or log a follow-up",
    "log_btn": "Log a follow-up", "more_time_btn": "Ask the lead for more time",
    "how_to_log": "Send me your follow-up as a message starting with `{customer}:` (or use "
                  "`/log {customer}: …`); it is recorded on the customer as usual.",
    "asked_more_time": "Asked {who} for more time on *{customer}*.",
    "no_lead": "Your team has no other lead to ask; *{customer}* returns as planned.",
    "more_time_request": "{owner} asks for more time on *{customer}*, which returns to the "
                         "pool on {at}.",
    "give_time_btn": "Give a new term",
    "more_time_given": "{who} has a new term on *{customer}*, until {at}.",
    "returned": "↩️ *{customer}* went back to {team}'s pool ({reason}); anyone on the team "
                "may claim it now.",
    "assigned": "*{customer}* is now {who}'s{previous}, protected until {at}.",
    "assigned_from": " (from {people})",
    "handed_over": "Handed over {count} of {who}'s customers to {people}.",
    "handed_over_none": "{who} owns no customers: nothing to hand over.",
    "handed_over_left": " {limit} stay with {who}: everyone else holds the team's limit.",
    "assigned_dm_lead": "{by} gave you {n} customer(s){previous}:",
    "assigned_dm_more_time": "{by} gave you a new term on:",
    "assigned_dm_handover": "{by} handed you {n} customer(s){previous}:",
    "assigned_dm_after_sale": "Won by {by} and passed to you to look after:",
    "assigned_dm_win_undone": "The win was undone (by {by}): yours again{previous}:",
    "taken_back_dm": "{by} undid the win of *{customer}*: it goes back to {owner}, "
                     "nothing for you to do.",
    "assigned_dm_from": " from {who}",
    "assigned_dm_more": "…and {n} more (`/customers owner:me`).",
    "brief": "*{name}* · {stage} · tier {tier} · likelihood {likelihood}",
    "history_ownership": "*Ownership*",
    "event_claim": "{at} · {to} claimed it from the pool",
    "event_return": "{at} · it went back to the pool from {frm} ({reason}{unworked})",
    "event_unworked": ", never followed up",
    "event_reassign": "{at} · {actor} gave it to {to}{frm_part} ({reason})",
    "event_from_part": " from {frm}",
    "event_share": "{at} · {actor} shared it with {to}",
    "event_logged": "{at} · {to} logged on it and works it from then on",
    "event_unshare": "{at} · {actor} took {frm} off it",
    "event_warn": "{at} · {to} was warned it would return to the pool",
    "the_bot": "the bot",
    "card_pooled": "in {team}'s pool since {since} (was {was}'s): `/pool` to claim it",
    "card_protected": " · protected until {until}",
    "own_owner": "owner {owner}",
    "digest_returning": "*Returning to the pool soon ({count})* — their owners were warned "
                        "(`/customer <name> assign @someone` gives one a new term):",
    "digest_returning_line": "• *{customer}* · {owner} · returns {until}",
    "digest_returning_more": "…and {count} more.",
    "own_log": "*{customer}*: {standing}",
    "dup_title": "⚠️ *This looks like a customer you already have.*",
    "dup_name": "the same name", "dup_phone": "the same phone number",
    "dup_email": "the same e-mail address",
    "dup_line": "*{name}* has {what} · {standing}",
    "dup_open": "Open file",
    "dup_taken": "A customer with this name exists: open it, or change the name below to "
                 "create a different customer.",
    "dup_anyway": "Open the existing file, or press *Create anyway* if this is a different "
                  "customer.",
    "row_pooled": "in the pool", "row_protected": "protected until {until}",
    "new_title": "New customer", "new_close": "Close",
    "new_checking": "⏳ Checking for similar customers…",
    "new_refused": "A customer with this name exists: choose another name.",
    "new_failed": "Sorry, something went wrong on my side and the customer was not created. "
                  "Please try again.",
}

POOL_ZH: dict[str, str] = {
    "pool_usage_title": "/pool 用法",
    "pool_usage": (
        "*团队公海* — 无人负责的潜在客户，最早进入的在前，可以领取：\n"
        "• `/pool` — 你所在团队公海里的客户\n"
        "• `/pool tag:紧急 stage:negotiating tier:B likelihood:A` — 筛选条件同 `/customers`\n"
        "领取前电话和邮箱不显示。点 *领取* 即归你所有，保护期内他人不能领取；团队限制适用"
        "（持有客户数、每日领取数，以及原负责人再次领取前的冷却期）。"),
    "handover_usage_title": "/handover 用法",
    "handover_usage": (
        "*移交某位销售的客户*（其团队主管或管理员）：\n"
        "• `/handover @sam to @kim` — Sam 的全部客户交给 Kim\n"
        "• `/handover @sam` — 在 Sam 的团队内轮流分配\n"
        "未完成的任务随客户一起移交，新负责人会收到客户简介。单个客户："
        "`/customer Acme Corp assign @kim`。"),
    "pool_head": "*{team} 的公海* · 最早进入的在前 · 显示 {n} 个",
    "pool_more": "…还有更多。加筛选条件（tag:、stage:、tier:、likelihood:）缩小范围。",
    "pool_empty": "{team} 的公海里没有符合条件的客户。`/pool 帮助` 查看筛选条件。",
    "pool_no_team": "你不属于任何团队，所以没有公海。请联系管理员把你加入团队。",
    "pool_invalid": "无法理解这个筛选条件：",
    "pool_row": "*{name}* · {stage} · {tier} 类 · 可能性 {likelihood}{industry} · "
                "{since} 进入公海（{reason}）",
    "claim_btn": "领取",
    "reason_protection_ended": "保护期结束", "reason_no_contact": "未跟进",
    "reason_lead": "主管重新分配", "reason_handover": "离职移交",
    "reason_more_time": "延长保护期", "reason_pool": "从公海领取",
    "reason_shared": "共享", "reason_after_sale": "成交后转交",
    "reason_win_undone": "成交已撤销",
    "claimed": "*{customer}* 已归你，保护期至 {at}。",
    "taken": "{who} 已先领取了 *{customer}*。",
    "taken_nobody": "*{customer}* 已不在公海中。",
    "cooling_down": "*{customer}* 是从你这里退回公海的：{at} 起才能再次领取。",
    "holds_max": "你已持有 {limit} 个潜在客户，达到团队上限：请先成交或释放一个再领取 "
                 "*{customer}*。",
    "daily_limit": "你今天已领取 {limit} 次，达到团队每日上限：{at} 起可再领取。",
    "forbidden": "你无权这样做：仅限负责人的团队主管和管理员。",
    "not_found": "该客户已不存在。",
    "no_such_customer": "没有名为 *{customer}* 的客户。",
    "not_yours": "*{customer}* 已不归你负责，无需申请。",
    "not_pooled": "*{customer}* 已退回公海，可以在公海中领取。",
    "unknown_person": "{who} 不属于这里的任何团队，无法分配客户给他。",
    "warning": "⏳ *{customer}* 将于 {at} 退回团队公海（{reason}），除非在此之前成交{extra}。",
    "warning_no_contact": "或记录一次跟进",
    "log_btn": "记录跟进", "more_time_btn": "向主管申请延期",
    "how_to_log": "给我发一条以 `{customer}:` 开头的消息（或用 `/log {customer}: …`），"
                  "即按常规记录到该客户下。",
    "asked_more_time": "已向 {who} 申请延长 *{customer}* 的保护期。",
    "no_lead": "你的团队没有可申请的主管；*{customer}* 将按时退回公海。",
    "more_time_request": "{owner} 申请延长 *{customer}* 的保护期，该客户将于 {at} 退回公海。",
    "give_time_btn": "重新开始保护期",
    "more_time_given": "{who} 对 *{customer}* 的保护期已重新开始，至 {at}。",
    "returned": "↩️ *{customer}* 已退回 {team} 的公海（{reason}）；团队里任何人现在都可以领取。",
    "assigned": "*{customer}* 现归 {who} 负责{previous}，保护期至 {at}。",
    "assigned_from": "（原负责人 {people}）",
    "handed_over": "已将 {who} 的 {count} 个客户移交给 {people}。",
    "handed_over_none": "{who} 名下没有客户，无需移交。",
    "handed_over_left": " 另有 {limit} 个仍归 {who}：其他人都已达到团队上限。",
    "assigned_dm_lead": "{by} 把 {n} 个客户交给了你{previous}：",
    "assigned_dm_more_time": "{by} 重新开始了你对以下客户的保护期：",
    "assigned_dm_handover": "{by} 把 {n} 个客户移交给了你{previous}：",
    "assigned_dm_after_sale": "{by} 已成交，转交给你负责售后：",
    "assigned_dm_win_undone": "成交已撤销({by}):以下客户重新由你负责{previous}：",
    "taken_back_dm": "{by} 撤销了 *{customer}* 的成交：客户已交回 {owner}，你无需跟进。",
    "assigned_dm_from": "（原负责人 {who}）",
    "assigned_dm_more": "…还有 {n} 个（`/customers owner:me`）。",
    "brief": "*{name}* · {stage} · {tier} 类 · 可能性 {likelihood}",
    "history_ownership": "*归属记录*",
    "event_claim": "{at} · {to} 从公海领取",
    "event_return": "{at} · 从 {frm} 处退回公海（{reason}{unworked}）",
    "event_unworked": "，期间从未跟进",
    "event_reassign": "{at} · {actor} 分配给 {to}{frm_part}（{reason}）",
    "event_from_part": "（原负责人 {frm}）",
    "event_share": "{at} · {actor} 与 {to} 共享",
    "event_logged": "{at} · {to} 记录了跟进，此后共同负责该客户",
    "event_unshare": "{at} · {actor} 取消了 {frm} 的共享",
    "event_warn": "{at} · 已提醒 {to} 该客户即将退回公海",
    "the_bot": "机器人",
    "card_pooled": "{since} 起在 {team} 的公海中（原负责人 {was}）：用 `/pool` 领取",
    "card_protected": " · 保护期至 {until}",
    "own_owner": "负责人 {owner}",
    "digest_returning": "*即将退回公海（{count}）* — 已提醒负责人"
                        "（`/customer <名称> assign @某人` 可给予新的保护期）：",
    "digest_returning_line": "• *{customer}* · {owner} · {until} 退回",
    "digest_returning_more": "……另有 {count} 个。",
    "own_log": "*{customer}*：{standing}",
    "dup_title": "⚠️ *这看起来是一个已有的客户。*",
    "dup_name": "相同的名称", "dup_phone": "相同的电话号码", "dup_email": "相同的邮箱",
    "dup_line": "*{name}* 有{what} · {standing}",
    "dup_open": "打开档案",
    "dup_taken": "已有同名客户：请打开它，或在下方改用其他名称来新建客户。",
    "dup_anyway": "请打开已有档案；如果这是另一个客户，请按 *Create anyway*。",
    "row_pooled": "在公海中", "row_protected": "保护期至 {until}",
    "new_title": "新客户", "new_close": "关闭",
    "new_checking": "⏳ 正在查找相似的客户…",
    "new_refused": "已有同名客户：请换一个名称。",
    "new_failed": "抱歉，我这边出了问题，客户没有创建。请再试一次。",
}
