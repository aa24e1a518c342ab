"""The words of a log held for another team's customer, and of the share it asks for."""

from __future__ import annotations

from bot.catalog import N_

SHARING: dict[str, str] = {
    "held": N_("*{customer}* is worked by {owner} in another team, so this log is not attached "
               "to it and nothing in it was applied."),
    "not_moved": N_("Not changed (you do not work this customer): {moves}."),
    "ask_share_btn": N_("Ask to share"),
    "ask_hint": N_("Ask {owner} to share the customer with you, or use *Edit* to name another."),
    "asked": N_("Asked {owner} to share *{customer}*. Your log is kept; it is attached once they "
                "share."),
    "share_request": N_("{author} logged on *{customer}*, which you work, and asks you to share "
                        "it: sharing attaches their log and lets them work the customer."),
    "share_btn": N_("Share"),
    "decline_btn": N_("Decline"),
    "shared_heading": N_("Shared with you, logged"),
    "declined": N_("{owner} did not share *{customer}*. Your log is kept, not attached; use "
                   "*Edit* to name another customer."),
    "given": N_("You shared *{customer}* with {author}; their log is attached."),
    "refused": N_("You declined to share *{customer}* with {author}."),
}
