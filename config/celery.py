"""The Celery application. Broker choice is made in settings (see config/broker.py).

`dispatch` / `dispatch_on_commit` are how the project queues work: the database is the
record of what is to be done, a task is only a prompt to do it now. A broker that does not
answer is logged and forgotten — the beat sweeps (`notifications.tasks.sweep`,
`nominations.tasks.requeue_checks`) find the work in the database once it is back — so a
user's request never waits on, or fails with, the broker.
"""

import logging
import os

from celery import Celery
from celery.signals import celeryd_init
from django.db import transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("khenthuong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("config.celery")


@celeryd_init.connect
def _log_broker(**_kwargs) -> None:
    from django.conf import settings

    logger.warning("Celery broker: %s", settings.CELERY_BROKER_DESCRIPTION)


def dispatch(task, *args, **kwargs) -> bool:
    """Queue `task(*args, **kwargs)`, fire and forget. True once the broker took it; False
    (logged) when it could not — within the short publish retry policy and socket timeouts
    of the Celery settings — and the caller's database rows must let a sweep redo it.

    Eager mode (tests) runs the task here: its own errors are the caller's and propagate."""
    try:
        task.delay(*args, **kwargs)
    except Exception as exc:
        if task.app.conf.task_always_eager:
            raise
        logger.warning("Broker unavailable, %s not queued (%r): the periodic sweep will do "
                       "it from the database", task.name, exc)
        return False
    return True


def dispatch_on_commit(task, *args, **kwargs) -> None:
    """`dispatch` once the current transaction commits (at once outside of one)."""
    transaction.on_commit(lambda: dispatch(task, *args, **kwargs))
