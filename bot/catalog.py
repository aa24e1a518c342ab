"""The bot's words through gettext catalogs (bot/locale/*/LC_MESSAGES/messages.po).

English is the source language: a message's English text is its msgid, so an English reader
needs no catalog. `scripts/bootstrap.sh` compiles the .po files with `pybabel compile`; a
catalog edited since its last compile is read from its .po, so a stale .mo never shows old
words. Traditional Chinese falls back to Simplified message by message until translated.
"""

from __future__ import annotations

import gettext
import io
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"
# Each language's catalogs, most specific first.
_CHAIN = {"en": (), "zh": ("zh",), "zh_TW": ("zh_TW", "zh")}
# Babel's locale data for numbers, dates and plural rules; the bot's English writes dates
# the British way ("Fri 27 Nov 2026"), as it always has.
_BABEL_LOCALE = {"en": "en_GB", "zh": "zh_Hans_CN", "zh_TW": "zh_Hant_TW"}


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for extraction"
    """Marks `message` for the catalog where it is defined; it is translated where shown."""
    return message


def babel_locale(lang: str) -> Locale:
    """Babel's locale for a language the bot speaks (English for anything else)."""
    return Locale.parse(_BABEL_LOCALE.get(lang, "en"))


def day_words(day: date, lang: str, *, year: bool = True, weekday: bool = True) -> str:
    """A calendar day through Babel's locale data: "Fri, 27 Nov 2026", "2026年11月27日周五",
    "2026年11月27日 週五"; without the year or the weekday ("27 Nov", "11月27日") if asked."""
    skeleton = ("y" if year else "") + "MMM" + ("E" if weekday else "") + "d"
    return format_skeleton(skeleton, datetime.combine(day, datetime.min.time()),
                           locale=babel_locale(lang))


def tr(lang: str, message: str, **values: object) -> str:
    """`message` in `lang`, with `values` filled in."""
    said = _translations(lang).gettext(message)
    return said.format(**values) if values else said


def trn(lang: str, singular: str, plural: str, n: int, **values: object) -> str:
    """The plural form of a message for `n` in `lang` (`{n}` is filled in with `n`)."""
    said = _translations(lang).ngettext(singular, plural, n)
    return said.format(n=n, **values)


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    chain = [_load(code) for code in _CHAIN.get(lang, ())]
    found = [t for t in chain if t is not None]
    if not found:
        return gettext.NullTranslations()
    for more_specific, fallback in zip(found, found[1:], strict=False):
        more_specific.add_fallback(fallback)
    return found[0]


def _load(code: str) -> Translations | None:
    folder = LOCALE_DIR / code / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if not po.exists():
        return None
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return Translations(compiled, domain=DOMAIN)
    with po.open("rb") as source:
        catalog = read_po(source, locale=code)
    compiled_now = io.BytesIO()
    write_mo(compiled_now, catalog)
    compiled_now.seek(0)
    return Translations(compiled_now, domain=DOMAIN)
