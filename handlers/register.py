"""Explicit registration of every listener (manifest.yml is checked against handlers/ids.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.services.context import ServiceContext
from handlers import ids
from handlers.actions.clicks import ack_at_once
from handlers.actions.customers import (
    ack_customer_open,
    handle_customer_classify,
    handle_customer_edit,
    handle_customer_open,
)
from handlers.actions.home import handle_home_more
from handlers.actions.logs import FORMS, handle_log_action, handle_log_form
from handlers.actions.pool import DOES, handle_customer_assign, handle_pool_action
from handlers.actions.review import handle_review_open
from handlers.actions.tasks import handle_task_action, handle_task_reschedule
from handlers.commands.customer import ack_customer, handle_customer
from handlers.commands.customers import ack_customers, handle_customers
from handlers.commands.log import handle_log
from handlers.commands.pool import ack_pool, handle_handover, handle_pool
from handlers.commands.review import ack_review, handle_review
from handlers.commands.settings import ack_settings, handle_settings
from handlers.commands.stats import ack_stats, handle_stats
from handlers.commands.tasks import ack_tasks, handle_tasks
from handlers.commands.team import handle_team
from handlers.errors import handle_error
from handlers.guard import refusal
from handlers.messages.dm import handle_direct_message
from handlers.messages.home import handle_home_opened
from handlers.outbound import give_clean_answers
from handlers.register_complaints import register_complaints
from handlers.register_losses import register_losses
from handlers.register_revisits import register_revisits
from handlers.views.customers import (
    handle_edit_customer_submission,
    handle_new_customer_submission,
)
from handlers.views.forms import handle_edit_log_submission, handle_reschedule_submission


class _Prepare(Middleware):
    """Before every listener: refuse another workspace's request, give the listener the
    cleaning ack, respond and say, and attach the services, the current time and the
    workspace. One middleware for all of it, and one of Bolt's own kind: a function
    middleware has its arguments built anew for every request (thirty-odd of them, 3% of an
    acknowledgement's CPU in cProfile)."""

    def __init__(self, services: ServiceContext, clock: Callable[[], datetime]) -> None:
        self._services = services
        self._clock = clock

    def process(self, *, req: BoltRequest, resp: BoltResponse,
                next: Callable[[], BoltResponse]) -> BoltResponse | None:
        context, body = req.context, req.body
        refused = refusal(context, body)  # another workspace: before anything else
        if refused is not None:
            return refused
        give_clean_answers(context)
        context["services"] = self._services
        context["now"] = self._clock()
        context["workspace_id"] = (context.team_id or context.enterprise_id
                                   or body.get("team_id") or "")
        next()
        return None  # as a function middleware did: a request no listener takes is a 404

    @property
    def name(self) -> str:
        return "Prepare"


def register(app: App, services: ServiceContext, clock: Callable[[], datetime]) -> None:
    """Attach the services, the current time and every listener to the app."""

    app.use(_Prepare(services, clock))
    app.error(handle_error)
    app.command(ids.COMMAND_LOG)(handle_log)
    app.command(ids.COMMAND_TASKS)(ack=ack_tasks, lazy=[handle_tasks])
    app.command(ids.COMMAND_CUSTOMER)(ack=ack_customer, lazy=[handle_customer])
    app.command(ids.COMMAND_TEAM)(handle_team)
    app.command(ids.COMMAND_REVIEW)(ack=ack_review, lazy=[handle_review])  # handlers/later.py
    app.command(ids.COMMAND_CUSTOMERS)(ack=ack_customers, lazy=[handle_customers])
    app.command(ids.COMMAND_SETTINGS)(ack=ack_settings, lazy=[handle_settings])
    app.command(ids.COMMAND_STATS)(ack=ack_stats, lazy=[handle_stats])  # handlers/later.py
    app.command(ids.COMMAND_POOL)(ack=ack_pool, lazy=[handle_pool])
    app.command(ids.COMMAND_HANDOVER)(handle_handover)
    for action_id in DOES:
        app.action(action_id)(handle_pool_action)
    app.action(ids.CUSTOMER_ASSIGN)(handle_customer_assign)
    app.event("message")(handle_direct_message)
    app.event("app_home_opened")(handle_home_opened)
    app.action(ids.HOME_MORE)(handle_home_more)
    for action_id in (ids.LOG_UNDO, ids.LOG_CREATE_CUSTOMER, ids.LOG_PICK_CUSTOMER,
                      ids.LOG_USE_ALTERNATIVE, ids.LOG_ASK_SHARE, ids.LOG_SHARE,
                      ids.LOG_DECLINE_SHARE):
        app.action(action_id)(handle_log_action)
    # A control that opens a form answers empty at once; the form follows on its trigger.
    for action_id in FORMS:
        app.action(action_id)(ack=ack_at_once, lazy=[handle_log_form])
    app.action(re.compile(f"^({ids.TASK_DONE}|task_snooze_.+)$"))(handle_task_action)
    app.action(ids.TASK_RESCHEDULE)(ack=ack_at_once, lazy=[handle_task_reschedule])
    app.action(ids.REVIEW_OPEN_CUSTOMER)(handle_review_open)
    app.view(ids.VIEW_EDIT_LOG)(handle_edit_log_submission)
    app.view(ids.VIEW_RESCHEDULE)(handle_reschedule_submission)
    app.action(ids.CUSTOMER_OPEN)(ack=ack_customer_open, lazy=[handle_customer_open])
    app.action(ids.CUSTOMER_EDIT)(ack=ack_at_once, lazy=[handle_customer_edit])
    for menu_id in ids.CLASSIFY_MENUS:
        app.action(menu_id)(handle_customer_classify)
    app.view(ids.VIEW_CUSTOMER_EDIT)(handle_edit_customer_submission)
    for callback_id in (ids.VIEW_CUSTOMER_NEW, ids.VIEW_CUSTOMER_CONFIRM):
        app.view(callback_id)(handle_new_customer_submission)
    register_complaints(app)
    register_revisits(app)
    register_losses(app)
