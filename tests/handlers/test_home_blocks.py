"""The Home tab's blocks: five items a list with a "more" button for the rest, up to 30 in
the list it opened, and never more than Slack's 100 blocks (a note says where the rest is)."""

from __future__ import annotations

from datetime import timedelta

from bot.services.figures.payload import team_figures_to_payload
from bot.services.home.view import SECTIONS, HomeView
from bot.services.views import TaskView
from handlers import ids
from handlers.blocks.home import MAX_BLOCKS, home_view
from tests.e2e.harness import block_texts
from tests.handlers.hostile import NOW, USER
from tests.handlers.hostile_stats import stats_answers


def _view(expanded: str | None, n: int, lead: bool, upcoming: int = 5) -> HomeView:
    tasks = tuple(TaskView(id=i, title=f"call {i}", owner_id=USER, status="open",
                           tz="Asia/Shanghai", due=NOW + timedelta(hours=i), overdue=True)
                  for i in range(n))
    figures = stats_answers("East")[0].figures
    return HomeView(
        user=USER, lang="en", tz="Asia/Shanghai", expanded=expanded,
        overdue=tasks[:30 if expanded == "overdue" else 5], upcoming=tasks[:upcoming],
        revisits=(("Acme", "3d", "2026-11-30"),) * 5, a_deals=((4, "Acme", "won", True),) * 5,
        complaints=((7, "Acme", "high", "open"),) * 5,
        returning=((4, "Acme", NOW.isoformat()),) * 5,
        counts={**dict.fromkeys(SECTIONS, 5), "overdue": n},
        team="East" if lead else None,
        figures=team_figures_to_payload(figures) if lead and figures else None,
        late_reps=((USER, 3),) * 3 if lead else ())


def _more_buttons(view: dict) -> list[str]:  # type: ignore[type-arg]
    return [e["value"] for b in view["blocks"] if b["type"] == "actions"
            for e in b["elements"] if e["action_id"] == ids.HOME_MORE]


def test_five_a_list_and_a_more_button_for_the_rest() -> None:
    view = home_view(_view(None, 12, lead=False))
    assert _more_buttons(view) == ["overdue"]  # 12 overdue, five shown
    assert "7 more" in block_texts(view["blocks"]) and len(view["blocks"]) <= MAX_BLOCKS


def test_an_opened_list_of_thirty_and_a_leads_part_stay_within_100_blocks() -> None:
    small = home_view(_view("overdue", 31, lead=False))
    assert "call 29" in block_texts(small["blocks"]) and "call 30" not in block_texts(
        small["blocks"])
    assert _more_buttons(small) == []  # the opened list points to /tasks for the rest
    assert "…and 1 more (`/tasks`, `/revisit`)." in block_texts(small["blocks"])
    lead = home_view(_view("overdue", 31, lead=True))  # the most the service builds
    assert len(lead["blocks"]) <= MAX_BLOCKS and "`/stats` have it all" not in block_texts(
        lead["blocks"])
    full = home_view(_view("overdue", 31, lead=True, upcoming=30))  # more than it builds
    texts = block_texts(full["blocks"])
    assert len(full["blocks"]) == MAX_BLOCKS  # cut at Slack's limit
    assert full["blocks"][-1]["type"] == "context"
    assert "more than the Home tab holds: `/tasks` and `/stats` have it all" in texts
