"""Celery tasks of the Excel import (thin: the work is in imports.services)."""

from celery import shared_task


@shared_task(name="imports.tasks.check_job", ignore_result=True)
def check_job(job_id: int) -> str | None:
    """Read and check every row of an uploaded workbook (the preview)."""
    from .services import check_job as run

    return run(job_id)


@shared_task(name="imports.tasks.write_job", ignore_result=True)
def write_job(job_id: int) -> str | None:
    """Check again and write every row of a confirmed import in one transaction."""
    from .services import write_job as run

    return run(job_id)


@shared_task(name="imports.tasks.requeue_jobs")
def requeue_jobs() -> dict:
    """Beat, every 5 minutes: imports whose task the broker lost or whose worker died."""
    from .services import requeue_jobs as run

    return run()
