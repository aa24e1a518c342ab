"""CSV rows of the customer file: column names, checks, and the duplicate rule."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.customer_file import (
    CustomerRecord,
    DuplicateIndex,
    clean_row,
    field_for,
    header_problems,
    split_tags,
)
from bot.domain.problems import Problem, problem

GOOD = {"name": "Acme Corp", "kind": "company", "phone": "+86 138 0000 0000",
        "email": "li@acme.example", "source_channel": "trade show",
        "first_contact": "2026-03-02", "owner": "U0REP", "tags": "manufacturing; urgent"}


@pytest.mark.parametrize(("header", "field"), [
    ("name", "name"), ("Name", "name"), ("名称", "name"), ("客户名称", "name"),
    ("电话", "phone"), ("邮箱", "email"), ("Contact Person", "contact_person"),
    ("contact-title", "contact_title"), ("来源渠道", "source_channel"), ("标签", "tags"),
    ("\ufeffname", "name"), ("首次接触日期", "first_contact"), ("负责人", "owner"),
    ("colour", None),
])
def test_headers_in_english_or_chinese_name_a_field(header: str, field: str | None) -> None:
    assert field_for(header) == field


def test_header_problems_name_unknown_repeated_and_missing_columns() -> None:
    assert header_problems(["名称", "电话"]) == []
    assert header_problems(["name", "客户名称", "colour"]) == [
        problem("same_column", first="name", second="客户名称", field="name"),
        problem("unknown_column", column="colour")]
    assert header_problems(["phone"]) == [problem("no_name_column")]


def test_a_good_row_becomes_a_clean_record() -> None:
    record = clean_row(GOOD, None)
    assert isinstance(record, CustomerRecord)
    assert record.source_channel == "trade_show" and record.first_contact == date(2026, 3, 2)
    assert record.tags == ("manufacturing", "urgent") and record.owner == "U0REP"


def test_chinese_values_are_accepted() -> None:
    record = clean_row({"客户名称": " 上海  华为 ", "类型": "公司", "来源": "展会",
                        "标签": "制造业，紧急、制造业"}, "U0REP")
    assert isinstance(record, CustomerRecord)
    assert (record.name, record.kind, record.source_channel) == ("上海 华为", "company",
                                                                 "trade_show")
    assert record.tags == ("制造业", "紧急")


@pytest.mark.parametrize(("change", "wrong"), [
    ({"name": "  "}, problem("name_missing")),
    ({"kind": "team"}, problem("choice_unknown", field="kind", typed="team")),
    ({"source_channel": "tv"}, problem("choice_unknown", field="source_channel", typed="tv")),
    ({"first_contact": "02/03/2026"}, problem("date_typed", field="first_contact",
                                              typed="02/03/2026")),
    ({"first_contact": "2026-02-30"}, problem("date_typed", field="first_contact",
                                              typed="2026-02-30")),
    ({"first_contact": "20260302"}, problem("date_typed", field="first_contact",
                                            typed="20260302")),
    ({"owner": "bob"}, problem("owner_not_user", typed="bob")),
    ({"owner": ""}, problem("owner_missing")),
    ({"email": "x"}, problem("email_invalid", typed="x")),
    ({"phone": "call me"}, problem("phone_invalid", typed="call me")),
    ({"name": "x" * 201}, problem("field_too_long", field="name", n=200)),
    ({"colour": "red"}, problem("unknown_column", column="colour")),
])
def test_bad_values_are_reported(change: dict[str, str], wrong: Problem) -> None:
    problems = clean_row({**GOOD, **change}, None)
    assert isinstance(problems, list) and wrong in problems, problems


def test_every_problem_of_a_row_is_reported_at_once() -> None:
    problems = clean_row({**GOOD, "email": "x", "kind": "team"}, None)
    assert isinstance(problems, list) and len(problems) == 2


def test_the_default_owner_fills_an_empty_owner_only() -> None:
    assert isinstance(r := clean_row({**GOOD, "owner": ""}, "U0LEAD"), CustomerRecord)
    assert r.owner == "U0LEAD"
    assert isinstance(r := clean_row(GOOD, "U0LEAD"), CustomerRecord) and r.owner == "U0REP"


def test_tags_split_on_half_and_full_width_separators_once_each() -> None:
    assert split_tags("a; b,c，d、e；A ;;") == ("a", "b", "c", "d", "e")


def test_same_name_key_or_phone_digits_or_email_is_a_duplicate() -> None:
    known = DuplicateIndex([("Acme Corp", "+86 138-0000-0000", "Li@Acme.example")])
    assert known.match("ACME  corp.", None, None) == ("name", "Acme Corp")
    assert known.match("Other", "8613800000000", None) == ("phone", "Acme Corp")
    assert known.match("Other", None, "li@acme.EXAMPLE") == ("email", "Acme Corp")
    assert known.match("Other", "12345", "other@x.example") is None


def test_cells_that_would_run_as_formulas_are_made_text_and_read_back_exactly() -> None:
    from bot.domain.customer_file import from_spreadsheet, spreadsheet_safe

    for value in ("=HYPERLINK(\"http://evil\",\"x\")", "+86 138 0000 0000", "-5", "@SUM(A1)"):
        safe = spreadsheet_safe(value)
        assert safe.startswith("'") and from_spreadsheet(safe) == value
    assert spreadsheet_safe("Acme Corp") == "Acme Corp"
    assert from_spreadsheet("'quoted name") == "'quoted name"  # an ordinary apostrophe stays
