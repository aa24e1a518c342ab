"""The customer file as a CSV row: column names (English, with Chinese aliases), row checks,
and when two files are the same customer (docs/customers-csv.md, domain.md section 1)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.care_dates import NAMED_FIELD, field_date, read_care_day
from bot.domain.classification import STAGE, value_named
from bot.domain.customers import clean_display_name, name_key
from bot.domain.problems import Problem, problem

# (field, exported header, also accepted on import). Aliases are compared after header_key().
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", ("名称", "客户名称", "客户", "公司名称", "姓名", "customer")),
    ("kind", ("类型", "客户类型", "type")),
    ("industry", ("行业", "所属行业")),
    ("size", ("规模", "企业规模", "公司规模")),
    ("occupation", ("职业",)),
    ("contact_person", ("联系人", "contact")),
    ("contact_title", ("职务", "职位", "联系人职务", "title")),
    ("phone", ("电话", "手机", "联系电话", "手机号")),
    ("email", ("邮箱", "电子邮件", "电子邮箱", "e-mail", "mail")),
    ("needs", ("需求", "客户需求")),
    ("source_channel", ("来源", "来源渠道", "渠道", "source", "channel")),
    ("first_contact", ("首次接触", "首次接触日期", "首次联系日期", "首次联系")),
    ("owner", ("负责人", "跟进人", "owner_id")),
    ("tags", ("标签", "tag")),
    ("stage", ("阶段", "客户阶段", "销售阶段")),
    # Key dates (docs/revisits.md, "Care dates"): YYYY-MM-DD, or MM-DD for every year.
    ("birthday", ("生日", "联系人生日", "contact_birthday")),
    ("anniversary", ("周年", "公司周年", "成立日期", "周年纪念日", "founded")),
    ("renewal", ("续约", "续约日期", "合同到期", "到期日", "renewal_date")),
)
FIELDS: tuple[str, ...] = tuple(f for f, _ in COLUMNS)
KINDS = {"company": "company", "person": "person", "公司": "company", "企业": "company",
         "个人": "person"}
SOURCE_CHANNELS: dict[str, str] = {
    "phone": "phone", "visit": "visit", "web_form": "web_form", "trade_show": "trade_show",
    "referral": "referral", "partner": "partner", "other": "other",
    "电话": "phone", "拜访": "visit", "上门": "visit", "网站表单": "web_form",
    "网络表单": "web_form", "展会": "trade_show", "转介绍": "referral", "推荐": "referral",
    "合作伙伴": "partner", "其他": "other",
}
# Longest value each text field may hold (the column sizes in store/models.py).
MAX_LENGTH = {"name": 200, "industry": 200, "size": 100, "occupation": 200,
              "contact_person": 200, "contact_title": 200, "phone": 64, "email": 200,
              "needs": 4000}
MAX_TAG = 100
TAG_SEPARATORS = re.compile(r"[;；,，、]")
_ALIASES: dict[str, str] = {}
for _field, _aliases in COLUMNS:
    for _alias in (_field, *_aliases):
        _ALIASES[re.sub(r"[\s_-]+", "_", _alias.casefold().strip())] = _field
_NAMED_COLUMN = re.compile(r"^\s*named\s*:\s*(\S.*)$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,31}$")
_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+$")
_PHONE = re.compile(r"^\+?[0-9 ()./-]+(?:\s*(?:ext\.?|x|转)\s*[0-9]+)?$", re.IGNORECASE)


@dataclass(frozen=True, kw_only=True)
class FileFields:
    """The customer file's own fields (docs/domain.md section 1) besides its name, cleaned."""

    kind: str | None = None
    industry: str | None = None
    size: str | None = None
    occupation: str | None = None
    contact_person: str | None = None
    contact_title: str | None = None
    phone: str | None = None
    email: str | None = None
    needs: str | None = None
    source_channel: str | None = None
    first_contact: date | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CustomerRecord(FileFields):
    """One clean row, ready to become a customer: its stage, when the file gives one, and its
    key dates, (month, day, year) by kind."""

    name: str
    owner: str
    stage: str | None = None
    care_dates: dict[tuple[str, str], tuple[int, int, int | None]] = dataclasses.field(
        default_factory=dict)


