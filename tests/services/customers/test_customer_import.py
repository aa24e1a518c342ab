"""Importing customer files: good rows in, bad rows and duplicates reported, nothing halfway."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.domain.problems import problem
from bot.services.customers.csv_import import export_customers, import_customers
from bot.services.tasks.cadence import create_cadence_tasks
from store.aftersale_models import RevisitPlan
from store.models import Change, Customer, CustomerTag, Task

WS, OTHER_WS = "T0CSV", "T0OTHER"
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


def _row(name: str, **more: str) -> dict[str, str]:
    return {"name": name, "owner": "U0REP", **more}


def test_good_rows_become_customers_with_their_tags_and_an_audit_trail(services) -> None:
    report = import_customers(services, WS, [
        (2, _row("华为技术", kind="company", phone="+86 755 2878 0808", tags="通信；大客户",
                 source_channel="trade show", first_contact="2026-03-02", industry="通信")),
        (3, _row("Li Lei", kind="person", occupation="engineer", email="li@example.com")),
    ], "U0ADMIN", NOW)
    assert report.imported == 2 and report.skipped == []
    with services.uow() as uow:
        hw = uow.session.scalars(select(Customer).where(Customer.name == "华为技术")).one()
        assert (hw.kind, hw.source_channel, hw.first_contact, hw.created_by, hw.created_at) == (
            "company", "trade_show", date(2026, 3, 2), "U0ADMIN", NOW)
        assert uow.customers.tags_by_customer(WS)[hw.id] == sorted(["通信", "大客户"])
        trail = uow.changes.for_customer(WS, hw.id)
        assert {c.field for c in trail} >= {"name", "owner_id", "phone", "tag"}
        assert sorted(c.new for c in trail if c.field == "tag") == sorted(["通信", "大客户"])
        assert {c.actor for c in trail} == {"U0ADMIN"} and {c.at for c in trail} == {NOW}


def test_a_bad_row_is_skipped_whole_and_the_others_imported(services) -> None:
    report = import_customers(services, WS, [
        (2, _row("Good One", tags="a; b")),
        (3, _row("Bad One", email="x", tags="c")),
        (4, _row("Good Two")),
    ], "U0ADMIN", NOW)
    assert report.imported == 2
    assert [(s.line, s.problems) for s in report.skipped] == [
        (3, (problem("email_invalid", typed="x"),))]
    with services.uow() as uow:
        assert [n for _, n, _ in uow.customers.names(WS)] == ["Good One", "Good Two"]
        assert uow.session.scalars(select(CustomerTag.tag).order_by(CustomerTag.tag)).all() == [
            "a", "b"]
        assert not uow.session.scalars(select(Change).where(Change.new == "Bad One")).all()


def test_duplicates_of_existing_customers_and_of_earlier_rows_are_skipped(services) -> None:
    import_customers(services, WS, [(2, _row("Acme Corp", phone="138 0000 0000"))],
                     "U0ADMIN", NOW)
    report = import_customers(services, WS, [
        (2, _row("ACME corp.")),
        (3, _row("Acme Shanghai", phone="13800000000")),
        (4, _row("New Co", email="a@new.example")),
        (5, _row("New Co Ltd", email="A@NEW.example")),
    ], "U0ADMIN", NOW)
    assert report.imported == 1
    assert [(s.line, s.problems[0]) for s in report.skipped] == [
        (2, problem("duplicate", name="Acme Corp", field="name")),
        (3, problem("duplicate", name="Acme Corp", field="phone")),
        (5, problem("duplicate", name="New Co", field="email")),
    ]
    with services.uow() as uow:
        acme = uow.customers.by_key(WS, "acme corp")
        assert acme is not None and acme.phone == "138 0000 0000"  # never merged


def test_the_same_customer_may_exist_in_another_workspace(services) -> None:
    import_customers(services, WS, [(2, _row("Acme Corp"))], "U0ADMIN", NOW)
    report = import_customers(services, OTHER_WS, [(2, _row("Acme Corp"))], "U0ADMIN", NOW)
    assert report.imported == 1 and report.skipped == []


def test_export_gives_every_field_but_never_the_national_id(services) -> None:
    import_customers(services, WS, [(2, _row(
        "华为技术", kind="company", industry="通信", size="10000+", contact_person="王伟",
        contact_title="采购经理", phone="+86 755 2878 0808", email="wang@huawei.example",
        needs="100 台服务器", source_channel="referral", first_contact="2026-03-02",
        tags="通信; 大客户", birthday="03-05", renewal="2027-06-30"))], "U0ADMIN", NOW)
    with services.uow() as uow:
        customer = uow.customers.by_key(WS, "华为技术")
        assert customer is not None
        customer.national_id = None  # set or not, an export must not read it
        uow.commit()
    rows = export_customers(services, WS)
    assert rows == [{
        "name": "华为技术", "kind": "company", "industry": "通信", "size": "10000+",
        "occupation": "", "contact_person": "王伟", "contact_title": "采购经理",
        "phone": "+86 755 2878 0808", "email": "wang@huawei.example", "needs": "100 台服务器",
        "source_channel": "referral", "first_contact": "2026-03-02", "owner": "U0REP",
        "tags": "; ".join(sorted(["通信", "大客户"])), "stage": "", "birthday": "03-05",
        "anniversary": "", "renewal": "2027-06-30"}]
    assert export_customers(services, OTHER_WS) == []


def test_an_exported_file_imports_unchanged_into_another_workspace(services) -> None:
    import_customers(services, WS, [(2, _row("Acme", tags="x; y", first_contact="2026-01-05",
                                             source_channel="web form"))], "U0ADMIN", NOW)
    exported = export_customers(services, WS)
    report = import_customers(services, OTHER_WS, enumerate(exported, start=2), "U0ADMIN", NOW)
    assert report.imported == 1 and export_customers(services, OTHER_WS) == exported


def test_a_customer_imported_as_won_starts_its_after_sale_plan_once(services) -> None:
    rows = [(2, _row("Acme", stage="won")), (3, _row("Beta", stage="谈判")),
            (4, _row("Gamma", stage="closed lost")), (5, _row("Delta", stage="sold?"))]
    report = import_customers(services, WS, rows, "U0ADMIN", NOW)
    assert report.imported == 3
    assert [(s.line, s.problems) for s in report.skipped] == [
        (5, (problem("stage_unknown", typed="sold?"),))]
    with services.uow() as uow:
        stages = {c.name: c.stage for c in uow.session.scalars(select(Customer))}
        assert stages == {"Acme": "won", "Beta": "negotiating", "Gamma": "lost"}
        [plan] = uow.session.scalars(select(RevisitPlan)).all()
        acme = uow.customers.by_key(WS, "acme")
        assert (plan.customer_id, plan.kind, plan.source) == (acme.id, "after_purchase",
                                                              "import")
        assert [r.step for r in uow.revisits.of_plan(plan.id)] == ["1wd", "3d", "3w", "3m"]
    again = import_customers(services, WS, rows[:1], "U0ADMIN", NOW)  # the same file again
    assert again.imported == 0 and again.skipped[0].problems[0].code == "duplicate"
    with services.uow() as uow:
        assert len(uow.session.scalars(select(RevisitPlan)).all()) == 1


def test_a_customer_imported_as_lost_gets_its_win_back_call(services) -> None:
    import_customers(services, WS, [(2, _row("Gamma", stage="lost"))], "U0ADMIN", NOW)
    assert create_cadence_tasks(services, NOW + timedelta(days=60)) == 0
    assert create_cadence_tasks(services, NOW + timedelta(days=92)) == 1  # 90 days on
    assert create_cadence_tasks(services, NOW + timedelta(days=93)) == 0  # once
    with services.uow() as uow:
        [task] = uow.session.scalars(select(Task)).all()
        assert task.origin == "win_back" and "ask why they left" in task.title
