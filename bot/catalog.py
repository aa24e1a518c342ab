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


class InContext(str):
    """A message marked with its context (`Np_`): the same English in another sense, which
    a language may say otherwise ("open" task 待办, "open" complaint 未处理). It is the English
    text itself, so a table of messages holds it like any other; `tr` reads its context."""

    context: str

    def __new__(cls, context: str, message: str) -> InContext:
        marked = super().__new__(cls, message)
        marked.context = context
        return marked


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for extraction"
    """Marks `message` for the catalog where it is defined; it is translated where shown."""
    return message


def Np_(context: str, message: str) -> str:  # noqa: N802 - as N_, with a msgctxt
    """Marks `message` in `context` (a msgctxt such as "complaint status") for the catalog;
    `tr` translates it in that context where it is shown."""
    return InContext(context, message)


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
    """`message` in `lang`, with `values` filled in (in its context if it was marked with
    `Np_`)."""
    context = getattr(message, "context", None)
    if context is not None:
        return trp(lang, context, str(message), **values)
    said = _translations(lang).gettext(message)
    return said.format(**values) if values else said


def trp(lang: str, context: str, message: str, **values: object) -> str:
    """`message` in `lang` as it is meant in `context` (gettext's msgctxt, `pgettext`)."""
    said = _translations(lang).pgettext(context, message)
    return said.format(**values) if values else said


def trn(lang: str, singular: str, plural: str, n: int, **values: object) -> str:
    """The plural form of a message for `n` in `lang` (`{n}` is filled in with `n`)."""
    said = _translations(lang).ngettext(singular, plural, n)
    return said.format(n=n, **values)


def trnp(lang: str, context: str, singular: str, plural: str, n: int,
         **values: object) -> str:
    """The plural form for `n` of a message in `context` (`npgettext`)."""
    said = _translations(lang).npgettext(context, singular, plural, n)
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
            return _translated_only(Translations(compiled, domain=DOMAIN))
    with po.open("rb") as source:
        catalog = read_po(source, locale=code)
    compiled_now = io.BytesIO()
    write_mo(compiled_now, catalog)
    compiled_now.seek(0)
    return _translated_only(Translations(compiled_now, domain=DOMAIN))


def _translated_only(translations: Translations) -> Translations:
    """Without the plural messages a catalog has not translated: Babel compiles an empty
    form as the English one, so Traditional Chinese said "5 customer" where it should fall
    back to Simplified, as an untranslated message without plural forms does."""
    found = translations._catalog  # gettext's own table: msgid, or (msgid, form) -> text
    for key in [k for k, said in found.items()
                if isinstance(k, tuple) and (not said or said == k[0])]:
        del found[key]
    return translations
