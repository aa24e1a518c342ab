"""A form's mistakes are said in the submitter's own language: under the field before Slack's
answer (the New-customer and Edit forms' checks, an expired Edit-log or Reschedule form, a
Reschedule without a time), and below the card after it (a time that cannot be read, a name
another customer has). On SQLite and PostgreSQL: the language chosen with /settings is
stored, and read once when a form is refused."""

from __future__ import annotations

from typing import Any

from handlers import ids
from tests.e2e.harness import RunningBot, mrkdwn_texts
from tests.e2e.test_core_loop import REP
from tests.e2e.test_customer_forms import _answered, _open_form, _submit, _values
from tests.e2e.test_forms_answered_first import _answers, _customer, _edit
from tests.fakes import TEAM_ID, FakeSlack, view_submission


def _choose(bot: RunningBot, language: str) -> None:
    bot.ask(ids.COMMAND_SETTINGS, f"language {language}", REP)


def _errors(body: dict[str, Any] | str) -> dict[str, str]:
    assert isinstance(body, dict) and body["response_action"] == "errors", body
    return dict(body["errors"])


def _expired(bot: RunningBot, callback_id: str, **values: Any) -> dict[str, str]:
    status, body = bot.send(view_submission(callback_id, values, user_id=REP, team_id=TEAM_ID,
                                            private_metadata="gone"))
    assert status == 200
    return _errors(body)


def _when(text: str) -> dict[str, Any]:
    return {ids.FIELD_WHEN: {ids.FIELD_WHEN: {"type": "plain_text_input", "value": text}}}


def test_form_mistakes_are_said_in_the_language_the_person_chose(
        bot: RunningBot, slack: FakeSlack) -> None:
    _choose(bot, "zh")
    view, _ = _open_form(bot, slack)
    wrong = _errors(_submit(bot, view, email="li@", kind="robot", tags="ok, <b>"))
    assert wrong == {"email": "“li@”不是邮箱地址。", "kind": "请选择公司或个人。",
                     "tags": "标签“<b>”含有 '<' '>'：标签只能包含文字、数字、空格和 - _ . / & +。"}
    assert _errors(_submit(bot, view, industry="", phone="", first_contact="")) == {
        "industry": "公司客户必填。", "first_contact": "公司客户必填。",
        "phone": "电话和邮箱至少填一项。"}
    assert _expired(bot, ids.VIEW_EDIT_LOG) == {ids.FIELD_SUMMARY: "这个表单已过期。"}
    assert _expired(bot, ids.VIEW_RESCHEDULE, **_when("明天")) == {
        ids.FIELD_WHEN: "这个表单已过期。"}
    status, body = bot.send(view_submission(ids.VIEW_RESCHEDULE, _when(""), user_id=REP,
                                            team_id=TEAM_ID, private_metadata="7|"))
    assert _errors(body) == {ids.FIELD_WHEN: "请写明时间，例如“明天下午3点”。"}
    status, body = bot.send(view_submission(ids.VIEW_CUSTOMER_EDIT, _values(), user_id=REP,
                                            team_id=TEAM_ID, private_metadata="gone"))
    assert _errors(body) == {"name": "这个表单已过期。"}


def test_what_the_worker_refuses_is_said_below_the_card_in_the_persons_language(
        bot: RunningBot, slack: FakeSlack) -> None:
    customer_id = _customer(bot, slack)
    _customer(bot, slack, "Globex", phone="+86 139 1111 2222")
    for language, said in (("zh", "未保存：已有另一个客户叫 Globex。"),
                           ("en", "Not saved: Another customer is called Globex.")):
        _choose(bot, language)
        hook = slack.response_url()
        assert _edit(bot, customer_id, hook, name="Globex", industry="Robotics") == ""
        bot.settle()
        (answer,) = _answers(slack, hook)
        assert said in mrkdwn_texts(answer["blocks"])


def test_an_english_reader_gets_english_field_errors(bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    wrong = _errors(_submit(bot, view, email="li@", phone="12", source_channel="tv"))
    assert wrong == {"email": "“li@” is not an e-mail address.",
                     "phone": "“12” is not a phone number.",
                     "source_channel": "Choose one of: Phone, Visit, Web form, Trade show, "
                                       "Referral, Partner or Other."}
    again = _answered(bot, slack, view)
    assert "Created Acme Corp" in mrkdwn_texts(again["blocks"])


def test_a_name_another_customer_has_is_refused_in_the_persons_language(
        bot: RunningBot, slack: FakeSlack) -> None:
    view, _ = _open_form(bot, slack)
    _answered(bot, slack, view)
    _choose(bot, "zh")
    view, _ = _open_form(bot, slack)
    again = _answered_in_chinese(bot, slack, view)  # warned: the name is taken
    refused = _answered_in_chinese(bot, slack, again)  # pressed again, the name unchanged
    assert "已有同名客户：请换一个名称。" in mrkdwn_texts(refused["blocks"])


def _answered_in_chinese(bot: RunningBot, slack: FakeSlack, view: dict[str, Any]
                         ) -> dict[str, Any]:
    since = len(slack.calls)
    checking = _submit(bot, view, view_id=view["id"])
    assert isinstance(checking, dict)
    assert "正在查找相似的客户" in mrkdwn_texts(checking["view"]["blocks"])
    bot.settle()
    bot.past_the_answer()
    updated = slack.wait_for(lambda c: c.method == "views.update"
                             and c.params["view_id"] == view["id"], since=since)
    return {**updated.params["view"], "id": view["id"]}
