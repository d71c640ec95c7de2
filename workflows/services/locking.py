"""The route's process lock, for the services that do not move a task through
`engine.route_move` (assignment, delegation, withdrawal)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task

from config.busy import busy_message, is_busy

from ..engine import RouteConflict

if TYPE_CHECKING:
    from ..flows import RouteFlow


def route_flow() -> type[RouteFlow]:
    """The flow (imported late: workflows.flows imports the views, which import this)."""
    from ..flows import RouteFlow

    return RouteFlow


@contextmanager
def locked_task(task_id: int) -> Iterator[Task]:
    """The process lock (SELECT … FOR UPDATE), waiting at most the database's lock timeout
    (DB_LOCK_TIMEOUT_MS): a lock held elsewhere becomes a RouteConflict (409) in
    Vietnamese, with everything rolled back, instead of a request hanging until it dies."""
    process_id = Task.objects.filter(pk=task_id).values_list("process_id", flat=True).first()
    if process_id is None:
        raise ValidationError(_("Không tìm thấy công việc."))
    try:
        with route_flow().lock(process_id):
            yield Task.objects.select_related("process", "owner").get(pk=task_id)
    except (FlowLockFailed, OperationalError) as exc:
        if not is_busy(exc):
            raise
        raise RouteConflict(busy_message()) from exc
