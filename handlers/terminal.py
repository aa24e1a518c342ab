"""The terminal shell: Slack payloads typed by a person, Block Kit shown as text.

It drives the very same Bolt app and services as Slack does; only the transport differs:
requests are dispatched in-process and the Web API calls land here instead of Slack.
"""

from __future__ import annotations

import itertools
import json
import queue
import re
import uuid
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest

from bot.catalog import N_, tr
from bot.services.ports import OutgoingMessage, Receipt
from handlers.render import SlackCall, render
from handlers.terminal_forms import CANCEL, ask_form, keep_typed
from handlers.terminal_input import ReadLine
from handlers.terminal_screen import Form, Screen

TEAM = "T0SHELL"
CHANNEL = "D0SHELL"
# The shell's own words are in the terminal's language (LANG), like its prompts.
HELP = N_("""Type what happened (a direct message to the bot), or a command:
  /log Acme Corp: called Li, send quote by Friday 3pm
  /tasks                 your open tasks
  /customer new          a new customer (a form; /cancel leaves a form)
  /customers tag:urgent  find customers (/customers help)
  /review                post your team's nightly review now (as its lead; shown here)
  <number>               press the button with that number
  /sweep                 look for due reminders now (they also arrive on their own)
  /as U0REP2             act as another person from now on (a rep, a lead, an admin)
  /quit                  leave (everything is kept in the database)
Messages the bot sends someone else are shown too, marked "→ to @THEM".""")
_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


class TerminalNotifier:
    """The Notifier for the shell: what would go to Slack is shown on screen instead."""

    def __init__(self, screen: Screen, forms: queue.Queue[Form],
                 tz_of: Callable[[str], str], locale: str | None = None,
                 lang: str = "en") -> None:
        self.screen, self.forms, self.tz_of = screen, forms, tz_of
        self.locale = locale  # the terminal's, standing in for a Slack client's
        self.lang = lang  # the shell's own words
        self._ts = 0

    def route(self, message: OutgoingMessage) -> tuple[str, str]:
        """The shell's screen has no limits: nothing is paced."""
        return "", message.recipient

    def deliver(self, message: OutgoingMessage) -> Receipt:
        call = render(message)
        return self.show_call(call.method, call.args)

    def show_call(self, method: str, args: dict[str, Any]) -> Receipt:
        """Show one Web API call (queued, or made by a listener itself such as views.open)."""
        call = SlackCall(method, args)
        self._ts += 1
        ts = _next_ts()
        if call.method == "users.info":
            user = str(call.args.get("user", ""))
            return Receipt(data={"tz": self.tz_of(user), "name": user, "locale": self.locale})
        if call.method == "views.open":
            self.forms.put(Form(call.args["view"]))
            return Receipt()
        if call.method == "views.push":  # a read-only view over a form: show it
            self.screen.show("bot", call.args["view"], message_key=f"m{self._ts}")
            return Receipt()
        if call.method == "views.update":  # what a form that said "Checking…" became
            view = call.args["view"]
            self.screen.show("bot", view, message_key=f"m{self._ts}", in_form="submit" in view)
            if "submit" in view:  # the form again: filled in once the worker is done
                self.forms.put(Form(view))
            return Receipt()
        if call.method == "reactions.add":
            self.screen.say(tr(self.lang, "[bot reacted :{name}:]",
                               name=call.args.get("name")))
            return Receipt()
        channel = str(call.args.get("channel") or CHANNEL)
        shared = channel.startswith(("C", "G"))  # a team channel, not this conversation
        self.screen.show(_sender(call.method, channel, call.args.get("thread_ts"),
                                 self.screen.me, self.lang),
                         call.args, message_key=f"m{self._ts}")
        return Receipt(channel=channel if shared else CHANNEL, ts=ts)


def _sender(method: str, channel: str, thread_ts: object, me: str, lang: str) -> str:
    """Where a message went, as its heading: this conversation, a channel, or someone's DM."""
    if method == "response_url":
        return tr(lang, "bot (updated)")
    if channel.startswith(("C", "G")):
        if thread_ts:
            return tr(lang, "bot in #{channel} (thread)", channel=channel)
        return tr(lang, "bot in #{channel}", channel=channel)
    if _SLACK_USER.match(channel) and channel != me:
        # Shown here because the shell is every person's Slack; it is not meant for you.
        return tr(lang, "bot → to @{user} (DM)", user=channel)
    return tr(lang, "bot")


