"""Celery tasks of the eligibility check (thin: they call eligibility.services; results land
in EligibilityResult).

Until issue 15 these tasks were registered as `nominations.tasks.<name>`. Messages sent
before an upgrade carry those names, so each task is registered under its old name too
(`LEGACY_NAMES`): a worker of the new code runs what the old code queued. The aliases can
go once no worker of the old code runs and the queues hold no old message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from celery import shared_task

LEGACY_PREFIX = "nominations.tasks."
LEGACY_NAMES: list[str] = []


def _task(**options: Any) -> Callable[[Callable], Any]:
    """shared_task named `eligibility.tasks.<function>`, and the same function with the
    same options as `nominations.tasks.<function>` (the name before issue 15)."""
    def register(fun: Callable) -> Any:
        LEGACY_NAMES.append(LEGACY_PREFIX + fun.__name__)
        shared_task(name=LEGACY_PREFIX + fun.__name__, **options)(fun)
        return shared_task(name=f"eligibility.tasks.{fun.__name__}", **options)(fun)
    return register


@_task(ignore_result=True)
def check_nominations(nomination_ids: list[int]) -> dict:
    """Check these nominations against the 2022 law and store their verdicts."""
    from .services import check_nominations as run

    return run(nomination_ids).as_dict()


@_task(ignore_result=True)
def recheck_dossier(dossier_id: int) -> dict:
    """Check every nomination of a dossier again (called when appraisal starts)."""
    from .services import recheck_dossier as run

    return run(dossier_id).as_dict()


@_task()
def check_batch(year: int | None = None, bloc_id: int | None = None,
                chunk_size: int = 500) -> dict:
    """Check all nominations of a year and/or a bloc, sent as chunks of check_nominations."""
    from .services import queue_batch

    return queue_batch(year=year, bloc_id=bloc_id, chunk_size=chunk_size)


@_task()
def requeue_checks() -> dict:
    """Beat, every 5 minutes: send again the checks a broker outage left pending."""
    from .services import requeue_checks as run

    return run()
