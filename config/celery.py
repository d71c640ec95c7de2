"""The Celery application. Its broker is chosen when the app is configured — the first time
its configuration is read: at the start of a worker or beat, at the first task a web process
queues — not while settings load (`_configure`, config/broker.py).

`dispatch` / `dispatch_on_commit` are how the project queues work: the database is the
record of what is to be done, a task is only a prompt to do it now. A broker that does not
answer is logged and forgotten — the beat sweeps (`notifications.tasks.sweep`,
`eligibility.tasks.requeue_checks`) find the work in the database once it is back — so a
user's request never waits on, or fails with, the broker.
"""

import logging
import os
from pathlib import Path

from celery import Celery, Task
from celery.signals import celeryd_init
from django.db import transaction

from config.broker import choose_broker
from config.dirs import ensure_var_dirs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

logger = logging.getLogger("config.celery")


class DatabaseTask(Task):
    """Every task of the project: a database that stays busy past its lock timeout (a row
    lock held by a long request on PostgreSQL, the writer's lock on the embedded SQLite)
    is not a failure but a reason to try again a little later. The work is idempotent
    (checks compare facts hashes, notices have unique keys), so a retry is safe."""

    busy_max_retries = 6

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            from config.busy import is_busy

            retries = self.request.retries or 0
            if is_busy(exc) and not self.request.is_eager and retries < self.busy_max_retries:
                logger.warning("%s: database busy, retry %s", self.name, retries + 1)
                raise self.retry(exc=exc, countdown=min(2 ** retries, 30),
                                 max_retries=self.busy_max_retries) from exc
            raise


app = Celery("khenthuong", task_cls=DatabaseTask)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _configure(sender: Celery, source, **_kwargs) -> None:
    """Once the app has read the CELERY_* settings: create VAR_DIR (the beat's schedule lives
    there) and choose the broker — REDIS_URL if set, else Redis if it answers PING on
    127.0.0.1:6379, else kombu's filesystem transport in VAR_DIR/broker. `broker_description`
    says which (logged by the worker, printed by scripts/run)."""
    from django.conf import settings

    ensure_var_dirs()
    url, backend, options, description = choose_broker(settings.REDIS_URL,
                                                       Path(settings.VAR_DIR))
    source.update(broker_url=url, result_backend=backend, broker_transport_options=options,
                  broker_description=description)


@celeryd_init.connect
def _log_broker(**_kwargs) -> None:
    logger.warning("Celery broker: %s", app.conf.broker_description)


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
