"""The catalogs are complete: every message in the code is translated, with the same
placeholders, and nothing in a catalog is left over from a message that is gone."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.catalog import LOCALE_DIR, Np_, tr, trn, trp

ROOT = Path(__file__).resolve().parents[2]
# bot/catalog.py's functions, as scripts/catalog.sh names them to pybabel ("c": the context).
KEYWORDS: dict[str, Any] = {"N_": None, "Np_": ((1, "c"), 2), "tr": (2,),
                            "trp": ((2, "c"), 3), "trn": (2, 3), "trnp": ((2, "c"), 3, 4)}
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
FIX = "run scripts/catalog.sh and translate in bot/locale"


Key = tuple[str | None, str]  # (msgctxt, msgid)


def _in_code() -> dict[Key, tuple[str, ...]]:
    found: dict[Key, tuple[str, ...]] = {}
    for package in ("bot", "handlers"):
        for _file, _line, message, _comments, context in extract_from_dir(
                ROOT / package, [("**.py", "python")], keywords=KEYWORDS):
            ids = message if isinstance(message, tuple) else (message,)
            found[(context, ids[0])] = ids
    return found


def _catalog(code: str) -> Catalog:
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=code)


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


IN_CODE = _in_code()


def _key(message: Message) -> Key:
    return message.context, message.id[0] if isinstance(message.id, tuple) else message.id


def test_the_code_has_messages() -> None:
    assert len(IN_CODE) > 300 and (None, "Birthday") in IN_CODE
    # the same English in two senses is two messages
    assert {("task status", "open"), ("complaint status", "open")} <= set(IN_CODE)


@pytest.mark.parametrize("code", ["zh", "zh_TW"])
def test_every_message_of_the_code_is_in_the_catalog(code: str) -> None:
    catalog = _catalog(code)
    missing = [m for m in IN_CODE if catalog.get(m[1], context=m[0]) is None]
    assert not missing, f"{len(missing)} messages not in {code} ({FIX}): {missing[:5]}"
    stale = [_key(m) for m in catalog if m.id and _key(m) not in IN_CODE]
    assert not stale, f"{len(stale)} messages in {code} no longer in the code: {stale[:5]}"


def test_every_message_is_translated_into_chinese_with_its_placeholders() -> None:
    catalog = _catalog("zh")
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated or fuzzy: {ids[0]!r}")
            continue
        wanted = set().union(*(_placeholders(i) for i in ids))
        for said in strings:
            if _placeholders(said) != wanted:
                problems.append(f"placeholders differ: {ids[0]!r} -> {said!r}")
    assert not problems, f"{len(problems)} problems ({FIX}):\n" + "\n".join(problems[:10])


def test_traditional_chinese_falls_back_to_simplified_and_others_to_english() -> None:
    assert tr("zh", "Birthday") == "生日"
    assert tr("zh_TW", "Birthday") == "生日"
    assert tr("en", "Birthday") == "Birthday"
    assert tr("fr", "Birthday") == "Birthday"


def test_a_count_takes_the_plural_form_of_its_language() -> None:
    one, many = "{by} gave you {n} customer{previous}:", "{by} gave you {n} customers{previous}:"
    assert trn("en", one, many, 1, by="Kim", previous="") == "Kim gave you 1 customer:"
    assert trn("en", one, many, 2, by="Kim", previous="") == "Kim gave you 2 customers:"
    assert trn("zh", one, many, 2, by="Kim", previous="") == "Kim 把 2 个客户交给了你："
    # a plural message Traditional Chinese has not translated falls back, as any other does
    assert trn("zh_TW", one, many, 2, by="Kim", previous="") == "Kim 把 2 个客户交给了你："


def test_a_word_in_two_senses_is_two_messages() -> None:
    assert trp("zh", "task status", "open") == "待办"
    assert trp("zh", "complaint status", "open") == "未处理"
    assert trp("zh_TW", "complaint status", "open") == "未处理"
    assert trp("en", "task status", "open") == "open"
    assert tr("zh", Np_("task status", "open")) == "待办"  # a table's entry keeps its context
    assert Np_("task status", "open") == "open"
