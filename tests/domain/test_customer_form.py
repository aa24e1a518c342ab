"""The customer form: required fields by kind, each mistake under its own field."""

from __future__ import annotations

from datetime import date

from bot.domain.customer_form import CustomerFields, check_form, missing_fields
from bot.domain.problems import problem

COMPANY = {"kind": "company", "name": "  Acme   Corp ", "industry": "Machinery",
           "size": "200 staff", "contact_person": "Li Lei", "contact_title": "Buyer",
           "phone": "+86 138 0000 0000", "email": "", "needs": "20 seats",
           "source_channel": "trade_show", "first_contact": "2026-11-20",
           "tags": "urgent, 制造业"}


def test_a_complete_company_is_clean() -> None:
    fields = check_form(COMPANY, complete=True)
    assert isinstance(fields, CustomerFields)
    assert (fields.name, fields.kind, fields.phone, fields.email, fields.first_contact,
            fields.tags) == ("Acme Corp", "company", "+86 138 0000 0000", None,
                             date(2026, 11, 20), ("urgent", "制造业"))


def test_a_name_starting_with_punctuation_is_kept_as_typed() -> None:
    for name in ("-2+3 Corp", "=SUM Ltd", "Acme, Inc."):
        fields = check_form(COMPANY | {"name": f" {name} "}, complete=True)
        assert isinstance(fields, CustomerFields) and fields.name == name


def test_a_new_customer_needs_what_its_kind_requires_each_named() -> None:
    errors = check_form({"kind": "company", "name": "Acme"}, complete=True)
    assert set(errors) == {"industry", "size", "contact_person", "contact_title", "phone",
                           "needs", "source_channel", "first_contact"}
    assert errors["industry"] == problem("required_company")
    assert errors["phone"] == problem("give_contact")
    person = check_form({"kind": "person", "name": "Li", "email": "li@x.example",
                         "needs": "a car", "source_channel": "referral",
                         "first_contact": "2026-11-01"}, complete=True)
    assert person == {"occupation": problem("required_person")}
    assert check_form({"name": ""}, complete=True)["kind"] == problem("choose_kind")


def test_bad_values_are_named_under_their_field() -> None:
    errors = check_form(COMPANY | {"email": "li@", "phone": "12", "first_contact": "23/11",
                                   "tags": "ok, <b>", "kind": "robot", "name": "  "},
                        complete=False)
    assert set(errors) == {"email", "phone", "first_contact", "tags", "kind", "name"}
    assert errors["email"] == problem("email_invalid", typed="li@")
    assert errors["first_contact"] == problem("iso_date")
    assert errors["tags"] == problem("tag_characters", tag="<b>", chars="'<' '>'")
    assert errors["kind"] == problem("choose_kind") and errors["name"] == problem("give_name")


def test_an_edit_checks_only_what_is_typed_and_may_leave_contact_out() -> None:
    fields = check_form({"name": "Acme Corp", "industry": "Machinery"}, complete=False)
    assert isinstance(fields, CustomerFields) and not fields.contact_given
    assert check_form({"name": "Acme Corp", "phone": ""}, complete=False).contact_given


def test_missing_fields_name_what_an_incomplete_file_lacks() -> None:
    assert missing_fields({"kind": "person", "name": "Li", "phone": "123456"}) == [
        "Occupation", "Needs", "Source channel", "First contact"]
    assert missing_fields({}) == ["Kind (company or person)"]
