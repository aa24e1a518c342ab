"""Whose a customer is, in one line (en/zh): "owner <@kim> · protected until …", or "in East's
pool since … (was <@sam>'s): `/pool` to claim it". On the card, in the duplicate warning of
`/customer new` and under a log that names someone else's customer."""

from __future__ import annotations

from collections.abc import Sequence

from bot.services.views import Ownership
from handlers.blocks.i18n import t
from handlers.blocks.text import mention, shown, when

RETURNING_SHOWN = 20  # lines in one section of the lead's digest; the rest are counted


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


def returning_text(returning: Sequence[Ownership], lang: str) -> str:
    """The lead's digest: the team's prospects whose owners were warned, and when each
    returns to the pool unless it is worked, won or given more time."""
    lines = [t(lang, "digest_returning", count=str(len(returning)))]
    lines += [t(lang, "digest_returning_line", customer=shown(o.customer, 100),
                owner=mention(o.owner) if o.owner else "—",
                until=when(o.protected_until, "time", o.tz, lang) if o.protected_until else "—")
              for o in returning[:RETURNING_SHOWN]]
    if len(returning) > RETURNING_SHOWN:
        lines.append(t(lang, "digest_returning_more", count=str(len(returning) - RETURNING_SHOWN)))
    return "\n".join(lines)
