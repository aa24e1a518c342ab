"""Every click or form naming a record that is not there, or not yours, is answered."""

from __future__ import annotations

from typing import Any

from handlers import ids
from store.models import Task
from tests.e2e.harness import RunningBot, block_texts, buttons
from tests.e2e.test_core_loop import _new_customer_log
from tests.fakes import TEAM_ID, FakeSlack, block_actions, view_submission

REP, REP2 = "U0REP", "U0REP2"
# Each menu's option value is "<id>:<choice>"; a choice it accepts.
MENUS = {ids.CUSTOMER_STAGE: "negotiating", ids.CUSTOMER_LIKELIHOOD: "A",
         ids.COMPLAINT_CATEGORY: "product", ids.COMPLAINT_PRIORITY: "high",
         ids.REVISIT_SCORE: "1:5"}
# A revisit's outcome buttons carry "<id>:<try>".
TRIES = dict.fromkeys(ids.REVISIT_OUTCOMES, ":1")
BUTTONS = tuple(a for a in ids.ACTIONS if a not in MENUS and a not in (
    ids.LOG_CREATE_CUSTOMER, ids.LOG_USE_ALTERNATIVE, ids.LOG_PICK_CUSTOMER))
NOT_IDS = ("99999999999999999999999999", "9223372036854775808", "2147483648", "-1", "0",
           "abc", "", "١٢", "²", " 7", "+7", "1_0", "7\n")
VALUES_A_CONTROL = 4
NO_SUCH_ROW = "2147483647"
# The card's people menu names its customer in its block id: a people menu carries no value.
PEOPLE_MENUS = (ids.CUSTOMER_ASSIGN,)


def _answer(bot: RunningBot, slack: FakeSlack, action_id: str, value: str,
            user: str = REP) -> dict[str, Any]:
    """Press a control; return what was posted back to the clicked message."""
    return _heard(slack, _press(bot, slack, action_id, value, user))


def _press(bot: RunningBot, slack: FakeSlack, action_id: str, value: str,
           user: str = REP) -> str:
    """Press a control; the response_url its answer will be posted to."""
    hook = slack.response_url()
    menu = {"selected_option": {"text": {"type": "plain_text", "text": "x"}, "value": value}}
    if action_id in PEOPLE_MENUS:
        request = block_actions(action_id, None, user_id=user, team_id=TEAM_ID,
                                response_url=hook, block_id=f"customer_{value}",
                                action={"type": "users_select", "selected_user": REP2})
    else:
        request = block_actions(action_id, None if action_id in MENUS else value, user_id=user,
                                team_id=TEAM_ID, response_url=hook,
                                action=menu if action_id in MENUS else None)
    assert bot.send(request)[0] == 200
    return hook


def _heard(slack: FakeSlack, hook: str, timeout: float = 5.0) -> dict[str, Any]:
    return slack.wait_for(lambda c: c.method == "response_url" and c.url == hook,
                          timeout).params


def _refused(answer: dict[str, Any], *, alone: bool = True) -> str:
    # A complaint button answers by replacing its message (the complaint as it is now).
    assert not alone or answer.get("replace_original") is False, answer
    return str(answer.get("text")) + block_texts(answer.get("blocks") or [])


def _bad_values_for_each_control() -> list[tuple[str, str]]:
    """Each control with VALUES_A_CONTROL of NOT_IDS, the window turning from one control to
    the next, so each bad value reaches about ten controls (the reading of every value alone is
    tests/domain/test_record_ids.py; this checks that every control reads through it)."""
    controls = BUTTONS + tuple(MENUS)
    return [(action_id, NOT_IDS[(n * VALUES_A_CONTROL + k) % len(NOT_IDS)])
            for n, action_id in enumerate(controls) for k in range(VALUES_A_CONTROL)]


def test_each_bad_value_reaches_many_controls_and_each_control_many_values() -> None:
    pairs = _bad_values_for_each_control()
    for value in NOT_IDS:
        assert sum(v == value for _, v in pairs) >= 10, value
    for action_id in BUTTONS + tuple(MENUS):
        assert len({v for a, v in pairs if a == action_id}) == VALUES_A_CONTROL, action_id


