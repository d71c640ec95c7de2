"""Celery tasks of the domain (thin: they call services/selectors).

The eligibility tasks are in eligibility/tasks.py (names `eligibility.tasks.*`; the old
`nominations.tasks.*` names are registered there as aliases for queued messages)."""

from celery import shared_task
from django.db import connection


@shared_task(name="nominations.tasks.ping", ignore_result=False)
def ping() -> dict:
    """Health ping: proves the worker runs, reaches the database and answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"pong": True, "db": one == 1, "vendor": connection.vendor}
