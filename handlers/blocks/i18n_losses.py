"""The loss messages' words in English and Chinese (merged into handlers/blocks/i18n.py)."""

from __future__ import annotations

LOSSES_EN: dict[str, str] = {
    "ls_reason_price": "price", "ls_reason_competitor": "went to a competitor",
    "ls_reason_no_budget": "no budget", "ls_reason_no_need": "no need",
    "ls_reason_service": "service", "ls_reason_other": "other",
    "ls_ask": "*{customer}* was moved to lost. Why was it lost? "
              "(price, a competitor, no budget, no need, service, or your own words)",
    "ls_ask_btn": "Give the reason",
    "ls_asked_owner": "*{customer}* was moved to lost. I have asked its owner {who} why.",
    "ls_win_back_btn": "Record why they left",
    "ls_form_title": "Why was it lost?",
    "ls_form_win_back_title": "Why did they leave?",
    "ls_form_reason": "Reason",
    "ls_form_text": "In your words (or the customer's)",
    "ls_form_hint": "Pick a reason; \"other\" needs a few words.",
    "ls_form_save": "Save", "ls_form_cancel": "Cancel",
    "ls_recorded_move": "📝 *{customer}* lost — reason recorded: {reason}",
    "ls_recorded_win_back": "📝 Win-back call with *{customer}*: why they left is recorded "
                            "({reason}); the task is done.",
    "ls_already": "A reason is recorded for *{customer}* already ({reason}, by {who}): "
                  "nothing changed.",
    "ls_not_found": "This loss no longer exists (an Undo took the move back?): nothing was "
                    "recorded.",
    "ls_proposal_not_found": "This proposal no longer exists: nothing changed.",
    "ls_forbidden": "Only the people who work *{customer}*, their team lead and admins can "
                    "do that.",
    "ls_invalid": "That reason is not one I can record for *{customer}*.",
    "ls_proposals_head": "Quiet customers: no won deal and no contact for a while. "
                         "Lost, or still active?",
    "ls_proposal": "*{customer}* — quiet since {since}",
    "ls_mark_lost": "Mark lost", "ls_still_active": "Still active",
    "ls_marked_lost": "*{customer}* is now lost. I have asked you why in a message.",
    "ls_marked_lost_owner": "*{customer}* is now lost. I have asked its owner {who} why.",
    "ls_kept_active": "*{customer}* stays active; I will ask again after another quiet spell.",
    "ls_proposal_was_lost": "*{customer}* was marked lost already (by {who}).",
    "ls_proposal_was_active": "*{customer}* was kept active already (by {who}).",
}

LOSSES_ZH: dict[str, str] = {
    "ls_reason_price": "价格", "ls_reason_competitor": "选了竞争对手",
    "ls_reason_no_budget": "没有预算", "ls_reason_no_need": "没有需求",
    "ls_reason_service": "服务", "ls_reason_other": "其他",
    "ls_ask": "*{customer}* 已标为流失。流失原因是什么?(价格、竞争对手、没有预算、没有需求、"
              "服务,或您自己的话)",
    "ls_ask_btn": "填写原因",
    "ls_asked_owner": "*{customer}* 已标为流失。我已请其负责人 {who} 填写流失原因。",
    "ls_win_back_btn": "记录流失原因",
    "ls_form_title": "流失原因",
    "ls_form_win_back_title": "客户为何离开?",
    "ls_form_reason": "原因",
    "ls_form_text": "具体说明(您或客户的原话)",
    "ls_form_hint": "请选择原因;选“其他”需写几句说明。",
    "ls_form_save": "保存", "ls_form_cancel": "取消",
    "ls_recorded_move": "📝 *{customer}* 流失原因已记录:{reason}",
    "ls_recorded_win_back": "📝 *{customer}* 挽回回访:离开原因已记录({reason}),任务已完成。",
    "ls_already": "*{customer}* 已有流失原因({reason},{who} 记录),未作更改。",
    "ls_not_found": "这次流失已不存在(可能已撤销):未记录任何内容。",
    "ls_proposal_not_found": "这条提议已不存在:未作更改。",
    "ls_forbidden": "只有跟进 *{customer}* 的人、其组长和管理员可以这样做。",
    "ls_invalid": "这个原因无法为 *{customer}* 记录。",
    "ls_proposals_head": "沉寂客户:已有一段时间没有成交、没有联系。是流失了,还是仍在跟进?",
    "ls_proposal": "*{customer}* —— 自 {since} 起无往来",
    "ls_mark_lost": "标为流失", "ls_still_active": "仍在跟进",
    "ls_marked_lost": "*{customer}* 已标为流失。我已发消息请您填写原因。",
    "ls_marked_lost_owner": "*{customer}* 已标为流失。我已请其负责人 {who} 填写原因。",
    "ls_kept_active": "*{customer}* 保持跟进;再沉寂一段时间后我会再问。",
    "ls_proposal_was_lost": "*{customer}* 已被标为流失({who})。",
    "ls_proposal_was_active": "*{customer}* 已被确认为仍在跟进({who})。",
}
