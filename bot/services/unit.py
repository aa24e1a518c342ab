"""One unit of work around a whole click or form: its state change and the answer it queues
commit together, so a crash between them cannot leave a change nobody was told of, or an
answer about a change that never happened."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from bot.services.context import ServiceContext

P = ParamSpec("P")
T = TypeVar("T")


def one_unit_of_work(
        call: Callable[Concatenate[ServiceContext, P], T],
) -> Callable[Concatenate[ServiceContext, P], T]:
    """Run a service call so that every unit of work it opens (the change, then the queued
    answer) joins one transaction, committed once the call returns and rolled back whole if
    it raises (store/uow.py: shared units of work)."""

    @functools.wraps(call)
    def run(ctx: ServiceContext, /, *args: P.args, **kwargs: P.kwargs) -> T:
        with ctx.uow() as uow, uow.shared():
            result = call(ctx, *args, **kwargs)
            uow.commit()
        return result

    return run
