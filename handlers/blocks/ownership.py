"""Whose a customer is, in one line (en/zh): "owner <@kim> · protected until …", or "in East's
pool since … (was <@sam>'s): `/pool` to claim it". On the card, in the duplicate warning of
`/customer new` and under a log that names someone else's customer."""

from __future__ import annotations

from bot.services.views import Ownership
from handlers.blocks.i18n import t
from handlers.blocks.text import mention, shown, when


def ownership_text(o: Ownership, lang: str) -> str:
    """The owner and their protection, or the pool and since when."""
    if o.owner is None:
        since = when(o.in_pool_since, "day", o.tz, lang) if o.in_pool_since else "—"
        return t(lang, "card_pooled", team=shown(o.pool_team or "—", 100), since=since,
                 was=mention(o.was) if o.was else "—")
    text = t(lang, "own_owner", owner=mention(o.owner))
    if o.protected_until is not None:
        text += t(lang, "card_protected", until=when(o.protected_until, "day", o.tz, lang))
    return text


def someone_elses(o: Ownership, lang: str) -> str:
    """Under a log: the customer it names, and whose it is."""
    return t(lang, "own_log", customer=shown(o.customer, 200), standing=ownership_text(o, lang))
