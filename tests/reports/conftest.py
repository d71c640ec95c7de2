"""The route's small province (tests/workflows/conftest.py) and helpers that place tasks
in time: the route opens every task today, a report needs tasks of past days."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from tests.workflows.conftest import world  # noqa: F401 - the shared fixture
from workflows.models import TaskDeadline


def aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def place(dossier, step: str, *, started: date, finished: date | None = None,
          due: date | None = None) -> TaskDeadline:
    """Move the dossier's deadline of `step` in time (started, finished, due)."""
    deadline = TaskDeadline.objects.get(dossier=dossier, step=step)
    deadline.started_on = started
    if finished is not None:
        deadline.finished_at = aware(finished)
    if due is not None:
        deadline.due_on = due
    deadline.save()
    return deadline


@pytest.fixture
def manager_client(client, world):  # noqa: F811
    client.force_login(world.manager)
    return client
