"""The Web API methods FakeSlack answers, built from the shared response fixtures."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from tests.fakes._files import FakeFiles
from tests.fakes._fixtures import FIXTURES_DIR, load_fixture
from tests.fakes.signing import new_ts

if TYPE_CHECKING:
    from tests.fakes.slack_api import FakeSlack

Result = dict[str, Any]
_VIEW_DEFAULTS: tuple[tuple[str, Any], ...] = (
    ("blocks", []),
    ("callback_id", ""),
    ("private_metadata", ""),
    ("external_id", ""),
    ("submit", None),
    ("close", None),
)


def error(code: str) -> Result:
    """The body Slack sends for an API error (from web-api/errors/ when a fixture exists)."""
    path = FIXTURES_DIR / "web-api" / "errors" / f"{code}.json"
    if path.exists():
        return dict(load_fixture(f"web-api/errors/{code}.json")["body"])
    return {"ok": False, "error": code}


class WebMethods:
    """State (users, messages, views, reactions) and one function per Web API method."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.users: dict[str, Result] = {}
        self.uploads = FakeFiles(fake)
        self.reset()
        self.table: dict[str, Callable[[Result], Result]] = {
            "auth.test": self.auth_test,
            "users.info": self.users_info,
            "users.list": self.users_list,
            "conversations.open": self.conversations_open,
            "chat.postMessage": self.chat_post_message,
            "chat.postEphemeral": self.chat_post_ephemeral,
            "chat.update": self.chat_update,
            "chat.delete": self.chat_delete,
            "views.open": self.views_open,
            "views.push": self.views_push,
            "views.update": self.views_update,
            "views.publish": self.views_publish,
            "reactions.add": self.reactions_add,
            "apps.connections.open": self.apps_connections_open,
            "files.getUploadURLExternal": self.uploads.get_upload_url,
            "files.completeUploadExternal": self.uploads.complete,
        }
        self.socket_url: str | None = None  # set by a FakeSocketMode server

    def reset(self) -> None:
        """Forget messages, views, reactions and used trigger ids."""
        self.messages: dict[tuple[str, str], Result] = {}
        self.deleted: set[tuple[str, str]] = set()
        self.views: dict[str, Result] = {}
        self.home_tabs: dict[str, Result] = {}
        self.reactions: set[tuple[str, str, str]] = set()
        self.used_triggers: set[str] = set()
        # Not restarted: Slack never gives two views one id, and a submit is known by its view.
        self._view_serial = getattr(self, "_view_serial", 0)
        if hasattr(self, "uploads"):
            self.uploads.reset()

    def dispatch(self, method: str, params: Result) -> Result:
        """Answer one method call (the caller holds the fake's lock)."""
        handler = self.table.get(method)
        return handler(params) if handler else {"ok": False, "error": "unknown_method"}

    def add_user(
        self,
        user_id: str,
        *,
        tz: str = "America/Los_Angeles",
        name: str | None = None,
        username: str | None = None,
        tz_offset: int | None = None,
        tz_label: str | None = None,
        locale: str = "en-US",
        email: str | None = None,
        is_bot: bool = False,
        deleted: bool = False,
    ) -> Result:
        """Build a users.info ``user`` object from the fixture and store it."""
        user: Result = load_fixture("web-api/users.info.ok.json")["user"]
        local = datetime.now(UTC).astimezone(ZoneInfo(tz))
        offset = local.utcoffset()
        real_name = name or user_id
        handle = username or real_name.lower().replace(" ", ".")
        user.update(
            id=user_id,
            team_id=self.fake.team_id,
            name=handle,
            real_name=real_name,
            tz=tz,
            tz_label=tz_label or local.tzname() or tz,
            tz_offset=tz_offset
            if tz_offset is not None
            else int(offset.total_seconds() if offset else 0),
            is_bot=is_bot,
            deleted=deleted,
            is_admin=False,
            locale=locale,
        )
        user["profile"].update(
            real_name=real_name,
            real_name_normalized=real_name,
            display_name=handle,
            display_name_normalized=handle,
            email=email or f"{handle}@example.com",
            team=self.fake.team_id,
        )
        self.users[user_id] = user
        return user

    def _public_user(self, user: Result, params: Result) -> Result:
        shown = dict(user)
        if str(params.get("include_locale", "")).lower() not in ("1", "true"):
            shown.pop("locale", None)  # Slack only sends it when include_locale=true
        return shown

    def auth_test(self, params: Result) -> Result:
        body: Result = load_fixture("web-api/auth.test.bot_token.bolt_python_mock.json")["body"]
        f = self.fake
        body.update(team=f.team, team_id=f.team_id, user_id=f.user_id, bot_id=f.bot_id)
        body["is_enterprise_install"] = False
        return body

    def users_info(self, params: Result) -> Result:
        user = self.users.get(params.get("user", ""))
        if user is None:
            return error("user_not_found")
        return {"ok": True, "user": self._public_user(user, params)}

    def users_list(self, params: Result) -> Result:
        body: Result = load_fixture("web-api/users.list.ok.json")
        body["members"] = [self._public_user(u, params) for u in self.users.values()]
        body["response_metadata"] = {"next_cursor": ""}
        return body

    def conversations_open(self, params: Result) -> Result:
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if params.get("channel"):
            channel = str(params["channel"])
        elif len(users) == 1:
            channel = self.fake.dm_channel(users[0])
        elif users:
            channel = "G" + hashlib.sha1(",".join(sorted(users)).encode()).hexdigest()[:10].upper()
        else:
            return error("users_list_not_supplied")
        body: Result = load_fixture("web-api/conversations.open.ok.json")
        body["channel"]["id"] = channel
        return body

    def _message(self, params: Result, ts: str) -> Result:
        msg: Result = load_fixture("web-api/chat.postMessage.ok.json")["message"]
        for legacy in ("attachments", "username", "subtype"):
            msg.pop(legacy)
        msg.update(
            ts=ts,
            text=params.get("text", ""),
            bot_id=self.fake.bot_id,
            user=self.fake.user_id,
            app_id=self.fake.app_id,
            team=self.fake.team_id,
        )
        for key in ("blocks", "attachments", "thread_ts", "metadata"):
            if params.get(key):
                msg[key] = params[key]
        return msg

    def chat_post_message(self, params: Result) -> Result:
        channel = str(params.get("channel") or "")
        if not channel:
            return error("channel_not_found")
        if not any(params.get(k) for k in ("text", "blocks", "attachments")):
            return error("no_text")
        channel = self.fake.dm_channel(channel)
        ts = new_ts()
        msg = self._message(params, ts)
        self.messages[(channel, ts)] = msg
        body: Result = load_fixture("web-api/chat.postMessage.ok.json")
        body.update(channel=channel, ts=ts, message=msg)
        return body

    def chat_post_ephemeral(self, params: Result) -> Result:
        if not params.get("channel"):
            return error("channel_not_found")
        if not params.get("user"):
            return error("user_not_found")
        if not any(params.get(k) for k in ("text", "blocks", "attachments")):
            return error("no_text")
        body: Result = load_fixture("web-api/chat.postEphemeral.ok.json")
        body["message_ts"] = new_ts()
        return body

    def chat_update(self, params: Result) -> Result:
        key = (self.fake.dm_channel(str(params.get("channel") or "")), str(params.get("ts") or ""))
        if not key[0]:
            return error("channel_not_found")
        if not key[1] or key in self.deleted:
            return error("message_not_found")
        msg = self.messages.setdefault(key, self._message(params, key[1]))
        msg.update({k: params[k] for k in ("text", "blocks", "attachments") if k in params})
        body: Result = load_fixture("web-api/chat.update.ok.json")
        body.update(channel=key[0], ts=key[1], text=msg.get("text", ""))
        body["message"] = {
            k: v for k, v in msg.items() if k in ("text", "user", "blocks", "attachments")
        }
        return body

    def chat_delete(self, params: Result) -> Result:
        key = (self.fake.dm_channel(str(params.get("channel") or "")), str(params.get("ts") or ""))
        if not key[0]:
            return error("channel_not_found")
        if not key[1] or key in self.deleted:
            return error("message_not_found")
        self.messages.pop(key, None)
        self.deleted.add(key)
        body: Result = load_fixture("web-api/chat.delete.ok.json")
        body.update(channel=key[0], ts=key[1])
        return body

    def _view(self, fixture: str, params: Result, view_id: str | None = None) -> Result:
        view = params.get("view")
        if not isinstance(view, dict):
            return error("invalid_arguments")
        if view_id is None:
            self._view_serial += 1
            view_id = f"V{self._view_serial:08d}"
        body: Result = load_fixture(f"web-api/{fixture}")
        shown = body["view"]
        shown.update(
            {k: v for k, v in view.items() if k in shown or k in ("title", "submit", "close")}
        )
        for key, default in _VIEW_DEFAULTS:
            shown[key] = view.get(key, default)
        shown.update(
            id=view_id,
            root_view_id=view_id,
            team_id=self.fake.team_id,
            app_id=self.fake.app_id,
            bot_id=self.fake.bot_id,
            hash=new_ts(),
            state={"values": {}},
        )
        self.views[view_id] = shown
        return body

    def _with_trigger(self, fixture: str, params: Result) -> Result:
        problem = self.fake.trigger_error(params.get("trigger_id"))
        if problem == "invalid_arguments":
            return error("invalid_arguments_trigger_id")
        return error(problem) if problem else self._view(fixture, params)

    def views_open(self, params: Result) -> Result:
        return self._with_trigger("views.open.ok.json", params)

    def views_push(self, params: Result) -> Result:
        return self._with_trigger("views.push.ok.json", params)

    def views_update(self, params: Result) -> Result:
        view_id = params.get("view_id")
        if not view_id and params.get("external_id"):
            found = [
                v for v in self.views.values() if v.get("external_id") == params["external_id"]
            ]
            view_id = found[0]["id"] if found else None
        if not view_id:
            return error("not_found")  # unknown ids are accepted: views can come from builders
        return self._view("views.update.ok.json", params, view_id)

    def views_publish(self, params: Result) -> Result:
        if not params.get("user_id"):
            return error("invalid_arguments")
        body = self._view("views.publish.ok.json", params)
        if body.get("ok"):
            self.home_tabs[str(params["user_id"])] = body["view"]
        return body

    def reactions_add(self, params: Result) -> Result:
        key = (str(params.get("channel")), str(params.get("timestamp")), str(params.get("name")))
        if not all(params.get(k) for k in ("channel", "timestamp", "name")):
            return error("invalid_arguments")
        if key in self.reactions:
            return error("already_reacted")
        self.reactions.add(key)
        return {"ok": True}

    def apps_connections_open(self, params: Result) -> Result:
        if self.socket_url is None:
            return error("invalid_auth")
        return {"ok": True, "url": self.socket_url}
