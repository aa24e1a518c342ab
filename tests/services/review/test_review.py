"""The nightly review of a team: deals, moves, follow-ups, overdue and stalled, per rep."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.customer_file import tag_key
from bot.services.context import ServiceContext
from bot.services.review.build import build_review
from store.models import ClassificationChange, Customer, FollowUp, Task

WS, OTHER_WS = "T0EAST", "T0ELSE"
REP, REP2, OUTSIDER = "U0REP", "U0REP2", "U0OUT"
DAY = date(2026, 11, 23)  # a Monday in Shanghai
MORNING = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # 09:00 local
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # 20:00 local, review time
LONG_AGO = datetime(2026, 9, 1, tzinfo=UTC)


def _customer(uow, name: str, owner: str, stage: str | None, likelihood: str | None,
              tier: str | None = None, ws: str = WS) -> int:
    row = uow.customers.add(Customer(
        workspace_id=ws, name=name, name_key=name.casefold(), owner_id=owner, created_by=owner,
        created_at=LONG_AGO, stage=stage, likelihood=likelihood, value_tier=tier))
    return row.id


def _log(uow, customer_id: int | None, author: str, at: datetime, summary: str,
         next_step: str | None = None, due: datetime | None = None, ws: str = WS) -> None:
    uow.session.add(FollowUp(
        workspace_id=ws, author_id=author, source="test", source_key=f"{author}{at}{summary}",
        raw_text=summary, status="recorded", customer_id=customer_id, summary=summary,
        next_step=next_step, due_at=due, created_at=at, updated_at=at))


def _task(uow, customer_id: int | None, owner: str, title: str, due: datetime,
          status: str = "open", done_at: datetime | None = None) -> None:
    uow.session.add(Task(
        workspace_id=WS, owner_id=owner, customer_id=customer_id, title=title, origin="test",
        status=status, due_at=due, tz="Asia/Shanghai", overdue_at=due + timedelta(hours=1),
        done_at=done_at, created_at=LONG_AGO, updated_at=LONG_AGO))


def _move(uow, customer_id: int, axis: str, old: str | None, new: str, at: datetime,
          actor: str = REP) -> None:
    uow.classifications.add(ClassificationChange(
        workspace_id=WS, customer_id=customer_id, axis=axis, old=old, new=new, actor=actor,
        at=at, source="command"))


def _seed(services: ServiceContext) -> dict[str, int]:
    with services.uow() as uow:
        ids = {
            "zeta": _customer(uow, "Zeta", REP, "qualified", "A", "A"),
            "acme": _customer(uow, "Acme", REP, "negotiating", "A", "B"),
            "beta": _customer(uow, "Beta", REP, "inquiry", "B", "C"),
            "gamma": _customer(uow, "Gamma", REP, "first_meeting", "C", None),
            "won": _customer(uow, "Wonco", REP, "won", "A", "A"),
            "lost": _customer(uow, "Lostco", REP2, "lost", None, "B"),
            "delta": _customer(uow, "Delta", REP2, "negotiating", "B", "A"),
            "cold": _customer(uow, "NoStage", REP2, None, None),
            "foreign": _customer(uow, "Foreign", OUTSIDER, "negotiating", "A", "A"),
        }
        # Acme was contacted yesterday and has an open task; Zeta's last contact is 10 days
        # old (tier A: stalled); Beta 10 days (tier C: fine); Gamma never (stalled).
        _log(uow, ids["acme"], REP, NOW - timedelta(days=1), "Called Acme, price agreed",
             "send contract", NOW + timedelta(days=2))
        _log(uow, ids["acme"], REP, NOW - timedelta(days=5), "older call")
        _task(uow, ids["acme"], REP, "Send the contract to Acme", NOW + timedelta(days=1))
        _log(uow, ids["zeta"], REP, NOW - timedelta(days=10), "Zeta demo",
             "call back", NOW - timedelta(days=3))
        _log(uow, ids["beta"], REP, NOW - timedelta(days=10), "Beta intro")
        _log(uow, ids["delta"], REP2, MORNING + timedelta(hours=2), "Delta visit\x1b[31m today")
        _log(uow, ids["foreign"], OUTSIDER, MORNING, "not our team")
        _task(uow, ids["beta"], REP, "Quote for Beta", NOW - timedelta(days=2))
        _task(uow, None, REP2, "Weekly report", MORNING - timedelta(days=1), status="done",
              done_at=MORNING + timedelta(hours=1))
        _task(uow, ids["foreign"], OUTSIDER, "Other team's task", NOW - timedelta(days=3))
        # Today's moves (local day) and yesterday's one (not today).
        _move(uow, ids["acme"], "likelihood", "B", "A", MORNING + timedelta(hours=3))
        _move(uow, ids["delta"], "likelihood", "A", "B", MORNING + timedelta(hours=4), REP2)
        _move(uow, ids["lost"], "stage", "negotiating", "lost", MORNING + timedelta(hours=5))
        _move(uow, ids["gamma"], "stage", None, "first_meeting", MORNING)
        _move(uow, ids["beta"], "likelihood", "C", "B", MORNING - timedelta(hours=10))
        uow.commit()
    return ids


def test_the_team_picture_counts_only_the_teams_open_deals(services: ServiceContext) -> None:
    _seed(services)
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    assert review.by_stage == (("inquiry", 1), ("first_meeting", 1), ("qualified", 1),
                               ("negotiating", 2))
    assert review.by_likelihood == (("A", 2), ("B", 2), ("C", 1))
    assert dict(review.moves) == {"new": 1, "upgraded": 1, "downgraded": 1, "won": 0,
                                  "lost": 1}
    assert review.overdue_count == 1
    assert not review.a_drought  # Acme became A today


def test_a_rep_sees_a_deals_first_with_last_contact_and_next_step(
        services: ServiceContext) -> None:
    _seed(services)
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    rep = review.reps[0]
    assert rep.user_id == REP
    assert [(d.customer, d.stalled) for d in rep.a_deals] == [("Acme", False), ("Zeta", True)]
    acme = rep.a_deals[0]
    assert acme.last_contact == NOW - timedelta(days=1)
    assert (acme.next_step, acme.due_at) == ("Send the contract to Acme",
                                             NOW + timedelta(days=1))
    zeta = rep.a_deals[1]  # no open task: the last log's next step
    assert (zeta.next_step, zeta.due_at) == ("call back", NOW - timedelta(days=3))
    assert (rep.b_count, rep.c_count, rep.unrated_count) == (1, 1, 0)
    assert [d.customer for d in rep.stalled] == ["Zeta", "Gamma"]  # furthest down first
    assert [t.title for t in rep.overdue] == ["Quote for Beta"]


def test_a_deal_tagged_no_need_for_now_is_stalled_only_past_that_rows_cadence(
        services: ServiceContext) -> None:
    ids = _seed(services)
    with services.uow() as uow:
        uow.act_as(REP, NOW)
        for name, key in (("zeta", "no need for now"), ("foreign", "暂无需求")):
            customer = uow.session.get(Customer, ids[name])
            assert customer is not None
            uow.customers.add_tags(customer, [(key, tag_key(key))])
        uow.commit()
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    # Zeta's ten quiet days are within the row's month; Gamma, never contacted, is not.
    assert [d.customer for d in review.reps[0].stalled] == ["Gamma"]
    assert [(d.customer, d.stalled) for d in review.reps[0].a_deals] == [("Acme", False),
                                                                         ("Zeta", False)]


def test_moves_follow_the_customers_owner_and_the_local_day(services: ServiceContext) -> None:
    _seed(services)
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    rep, rep2 = review.reps
    assert [(m.customer, m.kind) for m in rep.moved] == [("Gamma", "new"), ("Acme", "upgraded")]
    assert [(m.customer, m.kind) for m in rep2.moved] == [("Delta", "downgraded"),
                                                          ("Lostco", "lost")]


def test_follow_ups_done_today_are_listed_per_rep(services: ServiceContext) -> None:
    _seed(services)
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    rep, rep2 = review.reps
    assert rep.tasks_done == () and rep.logs == ()
    assert [t.title for t in rep2.tasks_done] == ["Weekly report"]
    assert [(g.customer, g.summary) for g in rep2.logs] == [("Delta", "Delta visit\x1b[31m today")]
    assert rep2.overdue == () and rep2.stalled == ()  # Delta was visited today


def test_no_new_a_deal_for_three_working_days_is_a_drought(services: ServiceContext) -> None:
    with services.uow() as uow:
        acme = _customer(uow, "Acme", REP, "negotiating", "B")
        # Last Wednesday's A is outside Thu, Fri, Mon; the Saturday one is not a working day.
        _move(uow, acme, "likelihood", "B", "A", datetime(2026, 11, 18, 4, tzinfo=UTC))
        _move(uow, acme, "likelihood", "B", "A", datetime(2026, 11, 21, 4, tzinfo=UTC))
        uow.commit()
    review = build_review(services, "East", DAY, NOW)
    assert review is not None and review.a_drought
    assert review.drought_days == (date(2026, 11, 19), date(2026, 11, 20), DAY)
    # Reviewed the Thursday evening instead, Wednesday's A is in the window.
    assert not build_review(services, "East", date(2026, 11, 19), NOW).a_drought


def test_an_a_deal_without_a_stage_is_an_open_deal_everywhere(services: ServiceContext) -> None:
    with services.uow() as uow:
        bare = _customer(uow, "Bare", REP, None, "A")
        _customer(uow, "Nothing", REP, None, None)  # neither stage nor likelihood: no deal
        _move(uow, bare, "likelihood", None, "A", NOW - timedelta(days=2))
        uow.commit()
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    assert review.by_stage == (("no_stage", 1),)
    assert review.by_likelihood == (("A", 1),)
    [deal] = review.reps[0].a_deals
    assert (deal.customer, deal.stage, deal.aging) == ("Bare", "no_stage", False)


def test_an_a_deal_not_signed_within_its_week_is_flagged(services: ServiceContext) -> None:
    with services.uow() as uow:
        old = _customer(uow, "Old", REP, "negotiating", "A")
        fresh = _customer(uow, "Fresh", REP, "negotiating", "A")
        # Old has been A for eight days; Fresh was A long ago, fell to B, and is A again.
        _move(uow, old, "likelihood", "B", "A", NOW - timedelta(days=8))
        _move(uow, fresh, "likelihood", "B", "A", NOW - timedelta(days=30))
        _move(uow, fresh, "likelihood", "A", "B", NOW - timedelta(days=20))
        _move(uow, fresh, "likelihood", "B", "A", NOW - timedelta(days=3))
        _customer(uow, "Imported", REP, "qualified", "A")  # never moved: A since its file
        uow.commit()
    review = build_review(services, "East", DAY, NOW)
    assert review is not None
    aging = {d.customer: d.aging for d in review.reps[0].a_deals}
    assert aging == {"Old": True, "Fresh": False, "Imported": True}


def test_an_unknown_team_has_no_review(services: ServiceContext) -> None:
    assert build_review(services, "Nowhere", DAY, NOW) is None