def test_values_that_name_no_record_are_refused_to_the_user(bot: RunningBot,
                                                            slack: FakeSlack) -> None:
    # Pressed all at once and heard after: one at a time, the round trips took half a minute.
    pressed = {(action_id, value): _press(bot, slack, action_id,
                                          f"{value}:{MENUS[action_id]}" if action_id in MENUS
                                          else value + TRIES.get(action_id, ""))
               for action_id, value in _bad_values_for_each_control()}
    for (action_id, value), hook in pressed.items():
        shown = _refused(_heard(slack, hook, timeout=60.0))
        assert "names nothing I can find" in shown, (action_id, value)
    shown = _refused(_answer(bot, slack, ids.LOG_PICK_CUSTOMER, "1:99999999999999999999"))
    assert "names nothing I can find" in shown


def test_ids_of_rows_that_do_not_exist_are_refused_to_the_user(bot: RunningBot,
                                                               slack: FakeSlack) -> None:
    # The Home tab's "more" names a list, not a row: refused by the test above.
    for action_id in tuple(b for b in BUTTONS if b != ids.HOME_MORE) + tuple(MENUS):
        value = f"{NO_SUCH_ROW}:{MENUS[action_id]}" if action_id in MENUS else \
            NO_SUCH_ROW + TRIES.get(action_id, "")
        shown = _refused(_answer(bot, slack, action_id, value),
                         alone=not action_id.startswith("complaint_"))
        assert "no longer exists" in shown or "only" in shown, (action_id, shown)


def _task_of_rep(bot: RunningBot, slack: FakeSlack) -> str:
    _new_customer_log(bot, slack, "Acme Corp: send quote by Friday 3pm")
    listing = bot.ask(ids.COMMAND_TASKS, "", REP)
    return buttons(listing["blocks"])[ids.TASK_DONE]


def test_reschedule_on_another_reps_task_is_refused(bot: RunningBot, slack: FakeSlack) -> None:
    task_id = _task_of_rep(bot, slack)
    shown = _refused(_answer(bot, slack, ids.TASK_RESCHEDULE, task_id, user=REP2))
    assert "You can only reschedule your own tasks" in shown
    assert "You can only change your own tasks" in _refused(
        _answer(bot, slack, ids.TASK_DONE, task_id, user=REP2))
    assert not [c for c in slack.calls_to("views.open")]


def test_a_row_of_another_workspace_is_not_found(bot: RunningBot, slack: FakeSlack) -> None:
    task_id = _task_of_rep(bot, slack)
    with bot.runtime.services.uow() as uow:
        task = uow.session.get(Task, int(task_id))
        assert task is not None
        task.workspace_id = "T0OTHER"
        uow.commit()
    expected = {ids.TASK_DONE: "no longer exists", ids.TASK_SNOOZE_1H: "no longer exists",
                ids.TASK_RESCHEDULE: "only reschedule your own"}
    for action_id, refusal in expected.items():
        assert refusal in _refused(_answer(bot, slack, action_id, task_id))
    with bot.runtime.services.uow() as uow:
        task = uow.session.get(Task, int(task_id))
        assert task is not None and task.status == "open"


def test_forms_naming_no_record_keep_the_form_open_with_a_reason(bot: RunningBot) -> None:
    forms = {ids.VIEW_RESCHEDULE: ({ids.FIELD_WHEN: {ids.FIELD_WHEN: "Friday 3pm"}},
                                   ids.FIELD_WHEN),
             ids.VIEW_EDIT_LOG: ({ids.FIELD_SUMMARY: {ids.FIELD_SUMMARY: "called"}},
                                 ids.FIELD_SUMMARY),
             ids.VIEW_COMPLAINT_REASSIGN: ({ids.FIELD_OWNER: {ids.FIELD_OWNER: {
                 "type": "users_select", "selected_user": REP2}}}, ids.FIELD_OWNER),
             ids.VIEW_REVISIT_REASON: ({ids.FIELD_REASON_TEXT: {ids.FIELD_REASON_TEXT: "late"}},
                                       ids.FIELD_REASON)}
    for callback_id, (values, field) in forms.items():
        for metadata in ("99999999999999999999|https://hooks.slack.com/x", "-1|", "|", "x"):
            status, body = bot.send(view_submission(callback_id, values, user_id=REP,
                                                    team_id=TEAM_ID,
                                                    private_metadata=metadata))
            assert status == 200 and isinstance(body, dict), (callback_id, metadata)
            assert body["response_action"] == "errors" and body["errors"][field], body
