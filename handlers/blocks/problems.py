"""A problem (bot/domain/problems.py) said in the reader's language: under a form's field, in
a list of what a filter could not read, below a message, or on the command line. A sentence
an older payload carried instead of a code is shown as it came."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from babel.lists import format_list

from bot.catalog import babel_locale, tr, trn
from bot.domain.classification import LIKELIHOOD, STAGE, TIER, VALUES
from bot.domain.customer_form import LABELS, SOURCE_LABELS
from bot.domain.problems import Problem, Value
from handlers.blocks.classes import axis_word, class_word
from handlers.blocks.i18n_problems import FIELD_WORDS, PROBLEMS
from handlers.blocks.text import plain_block, shown

Say = Callable[[str, Mapping[str, Value]], str]


def problem_text(lang: str, said: Problem | str, limit: int = 300, *,
                 mrkdwn: bool = True) -> str:
    """The problem in `lang`, escaped for mrkdwn or as plain text (a form's field error, a
    terminal); a code no table knows, or an older sentence, as it is."""
    text = said if isinstance(said, str) else _said(lang, said)
    return shown(text, limit) if mrkdwn else plain_block(text, limit)


def _said(lang: str, said: Problem) -> str:
    values = said.quoted
    if said.code in _COMPOSED:
        text = _COMPOSED[said.code](lang, values)
    elif said.code in PROBLEMS:
        text = tr(lang, PROBLEMS[said.code], **_words(lang, said.code, values))
    else:
        text = said.code
    return text


def problems_text(lang: str, found: Iterable[Problem | str], limit: int = 300, *,
                  mrkdwn: bool = True) -> list[str]:
    """Each problem in `lang`, once."""
    return list(dict.fromkeys(problem_text(lang, p, limit, mrkdwn=mrkdwn) for p in found))


def field_errors(lang: str, errors: Mapping[str, Problem | str]) -> dict[str, str]:
    """A form's `response_action: errors`: each field's problem as plain text in `lang`."""
    return {field: problem_text(lang, said, 150, mrkdwn=False)
            for field, said in errors.items()}


def field_word(lang: str, field: str) -> str:
    """A field or column a problem names, in the reader's words; a team's own date as it is
    named ("named:Spring visit" -> "Spring visit")."""
    label = LABELS.get(field) or FIELD_WORDS.get(field)
    return tr(lang, label) if label else field.removeprefix("named:")


def one_of(lang: str, words: Iterable[str]) -> str:
    """"a, b or c" / "a、b或c" by Babel's locale data."""
    return format_list(list(words), style="or", locale=babel_locale(lang))


def _words(lang: str, code: str, values: Mapping[str, Value]) -> dict[str, Value]:
    """The values a message quotes, with the ones that are codes put into words."""
    words = dict(values)
    if "field" in words:
        words["field"] = field_word(lang, str(words["field"]))
    if code == "choose_source":
        words["choices"] = _sources(lang)
    if code == "given_twice":
        key = str(words.pop("key", ""))
        words["what"] = field_word(lang, key) if key == "owner" else axis_word(key, lang)
    return words


def _not_a_value(lang: str, values: Mapping[str, Value]) -> str:
    key, typed = str(values.get("key")), values.get("typed", "")
    if key == STAGE:  # what /customers reads: "negotiating", "谈判", "first_meeting"
        stages = (class_word(STAGE, v, lang).replace(" ", "_") for v in VALUES[STAGE])
        return tr(lang, "`{typed}` is not a stage; use {values}.", typed=typed,
                  values=one_of(lang, stages))
    if key in (LIKELIHOOD, TIER):
        return tr(lang, "`{typed}` is not a grade of {axis}; use A, B or C.", typed=typed,
                  axis=axis_word(key, lang))
    return tr(lang, "`{typed}` is not a person; use @someone or me.", typed=typed)


def _choice_unknown(lang: str, values: Mapping[str, Value]) -> str:
    typed = values.get("typed", "")
    if values.get("field") == "kind":
        return tr(lang, "Kind “{typed}” is not company or person.", typed=typed)
    return tr(lang, "Source channel “{typed}” is not one of {choices}.", typed=typed,
              choices=_sources(lang))


def _sources(lang: str) -> str:
    """The source channels in the reader's words, each of which a form or a file accepts."""
    return one_of(lang, (tr(lang, label) for label in SOURCE_LABELS.values()))


def _duplicate(lang: str, values: Mapping[str, Value]) -> str:
    name, same = values.get("name", ""), values.get("field")
    if same == "phone":
        return tr(lang, "Duplicate: “{name}” has the same phone number; not imported.",
                  name=name)
    if same == "email":
        return tr(lang, "Duplicate: “{name}” has the same e-mail address; not imported.",
                  name=name)
    return tr(lang, "Duplicate: “{name}” has the same name; not imported.", name=name)


def _n(values: Mapping[str, Value]) -> int:
    return int(values.get("n") or 0)


# Problems whose words depend on a value: a count's plural form, or a different sentence.
_COMPOSED: dict[str, Say] = {
    "too_long": lambda lang, v: trn(lang, "At most {n} character.", "At most {n} characters.",
                                    _n(v)),
    "tag_too_long": lambda lang, v: trn(
        lang, "Tag “{tag}” is longer than {n} character.",
        "Tag “{tag}” is longer than {n} characters.", _n(v), tag=v.get("tag", "")),
    "a_tag_too_long": lambda lang, v: trn(lang, "A tag is longer than {n} character.",
                                          "A tag is longer than {n} characters.", _n(v)),
    "too_many_tags": lambda lang, v: trn(lang, "A customer has at most {n} tag.",
                                         "A customer has at most {n} tags.", _n(v)),
    "field_too_long": lambda lang, v: trn(
        lang, "{field} is longer than {n} character.", "{field} is longer than {n} characters.",
        _n(v), field=field_word(lang, str(v.get("field", "")))),
    "wrong_width": lambda lang, v: trn(
        lang, "{values} values but the header has {n} column.",
        "{values} values but the header has {n} columns.", _n(v), values=v.get("values", "")),
    "not_a_value": _not_a_value,
    "choice_unknown": _choice_unknown,
    "duplicate": _duplicate,
}
# Every code a problem can have words for (the tests hold the code's codes against it).
CODES = frozenset(PROBLEMS) | frozenset(_COMPOSED)
