"""The catalogs are complete: every message the code has (extracted from the code with
Babel, with the keywords scripts/catalog.sh gives pybabel) is in each catalog and translated
into Chinese, with the same placeholders, and nothing in a catalog is left over from a message
that is gone. The checks are run on a small made-up tree too, to show they fail when a message
is missing or untranslated."""

from __future__ import annotations

import re
import shlex
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


def in_code(*folders: Path) -> dict[Key, tuple[str, ...]]:
    """Every message the code in `folders` has, by (context, msgid): its msgid (and plural)."""
    found: dict[Key, tuple[str, ...]] = {}
    for folder in folders:
        for _file, _line, message, _comments, context in extract_from_dir(
                folder, [("**.py", "python")], keywords=KEYWORDS):
            ids = message if isinstance(message, tuple) else (message,)
            found[(context, ids[0])] = ids
    return found


def _catalog(code: str) -> Catalog:
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=code)


def _placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def _key(message: Message) -> Key:
    return message.context, message.id[0] if isinstance(message.id, tuple) else message.id


def missing_and_stale(code_has: dict[Key, tuple[str, ...]], catalog: Catalog
                      ) -> tuple[list[Key], list[Key]]:
    """The code's messages the catalog lacks, and the catalog's the code no longer has."""
    missing = [k for k in code_has if catalog.get(k[1], context=k[0]) is None]
    stale = [_key(m) for m in catalog if m.id and _key(m) not in code_has]
    return missing, stale


def untranslated(catalog: Catalog) -> list[str]:
    """What in the catalog is untranslated, fuzzy, or translated with other placeholders."""
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
    return problems


IN_CODE = in_code(ROOT / "bot", ROOT / "handlers")


def test_the_code_has_messages() -> None:
    assert len(IN_CODE) > 300 and (None, "Birthday") in IN_CODE
    # the same English in two senses is two messages
    assert {("task status", "open"), ("complaint status", "open")} <= set(IN_CODE)


@pytest.mark.parametrize("code", ["zh", "zh_TW"])
def test_every_message_of_the_code_is_in_the_catalog(code: str) -> None:
    missing, stale = missing_and_stale(IN_CODE, _catalog(code))
    assert not missing, f"{len(missing)} messages not in {code} ({FIX}): {missing[:5]}"
    assert not stale, f"{len(stale)} messages in {code} no longer in the code: {stale[:5]}"


def test_every_message_is_translated_into_chinese_with_its_placeholders() -> None:
    problems = untranslated(_catalog("zh"))
    assert not problems, f"{len(problems)} problems ({FIX}):\n" + "\n".join(problems[:10])


def test_the_checks_fail_on_a_message_missing_or_untranslated(tmp_path: Path) -> None:
    (tmp_path / "code.py").write_text(
        'from bot.catalog import N_, Np_, tr, trn, trp\n'
        'A = N_("Birthday")\n'
        'B = tr(lang, "A message nobody has translated {n}", n=1)\n'
        'C = trp(lang, "task status", "open")\n'
        'D = Np_("a sense nobody has", "open")\n'
        'E = trn(lang, "{n} thing nobody counted", "{n} things nobody counted", 2)\n'
        'F = tr(lang, f"not extracted {x}")\n', "utf-8")
    code_has = in_code(tmp_path)
    assert set(code_has) == {(None, "Birthday"), (None, "A message nobody has translated {n}"),
                             ("task status", "open"), ("a sense nobody has", "open"),
                             (None, "{n} thing nobody counted")}
    missing, stale = missing_and_stale(code_has, _catalog("zh"))
    assert set(missing) == {(None, "A message nobody has translated {n}"),
                            ("a sense nobody has", "open"), (None, "{n} thing nobody counted")}
    assert (None, "Choose one of the options.") in stale
    catalog = Catalog(locale="zh")
    catalog.add("Birthday", "生日")
    catalog.add("Saved", "")
    catalog.add("Due {when}", "到期")
    catalog.add("Sent", "已发送", flags=("fuzzy",))
    assert untranslated(catalog) == ["untranslated or fuzzy: 'Saved'",
                                     "placeholders differ: 'Due {when}' -> '到期'",
                                     "untranslated or fuzzy: 'Sent'"]


def test_the_script_extracts_with_the_keywords_the_check_uses() -> None:
    script = (ROOT / "scripts" / "catalog.sh").read_text("utf-8")
    words = shlex.split(script.split("pybabel extract", 1)[1].split("--no-location")[0]
                        .replace("\\\n", " "))
    given = {words[i + 1] for i, w in enumerate(words) if w == "-k"}
    spec = {name: (name if not places else name + ":" + ",".join(
        f"{p[0]}c" if isinstance(p, tuple) else str(p) for p in places))
        for name, places in KEYWORDS.items()}
    assert given == set(spec.values()) and "--no-default-keywords" in script


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
