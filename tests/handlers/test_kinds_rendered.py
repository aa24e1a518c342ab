"""Both halves of the registry of message kinds name the same kinds: each kind the services
declare (bot/services/delivery/kinds.py) has a renderer here, and no renderer is left over."""

from __future__ import annotations

from bot.services.delivery.kinds import KINDS
from handlers.render import RENDERERS


def test_every_message_kind_has_a_renderer_and_every_renderer_a_kind() -> None:
    messages = {name for name, kind in KINDS.items() if kind.job is None}
    assert set(RENDERERS) == messages


def test_a_job_is_never_rendered() -> None:
    jobs = {name for name, kind in KINDS.items() if kind.job is not None}
    assert jobs and not jobs & set(RENDERERS)
