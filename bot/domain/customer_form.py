"""The customer file as a form: its fields, which are required for each kind of customer
(domain.md section 1), and checking what was typed, field by field."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from bot.catalog import N_
from bot.domain.care_dates import field_date, read_care_day
from bot.domain.customer_file import (
    KINDS,
    MAX_LENGTH,
    SOURCE_CHANNELS,
    FileFields,
    email_problem,
    phone_problem,
)
from bot.domain.customers import name_key
from bot.domain.problems import Problem, problem
from bot.domain.tags import parse_tag_list

TEXT_FIELDS = ("name", "industry", "size", "occupation", "contact_person", "contact_title",
               "phone", "email", "needs")
FIELDS = ("kind", *TEXT_FIELDS, "source_channel", "first_contact", "tags")
LABELS = {"kind": N_("Kind"), "name": N_("Name"), "industry": N_("Industry"),
          "size": N_("Size (staff or revenue band)"), "occupation": N_("Occupation"),
          "contact_person": N_("Contact person"), "contact_title": N_("Contact's title"),
          "phone": N_("Phone"), "email": N_("E-mail"), "needs": N_("Needs"),
          "source_channel": N_("Source channel"), "first_contact": N_("First contact"),
          "tags": N_("Tags"), "birthday": N_("Contact's birthday"),
          "anniversary": N_("Company anniversary"), "renewal": N_("Contract renewal")}
KIND_LABELS = {"company": N_("Company"), "person": N_("Person")}
SOURCE_LABELS = {"phone": N_("Phone"), "visit": N_("Visit"), "web_form": N_("Web form"),
                 "trade_show": N_("Trade show"), "referral": N_("Referral"),
                 "partner": N_("Partner"), "other": N_("Other")}
# Required for a complete file, by kind; "phone" stands for "phone and/or e-mail".
REQUIRED: dict[str, tuple[str, ...]] = {
    "company": ("name", "industry", "size", "contact_person", "contact_title", "phone",
                "needs", "source_channel", "first_contact"),
    "person": ("name", "occupation", "phone", "needs", "source_channel", "first_contact"),
}
ALWAYS_REQUIRED = ("kind", "name", "phone", "needs", "source_channel", "first_contact")
CONTACT_FIELDS = ("phone", "email")


@dataclass(frozen=True, kw_only=True)
class CustomerFields(FileFields):
    """Clean values of the form. phone and email are None when the form did not carry them
    (someone not allowed to see contact details edits the rest)."""

    name: str
    contact_given: bool = True
    # The fields the form carried: an edit leaves the others as they are.
    given: frozenset[str] = frozenset(FIELDS)
    # The key dates the form carried (docs/revisits.md) by (kind, label): (month, day, year),
    # None when cleared; a date the form did not carry is absent and kept as it is.
    care_dates: dict[tuple[str, str], tuple[int, int, int | None] | None] = dataclasses.field(
        default_factory=dict)


def missing_keys(values: Mapping[str, object]) -> list[str]:
    """The required fields a file lacks, as field names ("industry"; "phone" stands for
    "phone or e-mail"; "kind" alone when the kind itself is not set)."""
    kind = values.get("kind")
    if kind not in REQUIRED:
        return ["kind"]
    missing = []
    for field in REQUIRED[str(kind)]:
        if field == "phone":
            if not values.get("phone") and not values.get("email"):
                missing.append("phone")
        elif values.get(field) in (None, ""):
            missing.append(field)
    return missing


MISSING_LABELS = {**LABELS, "kind": N_("Kind (company or person)"),
                  "phone": N_("Phone or e-mail")}


def missing_fields(values: Mapping[str, object]) -> list[str]:
    """The required fields a file lacks, as labels ("Industry", "Phone or e-mail")."""
    return [MISSING_LABELS[key] for key in missing_keys(values)]


def check_form(raw: Mapping[str, str], *, complete: bool
               ) -> CustomerFields | dict[str, Problem]:
    """Clean values, or a problem for each field that is wrong (by field name).

    `complete` (a new customer) also demands every field its kind requires; an edit only
    checks what was typed, so an incomplete file can be fixed one field at a time. phone and
    email are read only when the form has them.
    """
    values = {f: " ".join(raw.get(f, "").split()) if f != "needs" else raw.get(f, "").strip()
              for f in FIELDS}
    errors: dict[str, Problem] = {}
    # A name field holds nothing but the name: kept as typed ("-2+3 Corp"), spacing tidied.
    # Trimming edge punctuation is for names guessed inside a log.
    name = values["name"]
    if not name or not name_key(name):
        errors["name"] = problem("give_name")
    for field, limit in MAX_LENGTH.items():
        if len(values[field]) > limit:
            errors[field] = problem("too_long", n=limit)
    kind = KINDS.get(values["kind"]) if values["kind"] else None
    if values["kind"] and kind is None:
        errors["kind"] = problem("choose_kind")
    source = SOURCE_CHANNELS.get(values["source_channel"]) if values["source_channel"] else None
    if values["source_channel"] and source is None:
        errors["source_channel"] = problem("choose_source")
    first = _date(values["first_contact"], errors)
    contact_given = "phone" in raw or "email" in raw
    for field, wrong in (("email", email_problem(values["email"])),
                         ("phone", phone_problem(values["phone"]))):
        if wrong:
            errors[field] = wrong
    tags, tag_problems = parse_tag_list(values["tags"])
    if tag_problems:  # one under the field: Slack shows a line there
        errors["tags"] = tag_problems[0]
    care = _care_dates(raw, errors)
    if complete:
        _require(values | {"kind": kind or ""}, kind, errors)
    if errors:
        return errors
    return CustomerFields(
        name=name, kind=kind, industry=values["industry"] or None,
        size=values["size"] or None, occupation=values["occupation"] or None,
        contact_person=values["contact_person"] or None,
        contact_title=values["contact_title"] or None, phone=values["phone"] or None,
        email=values["email"] or None, needs=values["needs"] or None, source_channel=source,
        first_contact=first, tags=tags, contact_given=contact_given,
        given=frozenset(f for f in FIELDS if f in raw), care_dates=care)


def _care_dates(raw: Mapping[str, str], errors: dict[str, Problem]
                ) -> dict[tuple[str, str], tuple[int, int, int | None] | None]:
    """The key dates typed in the form (its own three, and the team's named dates): a date,
    or None when the field was cleared."""
    out: dict[tuple[str, str], tuple[int, int, int | None] | None] = {}
    for name, typed in raw.items():
        which = field_date(name)
        if which is None:
            continue
        text = typed.strip()
        try:
            out[which] = read_care_day(text) if text else None
        except ValueError:
            errors[name] = problem("care_day")
    return out


def _require(values: Mapping[str, str], kind: str | None, errors: dict[str, Problem]) -> None:
    if kind is None:
        errors.setdefault("kind", problem("choose_kind"))
        return
    for field in missing_keys(values):
        errors.setdefault(field, problem("give_contact") if field == "phone"
                          else problem(f"required_{kind}"))


def _date(raw: str, errors: dict[str, Problem]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors["first_contact"] = problem("iso_date")
        return None