def header_key(header: str) -> str:
    """A header as it is looked up: case-, space-, dash- and underscore-insensitive."""
    return re.sub(r"[\s_-]+", "_", header.replace("\ufeff", "").casefold().strip())


def field_for(header: str) -> str | None:
    """The field a column header names ("客户名称" -> "name"; "named: Spring visit" -> a team's
    named date, "named:Spring visit"), or None when unknown."""
    named = _NAMED_COLUMN.match(header.replace("\ufeff", ""))
    if named:
        return NAMED_FIELD + " ".join(named[1].split())
    return _ALIASES.get(header_key(header))


def header_problems(headers: Sequence[str]) -> list[Problem]:
    """What is wrong with a file's header row: unknown, repeated or missing columns."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for header in headers:
        field = field_for(header)
        if field is None:
            if header.strip():
                problems.append(problem("unknown_column", column=header[:60]))
            continue
        if field in seen:
            problems.append(problem("same_column", first=seen[field][:60], second=header[:60],
                                    field=field))
        seen[field] = header
    if "name" not in seen:
        problems.append(problem("no_name_column"))
    return problems


def split_tags(text: str) -> tuple[str, ...]:
    """Tags as typed in one cell, split on ; , 、 (half- or full-width), in order, once each."""
    tags: list[str] = []
    keys: set[str] = set()
    for part in TAG_SEPARATORS.split(text):
        tag = clean_display_name(part)
        if tag and tag_key(tag) not in keys:
            keys.add(tag_key(tag))
            tags.append(tag)
    return tuple(tags)


def tag_key(tag: str) -> str:
    """The form two spellings of one tag share."""
    return name_key(tag)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading ' makes it text there."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def from_spreadsheet(value: str) -> str:
    """The value behind a cell written by `spreadsheet_safe` (so a round trip is exact)."""
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


def clean_row(row: Mapping[str, str], default_owner: str | None
              ) -> CustomerRecord | list[Problem]:
    """A clean record from one row (keys are the file's headers), or what is wrong with it."""
    values: dict[str, str] = {}
    problems: list[Problem] = []
    for header, raw in row.items():
        field = field_for(header)
        if field is None:
            if (raw or "").strip():
                problems.append(problem("unknown_column", column=header[:60]))
            continue
        values[field] = from_spreadsheet((raw or "").strip())
    # The name column holds nothing but the name, so it is kept as typed (spacing tidied):
    # clean_display_name's trimming of edge punctuation is for names guessed inside a log,
    # and would import "-2+3 Corp" as "2+3 Corp". Formulas are neutralised on export only.
    name = " ".join(values.get("name", "").split())
    if not name or not name_key(name):
        problems.append(problem("name_missing"))
    for field, limit in MAX_LENGTH.items():
        if len(values.get(field, "")) > limit:
            problems.append(problem("field_too_long", field=field, n=limit))
    kind = _choice(values.get("kind", ""), KINDS, "kind", problems)
    source = _choice(values.get("source_channel", ""), SOURCE_CHANNELS, "source_channel",
                     problems)
    first = _date(values.get("first_contact", ""), problems)
    owner = values.get("owner", "") or (default_owner or "")
    if not owner:
        problems.append(problem("owner_missing"))
    elif not _SLACK_USER.match(owner):
        problems.append(problem("owner_not_user", typed=owner[:60]))
    email = values.get("email", "")
    phone = values.get("phone", "")
    problems += [p for p in (email_problem(email), phone_problem(phone)) if p]
    tags = split_tags(values.get("tags", ""))
    if any(len(t) > MAX_TAG for t in tags):
        problems.append(problem("a_tag_too_long", n=MAX_TAG))
    stage = values.get("stage", "")
    if stage and value_named(STAGE, stage) is None:
        problems.append(problem("stage_unknown", typed=stage[:60]))
    care = _care_dates(values, problems)
    if problems:
        return problems
    return CustomerRecord(
        name=name, owner=owner, kind=kind, industry=values.get("industry") or None,
        size=values.get("size") or None, occupation=values.get("occupation") or None,
        contact_person=values.get("contact_person") or None,
        contact_title=values.get("contact_title") or None, phone=phone or None,
        email=email or None, needs=values.get("needs") or None, source_channel=source,
        first_contact=first, tags=tags, stage=value_named(STAGE, stage) if stage else None,
        care_dates=care)


def _care_dates(values: Mapping[str, str], problems: list[Problem]
                ) -> dict[tuple[str, str], tuple[int, int, int | None]]:
    out: dict[tuple[str, str], tuple[int, int, int | None]] = {}
    for name, raw in values.items():
        which = field_date(name)
        if which is None or not raw:
            continue
        try:
            out[which] = read_care_day(raw)
        except ValueError:
            problems.append(problem("care_day_typed", field=name, typed=raw[:60]))
    return out


def email_problem(email: str) -> Problem | None:
    """Why a typed e-mail address is not one ("email_invalid"), or None (also for an empty
    one)."""
    if email and not _EMAIL.match(email):
        return problem("email_invalid", typed=email[:80])
    return None


def phone_problem(phone: str) -> Problem | None:
    """Why a typed phone number is not one (5 digits at least: "phone_invalid"), or None."""
    if phone and (not _PHONE.match(phone) or sum(c.isdigit() for c in phone) < 5):
        return problem("phone_invalid", typed=phone[:80])
    return None


def _choice(raw: str, allowed: Mapping[str, str], field: str,
            problems: list[Problem]) -> str | None:
    if not raw:
        return None
    found = allowed.get(raw) or allowed.get(header_key(raw))
    if found is None:  # the words the reader may use are the blocks' to say
        problems.append(problem("choice_unknown", field=field, typed=raw[:60]))
    return found


def _date(raw: str, problems: list[Problem]) -> date | None:
    if not raw:
        return None
    if _ISO_DATE.match(raw):
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    problems.append(problem("date_typed", field="first_contact", typed=raw[:60]))
    return None


def phone_key(phone: str | None) -> str | None:
    """The digits of a phone number, which two spellings of it share; None if too short."""
    digits = "".join(c for c in (phone or "") if c.isdigit())
    return digits if len(digits) >= 5 else None


def email_key(email: str | None) -> str | None:
    """An e-mail address compared case-insensitively."""
    folded = (email or "").strip().casefold()
    return folded or None


def identity_keys(name: str, phone: str | None, email: str | None) -> list[tuple[str, str]]:
    """What makes two files the same customer: the name key, the phone digits, the e-mail."""
    keys = [("name", name_key(name))]
    if (p := phone_key(phone)) is not None:
        keys.append(("phone", p))
    if (e := email_key(email)) is not None:
        keys.append(("email", e))
    return keys


class DuplicateIndex:
    """Known customers by identity key, to find the one a new file duplicates."""

    def __init__(self, known: Iterable[tuple[str, str | None, str | None]] = ()) -> None:
        self._seen: dict[tuple[str, str], str] = {}
        for name, phone, email in known:
            self.add(name, phone, email)

    def add(self, name: str, phone: str | None, email: str | None) -> None:
        """Remember a customer (by its display name)."""
        for key in identity_keys(name, phone, email):
            self._seen.setdefault(key, name)

    def match(self, name: str, phone: str | None, email: str | None) -> tuple[str, str] | None:
        """(what matched, the existing customer's name), or None when the file is new."""
        found = self.matches(name, phone, email)
        return found[0] if found else None

    def matches(self, name: str, phone: str | None, email: str | None
                ) -> list[tuple[str, str]]:
        """Every (what matched, existing customer's name): name first, then phone, e-mail."""
        return [(key[0], self._seen[key]) for key in identity_keys(name, phone, email)
                if key in self._seen]
