"""Celery tasks of the domain (thin: they call services/selectors)."""

from celery import shared_task
from django.db import connection


@shared_task(name="nominations.tasks.ping", ignore_result=False)
def ping() -> dict:
    """Health ping: proves the worker runs, reaches the database and answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        (one,) = cursor.fetchone()
    return {"pong": True, "db": one == 1, "vendor": connection.vendor}


# ---------------------------------------------------------------- eligibility
# The work is in nominations.eligibility_services; results land in EligibilityResult.


@shared_task(name="nominations.tasks.check_nominations", ignore_result=True)
def check_nominations(nomination_ids: list[int]) -> dict:
    """Check these nominations against the 2022 law and store their verdicts."""
    from .eligibility_services import check_nominations as run

    return run(nomination_ids).as_dict()


@shared_task(name="nominations.tasks.recheck_dossier", ignore_result=True)
def recheck_dossier(dossier_id: int) -> dict:
    """Check every nomination of a dossier again (called when appraisal starts)."""
    from .eligibility_services import recheck_dossier as run

    return run(dossier_id).as_dict()


@shared_task(name="nominations.tasks.check_batch")
def check_batch(year: int | None = None, bloc_id: int | None = None,
                chunk_size: int = 500) -> dict:
    """Check all nominations of a year and/or a bloc, sent as chunks of check_nominations."""
    from .eligibility_services import queue_batch

    return queue_batch(year=year, bloc_id=bloc_id, chunk_size=chunk_size)


@shared_task(name="nominations.tasks.requeue_checks")
def requeue_checks() -> dict:
    """Beat, every 5 minutes: send again the checks a broker outage left pending."""
    from .eligibility_services import requeue_checks as run

    return run()
