"""Tagging customers and finding them by tag, stage, likelihood, tier and owner."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.domain.problems import problem
from bot.services.customers.csv_import import import_customers
from bot.services.customers.file import show_customer
from bot.services.customers.listing import list_customers
from bot.services.customers.tags import change_tags
from bot.services.language import language_settings
from bot.services.logs.intake import LogRequest, log_contact
from bot.services.pipeline.classification import change_classification
from handlers.blocks.customer_list import customer_list_message
from handlers.blocks.customers import customer_message
from store.models import Change
from tests.e2e.harness import mrkdwn_texts
from tests.services.customers.test_customers import ADMIN, LEAD, OTHER_REP, OUTSIDER
from tests.services.logs.test_logs import REP, WS


def _customers(services, clock, *rows: tuple[str, str, str]) -> dict[str, int]:
    """(name, owner, tags) rows imported by an admin; returns name -> id."""
    report = import_customers(services, WS, [
        (n, {"name": name, "owner": owner, "tags": tags})
        for n, (name, owner, tags) in enumerate(rows, start=2)], ADMIN, clock.now())
    assert report.skipped == []
    with services.uow() as uow:
        return {name: i for i, name, _ in uow.customers.names(WS)}


def test_tags_are_added_and_removed_case_insensitively_and_audited(services, clock) -> None:
    _customers(services, clock, ("Acme Corp", REP, "cold; Manufacturing"))
    out = change_tags(services, WS, REP, "acme corp", "+Urgent +manufacturing -COLD +展会",
                      clock.now())
    assert out.status == "customer" and out.customer.tags == ("Manufacturing", "Urgent", "展会")
    assert out.note == "tags" and out.note_values == {"tags": "+Urgent +展会 -cold"}
    change_tags(services, WS, REP, "Acme Corp", "-urgent", clock.now() + timedelta(hours=1))
    card = show_customer(services, WS, REP, "Acme Corp", clock.now()).customer
    assert card.tags == ("Manufacturing", "展会")
    with services.uow() as uow:
        trail = [(c.actor, c.old, c.new) for c in uow.session.scalars(
            select(Change).where(Change.field == "tag", Change.actor == REP)
            .order_by(Change.at, Change.id))]
    assert set(trail[:3]) == {(REP, "cold", None), (REP, None, "Urgent"), (REP, None, "展会")}
    assert trail[3:] == [(REP, "Urgent", None)]


def test_tagging_is_refused_to_those_who_may_not_see_the_customer(services, clock) -> None:
    _customers(services, clock, ("Acme Corp", REP, ""))
    for viewer in (OTHER_REP, OUTSIDER):
        assert change_tags(services, WS, viewer, "Acme Corp", "+x", clock.now()).status == \
            "forbidden"
    assert change_tags(services, WS, LEAD, "Acme Corp", "+x", clock.now()).status == "customer"
    bad = change_tags(services, WS, REP, "Acme Corp", "+<script>", clock.now())
    assert bad.status == "invalid" and bad.problems == (
        problem("tag_characters", tag="<script>", chars="'<' '>'"),)
    missing = change_tags(services, WS, REP, "Acme Crop", "+x", clock.now())
    assert missing.status == "not_found" and missing.suggestions[0][1] == "Acme Corp"


def _names(found) -> list[str]:
    return [r.name for r in found.rows]


def test_every_tag_given_must_match_and_filters_combine(services, clock) -> None:
    ids = _customers(services, clock, ("Acme Corp", REP, "urgent; manufacturing"),
                     ("Beta Ltd", REP, "urgent"), ("Gamma AG", REP, "Manufacturing; URGENT"),
                     ("Delta", OTHER_REP, "urgent; manufacturing"))
    now = clock.now()
    change_classification(services, WS, REP, ids["Acme Corp"], "stage", "negotiating", now,
                          "command")
    change_classification(services, WS, REP, ids["Gamma AG"], "stage", "negotiating", now,
                          "command")
    change_classification(services, WS, REP, ids["Gamma AG"], "likelihood", "A", now, "command")
    found = list_customers(services, WS, REP, "tag:URGENT tag:manufacturing")
    assert found.status == "list" and _names(found) == ["Gamma AG", "Acme Corp"]
    assert found.total == 2 and found.rows[0].tags == ("Manufacturing", "URGENT")
    assert _names(list_customers(services, WS, REP, "tag:urgent stage:negotiating "
                                 "likelihood:A")) == ["Gamma AG"]
    assert _names(list_customers(services, WS, LEAD, "tag:urgent owner:<@U0REP2|rep2>")) == \
        ["Delta"]
    assert _names(list_customers(services, WS, REP, "tier:A")) == []
    assert list_customers(services, WS, REP, "stage:maybe").status == "invalid"


def test_a_list_holds_only_customers_the_viewer_may_see(services, clock) -> None:
    _customers(services, clock, ("Acme Corp", REP, "x"), ("Beta Ltd", OTHER_REP, "x"),
               ("Solo GmbH", OUTSIDER, "x"))
    # OTHER_REP logs on Acme: they work it now, so they see it (without owning it).
    log_contact(services, LogRequest(WS, OTHER_REP, "Acme Corp: covered for Rep One",
                                     "slash", "k9"), clock.now())
    assert _names(list_customers(services, WS, REP, "tag:x")) == ["Acme Corp"]
    assert _names(list_customers(services, WS, OTHER_REP, "tag:x")) == ["Acme Corp",
                                                                        "Beta Ltd"]
    assert _names(list_customers(services, WS, LEAD, "tag:x")) == ["Acme Corp", "Beta Ltd"]
    assert _names(list_customers(services, WS, ADMIN, "")) == ["Acme Corp", "Beta Ltd",
                                                               "Solo GmbH"]
    assert _names(list_customers(services, WS, OUTSIDER, "owner:me")) == ["Solo GmbH"]
    assert list_customers(services, "T0OTHER", ADMIN, "").total == 0


def test_a_long_list_is_cut_with_a_count_likelihood_a_first_then_last_contact(
        services, clock) -> None:
    ids = _customers(services, clock, *[(f"Cust {n:02d}", REP, "bulk") for n in range(25)])
    change_classification(services, WS, REP, ids["Cust 07"], "likelihood", "A", clock.now(),
                          "command")
    log_contact(services, LogRequest(WS, REP, "Cust 03: called, all good", "slash", "k3"),
                clock.now() + timedelta(hours=1))
    found = list_customers(services, WS, REP, "tag:bulk")
    assert found.total == 25 and len(found.rows) == 20
    assert _names(found)[:4] == ["Cust 07", "Cust 03", "Cust 00", "Cust 01"]
    assert found.rows[1].last_contact == clock.now() + timedelta(hours=1)


def test_the_card_names_the_required_fields_a_file_lacks(services, clock) -> None:
    import_customers(services, WS, [(2, {"name": "Li Lei", "owner": REP, "kind": "person",
                                         "occupation": "engineer", "email": "li@x.example",
                                         "source_channel": "referral"})], ADMIN, clock.now())
    card = show_customer(services, WS, REP, "Li Lei", clock.now()).customer
    assert card.missing == ("Needs", "First contact")
    assert card.fields["occupation"] == "engineer" and card.fields["email"] == "li@x.example"
    lead_view = show_customer(services, WS, OTHER_REP, "Li Lei", clock.now())
    assert lead_view.status == "forbidden"
    _customers(services, clock, ("Acme Corp", REP, ""))
    assert show_customer(services, WS, REP, "Acme Corp", clock.now()).customer.missing == (
        "Kind (company or person)",)


def test_the_list_and_the_card_are_in_the_readers_language(services, clock) -> None:
    _customers(services, clock, ("Acme Corp", REP, "urgent"))
    assert list_customers(services, WS, REP, "tag:urgent").lang == "en"
    assert show_customer(services, WS, REP, "Acme Corp", clock.now()).language == "en"
    language_settings(services, WS, REP, "language zh", clock.now())
    found = list_customers(services, WS, REP, "tag:urgent")
    assert found.lang == "zh"
    assert customer_list_message(found)["text"] == "1 个客户"
    card = show_customer(services, WS, REP, "Acme Corp", clock.now(), history=True)
    assert card.language == "zh" and "*变更历史*" in mrkdwn_texts(
        customer_message(card)["blocks"])
