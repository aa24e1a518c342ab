"""The words of a log held for another team's customer, and of the share it asks for."""

from __future__ import annotations

SHARING_EN = {
    "held": "*{customer}* is worked by {owner} in another team, so this log is not attached "
            "to it and nothing in it was applied.",
    "not_moved": "Not changed (you do not work this customer): {moves}.",
    "ask_share_btn": "Ask to share",
    "ask_hint": "Ask {owner} to share the customer with you, or use *Edit* to name another.",
    "asked": "Asked {owner} to share *{customer}*. Your log is kept; it is attached once they "
             "share.",
    "share_request": "{author} logged on *{customer}*, which you work, and asks you to share "
                     "it: sharing attaches their log and lets them work the customer.",
    "share_btn": "Share", "decline_btn": "Decline",
    "shared_heading": "Shared with you, logged",
    "declined": "{owner} did not share *{customer}*. Your log is kept, not attached; use "
                "*Edit* to name another customer.",
    "given": "You shared *{customer}* with {author}; their log is attached.",
    "refused": "You declined to share *{customer}* with {author}.",
}
SHARING_ZH = {
    "held": "*{customer}* 由其他团队的 {owner} 负责，所以这条记录没有关联到该客户，"
            "其中的内容也没有生效。",
    "not_moved": "未更改（你不负责这个客户）：{moves}。",
    "ask_share_btn": "申请共享",
    "ask_hint": "请 {owner} 与你共享这个客户，或点 *编辑* 改为其他客户。",
    "asked": "已请 {owner} 共享 *{customer}*。你的记录已保存，对方共享后即关联。",
    "share_request": "{author} 记录了你负责的 *{customer}*，请你共享：共享后其记录会关联到该客户，"
                     "对方也可以跟进这个客户。",
    "share_btn": "共享", "decline_btn": "拒绝",
    "shared_heading": "已共享并记录",
    "declined": "{owner} 没有共享 *{customer}*。你的记录已保存但未关联；点 *编辑* 改为其他客户。",
    "given": "你已与 {author} 共享 *{customer}*，其记录已关联。",
    "refused": "你拒绝了与 {author} 共享 *{customer}*。",
}
