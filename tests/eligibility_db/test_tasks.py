"""The eligibility tasks' names (`eligibility.tasks.*`, and the names before issue 15 for
messages queued during an upgrade), the beat's schedule, and the cyclic garbage collector's
pause during a batch (only in a single-threaded process)."""

from __future__ import annotations

import gc
import threading

import pytest
from django.conf import settings

from config.celery import app as celery_app
from eligibility import services, tasks
from eligibility.models import EligibilityResult
from tests.factories import DossierFactory, UnitFactory

from .conftest import individual_nomination

TASKS = ("check_nominations", "recheck_dossier", "check_batch", "requeue_checks")


def test_each_task_is_registered_under_its_name_and_its_name_before_issue_15():
    assert tasks.LEGACY_NAMES == [f"nominations.tasks.{name}" for name in TASKS]
    for name in TASKS:
        new = celery_app.tasks[f"eligibility.tasks.{name}"]
        old = celery_app.tasks[f"nominations.tasks.{name}"]
        assert getattr(tasks, name).name == new.name
        assert old.run is new.run
        assert old.ignore_result == new.ignore_result


def test_the_beat_sends_the_requeue_under_its_new_name():
    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "eligibility.tasks.requeue_checks" in names
    assert "eligibility.tasks.requeue_checks" in celery_app.tasks
    assert not {name for name in names if name in tasks.LEGACY_NAMES}


@pytest.mark.django_db
def test_a_check_sent_under_the_old_name_stores_the_verdict():
    nomination = individual_nomination(DossierFactory(unit=UnitFactory(), year=2025), "CSTDCS")

    outcome = celery_app.tasks["nominations.tasks.check_nominations"].apply(
        args=[[nomination.pk]]).get()

    assert outcome["written"] == 1
    assert EligibilityResult.objects.get(nomination=nomination).eligible is True


# ---------------------------------------------------------------- gc pause


def test_gc_is_paused_for_a_batch_in_a_single_threaded_process_and_resumed_after(
        monkeypatch):
    # earlier tests of the session may have left threads behind (a broker, a worker in
    # the test process): this process counts as single-threaded here
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert gc.isenabled()
    with services._cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()

    with pytest.raises(RuntimeError), services._cyclic_gc_paused():
        raise RuntimeError("the batch failed")
    assert gc.isenabled()


def test_gc_is_left_alone_while_other_threads_run():
    """Under a threaded worker (`--pool threads`) `gc.disable()` would stop the collections
    of every other thread too: the batch does not pause it there."""
    release = threading.Event()
    other = threading.Thread(target=release.wait, daemon=True)
    other.start()
    try:
        with services._cyclic_gc_paused():
            assert gc.isenabled()
    finally:
        release.set()
        other.join()
    assert gc.isenabled()


def test_gc_is_left_alone_in_a_worker_thread():
    seen: list[bool] = []

    def batch() -> None:
        with services._cyclic_gc_paused():
            seen.append(gc.isenabled())

    worker = threading.Thread(target=batch)
    worker.start()
    worker.join()

    assert seen == [True]
    assert gc.isenabled()


def test_gc_already_disabled_by_someone_else_stays_disabled():
    gc.disable()
    try:
        with services._cyclic_gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
