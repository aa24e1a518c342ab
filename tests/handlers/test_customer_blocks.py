"""The customer forms and card controls as Block Kit."""

from __future__ import annotations

from bot.services.views import CustomerView
from handlers import ids
from handlers.blocks.customer_actions import card_actions
from handlers.blocks.customer_modals import edit_form
from tests.e2e.harness import mrkdwn_texts


def test_edit_form_leaves_out_contact_and_a_field_too_long_for_slack() -> None:
    view = CustomerView(id=7, name="Acme", owner_id="U0REP",
                        fields={"name": "Acme", "needs": "x" * 3001}, may_edit_contact=False)
    form = edit_form(view, None)
    in_form = [b.get("block_id") for b in form["blocks"]]
    assert "needs" not in in_form and "phone" not in in_form and "email" not in in_form
    assert {"stage", "likelihood", "tier", "name", "tags"} <= set(in_form)
    assert form["private_metadata"] == "7|" and form["callback_id"] == ids.VIEW_CUSTOMER_EDIT
    assert "longer than a Slack form holds" in mrkdwn_texts(form["blocks"])


def test_card_menus_carry_the_customer_and_show_the_current_value() -> None:
    block = card_actions(CustomerView(id=7, name="Acme", owner_id="U0REP", stage="won"))
    edit, stage, likelihood = block["elements"]
    assert edit["value"] == "7" and stage["initial_option"]["value"] == "7:won"
    assert [o["value"] for o in stage["options"]][:2] == ["7:inquiry", "7:first_meeting"]
    assert "initial_option" not in likelihood and len(likelihood["options"]) == 3
