"""The beat schedule names only tasks that exist, and no dispatcher of viewflow timers: the
route has no node that waits on one."""

from django.conf import settings
from viewflow.workflow import nodes

from config.celery import app
from workflows.flows import RouteFlow

# viewflow nodes that only move on when a periodic dispatcher fires them
# (viewflow.workflow.timers: fire_due_timers, fire_due_conditions, fire_due_start_timers)
DISPATCHED_NODES = (nodes.Timer, nodes.StartTimer, nodes.TimerBoundary, nodes.ConditionalCatch)


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()

    missing = {name: entry["task"] for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
               if entry["task"] not in app.tasks}

    assert missing == {}


def test_no_timer_job_while_the_route_has_no_timer_node():
    assert not [n for n in RouteFlow.instance.nodes() if isinstance(n, DISPATCHED_NODES)]
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "notifications.tasks.fire_workflow_timers" not in tasks


def test_the_retired_timer_task_still_takes_a_queued_message_quietly():
    """Kept for one release: a message the old beat queued before the upgrade."""
    assert app.tasks["notifications.tasks.fire_workflow_timers"].apply().get() == 0