class Shell:
    """Reads lines, turns them into Slack requests for the app, shows what comes back."""

    def __init__(self, app: App, screen: Screen, forms: queue.Queue[Form], read: ReadLine,
                 sweep: Callable[[], object], settle: Callable[[], object],
                 whois: Callable[[str], str], lang: str = "en") -> None:
        self.app, self.screen, self.forms, self.read = app, screen, forms, read
        self.sweep, self.settle, self.whois = sweep, settle, whois
        self.lang = lang  # the shell's own words: the terminal's language

    @property
    def user(self) -> str:
        """Who is typing: every request is sent as this person."""
        return self.screen.me

    def run(self) -> None:
        self.screen.say(tr(self.lang, HELP))
        while True:
            self.settle()
            if not self.forms.empty():
                self._fill_forms()
                continue  # what the form's submit queued is shown before the next prompt
            line = self.read(tr(self.lang, "you> "))
            if line is None:
                self.screen.say("")
                return
            line = line.strip()
            if not line:
                continue
            if line in ("/quit", "/exit"):
                return
            self.handle(line)

    def handle(self, line: str) -> None:
        if line == "/help":
            self.screen.say(tr(self.lang, HELP))
        elif line == "/sweep":
            self.sweep()
        elif line == "/as" or line.startswith("/as "):
            self._act_as(line.removeprefix("/as").strip())
        elif line.isdigit():
            self._press(int(line))
        elif line.startswith("/"):
            command, _, text = line.partition(" ")
            body = self._dispatch(_form({
                "command": command, "text": text, "user_id": self.user, "team_id": TEAM,
                "channel_id": CHANNEL, "trigger_id": uuid.uuid4().hex,
                "response_url": f"shell://{uuid.uuid4().hex}"}))
            if isinstance(body, dict):
                self.screen.show("bot", body, message_key=f"c{uuid.uuid4().hex}")
            elif body == "not found":
                self.screen.say(tr(self.lang, "Unknown command {command}. Try /log, /tasks or "
                                              "/help.", command=command))
        else:
            ts = _next_ts()
            self._dispatch(_json({"type": "event_callback", "team_id": TEAM,
                                  "event_id": f"Ev{uuid.uuid4().hex[:10]}",
                                  "event": {"type": "message", "channel_type": "im",
                                            "channel": CHANNEL, "user": self.user,
                                            "text": line, "ts": ts, "team": TEAM}}))

    def _act_as(self, user: str) -> None:
        if not _SLACK_USER.match(user):
            self.screen.say(tr(self.lang, "You are {who}. To act as someone else, give their "
                                          "Slack user ID: /as U0REP2",
                               who=self.whois(self.user)))
            return
        self.screen.me = user
        self.screen.say(tr(self.lang, "You are now {who}.", who=self.whois(user)))

    def _press(self, number: int) -> None:
        button = self.screen.buttons.get(number)
        if button is None:
            self.screen.say(tr(self.lang, "There is no button [{number}].", number=number))
            return
        action: dict[str, Any] = {"action_id": button.action_id, "block_id": button.block_id,
                                  "type": "button", "value": button.value,
                                  "action_ts": _next_ts()}
        if button.menu:
            del action["value"]
            action.update(type="static_select", selected_option={
                "text": {"type": "plain_text", "text": button.label}, "value": button.value})
        where: dict[str, Any] = (
            {"container": {"type": "view", "view_id": "VSHELL"}} if button.in_form else
            {"container": {"type": "message", "channel_id": CHANNEL},
             "response_url": f"shell://{button.message_key}"})
        self._dispatch(_form({"payload": json.dumps({
            "type": "block_actions", "team": {"id": TEAM}, "user": {"id": self.user},
            "trigger_id": uuid.uuid4().hex, **where, "actions": [action]})}))

    def _fill_forms(self) -> None:
        while not self.forms.empty():
            view = self.forms.get().view
            view_id = f"VSHELL{uuid.uuid4().hex[:10]}"  # one per form, as Slack gives it
            self.screen.say(tr(self.lang, "[form] {title} (Enter keeps the value shown)",
                               title=view["title"]["text"]))
            while True:
                values = ask_form(view, self.read)
                if values is None:
                    return
                answer = self._dispatch(_form({"payload": json.dumps({
                    "type": "view_submission", "team": {"id": TEAM}, "user": {"id": self.user},
                    "view": {"id": view_id, "callback_id": view["callback_id"],
                             "type": "modal",
                             "private_metadata": view.get("private_metadata", ""),
                             "state": {"values": values}}})}))
                if not isinstance(answer, dict):
                    return
                action = answer.get("response_action")
                if action == "update":  # the form again, under what the bot says about it
                    view = answer["view"]
                    self.screen.show("bot", view, message_key=f"v{uuid.uuid4().hex}",
                                     in_form=True)
                    if "submit" not in view:  # "Checking…": the worker's views.update follows
                        return
                    self.screen.say(tr(self.lang, "[form] {title} ({cancel} leaves it)",
                                       title=view["title"]["text"], cancel=CANCEL))
                    continue
                if action != "errors":
                    return
                for block_id, problem in answer["errors"].items():
                    self.screen.say(f"  {block_id}: {problem}")
                keep_typed(view, values)

    def _dispatch(self, request: tuple[str, str]) -> dict[str, Any] | str:
        body, content_type = request
        response = self.app.dispatch(BoltRequest(body=body,
                                                 headers={"content-type": [content_type]}))
        text = response.body if isinstance(response.body, str) else response.body.decode()
        if response.status == 404:
            return "not found"
        try:
            return dict(json.loads(text)) if text else ""
        except json.JSONDecodeError:
            return text


_SEQUENCE = itertools.count(1)
# DMs are deduplicated on their ts, so each shell session needs ids no earlier one used.
_SESSION = uuid.uuid4().int % 10**10


def _next_ts() -> str:
    """A message id shaped like Slack's ts, unique across sessions; not a clock reading."""
    return f"{_SESSION}.{next(_SEQUENCE):06d}"


def _form(fields: dict[str, str]) -> tuple[str, str]:
    from urllib.parse import urlencode

    return urlencode(fields), "application/x-www-form-urlencoded"


def _json(body: dict[str, Any]) -> tuple[str, str]:
    return json.dumps(body), "application/json"
