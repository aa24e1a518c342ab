"""The nightly review shows each rep's customer files still incomplete a day after they were
made (domain.md §1), with what each one lacks; complete and young files are left out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from bot.domain.customer_form import REQUIRED, missing_keys
from bot.domain.review import FILE_GAPS_LISTED
from bot.services.context import ServiceContext
from bot.services.review.build import build_review
from handlers.blocks.review import review_rep_message
from store.models import Customer
from tests.services.review.test_review import NOW, OTHER_WS, OUTSIDER, REP, REP2, WS

DAY = date(2026, 11, 23)
COMPLETE_COMPANY = dict(kind="company", industry="Manufacturing", size="200 staff",
                        contact_person="Li Wei", contact_title="Buyer", phone="+86 21 5555",
                        needs="20 seats", source_channel="referral",
                        first_contact=date(2026, 11, 1))


def _file(uow, name: str, owner: str, made: datetime, ws: str = WS, **fields: object) -> int:
    values = {**COMPLETE_COMPANY, **fields}
    row = uow.customers.add(Customer(workspace_id=ws, name=name, name_key=name.casefold(),
                                     owner_id=owner, created_by=owner, created_at=made,
                                     **values))
    return row.id


def _seed(services: ServiceContext) -> dict[str, int]:
    two_days, ten_hours = NOW - timedelta(days=2), NOW - timedelta(hours=10)
    with services.uow() as uow:
        ids = {
            "complete": _file(uow, "Complete Co", REP, two_days),
            "gaps": _file(uow, "Gappy Ltd", REP, two_days, industry=None, phone=None,
                          email=None),
            "email_only": _file(uow, "Mailco", REP, two_days, phone=None,
                                email="li@mailco.example"),
            "young": _file(uow, "Fresh Ltd", REP, ten_hours, industry=None),
            "person": _file(uow, "Wang Fang", REP2, two_days, kind="person", occupation=None,
                            industry=None, size=None, contact_person=None, contact_title=None),
            "no_kind": _file(uow, "Kindless", REP2, two_days, kind=None),
            "outsider": _file(uow, "Not Ours", OUTSIDER, two_days, needs=None),
            "elsewhere": _file(uow, "Other Place", REP, two_days, ws=OTHER_WS, needs=None),
        }
        uow.commit()
    return ids


def test_each_rep_sees_their_incomplete_files_older_than_a_day(
        services: ServiceContext) -> None:
    ids = _seed(services)
    review = build_review(replace(services, workspace_id=WS), "East", DAY, NOW)
    assert review is not None
    by_rep = {r.user_id: {g.customer_id: g.missing for g in r.incomplete} for r in review.reps}
    assert by_rep[REP] == {ids["gaps"]: ("industry", "phone")}
    # A person needs an occupation, not an industry; a file without a kind asks for it.
    assert by_rep[REP2] == {ids["person"]: ("occupation",), ids["no_kind"]: ("kind",)}


def test_a_file_becomes_late_exactly_a_day_after_it_was_made(services: ServiceContext) -> None:
    with services.uow() as uow:
        young = _file(uow, "Almost", REP, NOW - timedelta(hours=24), needs=None)
        late = _file(uow, "Just Late", REP, NOW - timedelta(hours=24, minutes=1), needs=None)
        uow.commit()
    review = build_review(replace(services, workspace_id=WS), "East", DAY, NOW)
    assert review is not None
    listed = [g.customer_id for r in review.reps for g in r.incomplete]
    assert late in listed and young not in listed


def test_the_review_lists_ten_files_by_name_and_counts_the_rest_in_the_reps_language(
        services: ServiceContext) -> None:
    with services.uow() as uow:
        for i in range(13):
            _file(uow, f"Gap {i:02d}", REP, NOW - timedelta(days=3, minutes=i), needs=None)
        uow.commit()
    review = build_review(replace(services, workspace_id=WS), "East", DAY, NOW)
    assert review is not None
    rep = next(r for r in review.reps if r.user_id == REP)
    english = str(review_rep_message(rep, "Asia/Shanghai", "en")["blocks"])
    assert "Incomplete files older than a day (13)" in english
    assert "Gap 12: missing needs" in english  # the oldest first
    assert "Gap 03" in english and "Gap 02" not in english and "and 3 more" in english
    chinese = str(review_rep_message(rep, "Asia/Shanghai", "zh")["blocks"])
    assert "超过一天仍不完整的客户档案 (13)" in chinese and "缺少 需求" in chinese


def test_the_files_counted_are_exactly_those_the_form_calls_incomplete(
        services: ServiceContext) -> None:
    """The query that counts and picks the files must say what missing_keys says of each one,
    empty text and null alike, or the count and the list would disagree."""
    person = dict(kind="person", occupation="Engineer", industry=None, size=None,
                  contact_person=None, contact_title=None)
    variants: list[dict[str, object]] = [{}, person, {"kind": None}, {"kind": ""},
                                         {"kind": "robot"}, {"phone": "", "email": "a@b.c"},
                                         {"phone": None, "email": ""}, {"phone": "", "email": ""},
                                         {**person, "phone": "", "email": None}]
    for base in ({}, person):
        for required in REQUIRED[str(base.get("kind", "company"))]:
            if required not in ("phone", "name"):  # a date is never empty text
                variants += [{**base, required: None}] + (
                    [{**base, required: ""}] if required != "first_contact" else [])
    made = NOW - timedelta(days=2)
    with services.uow() as uow:
        files = {_file(uow, f"File {i:02d}", REP, made - timedelta(minutes=i), **fields):
                 {**COMPLETE_COMPANY, "name": f"File {i:02d}", **fields}
                 for i, fields in enumerate(variants)}
        nameless = _file(uow, "", REP, made)  # an import's file without a name: incomplete
        uow.commit()
    with services.uow().reading() as uow:
        rows, counts = uow.file_gaps.oldest_incomplete(WS, [REP], NOW, REQUIRED,
                                                       len(variants) + 1)
    expected = {i for i, values in files.items() if missing_keys(values)}
    assert 20 < len(expected) < len(files)  # complete and incomplete ones alike
    assert {row.id for row in rows} == expected | {nameless}
    assert counts == {REP: len(expected) + 1}
    assert all(missing_keys(row.values()) for row in rows)


def test_a_rep_with_many_incomplete_files_gets_the_oldest_listed_and_all_counted(
        services: ServiceContext) -> None:
    with services.uow() as uow:
        for i in range(FILE_GAPS_LISTED + 5):
            _file(uow, f"Gap {i:02d}", REP, NOW - timedelta(days=2, minutes=i), needs=None)
        _file(uow, "Only one", REP2, NOW - timedelta(days=2), needs=None)
        uow.commit()
    review = build_review(replace(services, workspace_id=WS), "East", DAY, NOW)
    assert review is not None
    rep, rep2 = (next(r for r in review.reps if r.user_id == u) for u in (REP, REP2))
    assert rep.incomplete_count == FILE_GAPS_LISTED + 5
    assert [g.customer for g in rep.incomplete] == \
        [f"Gap {i:02d}" for i in range(FILE_GAPS_LISTED + 4, 4, -1)]  # the oldest, oldest first
    assert rep2.incomplete_count == 1 and len(rep2.incomplete) == 1
