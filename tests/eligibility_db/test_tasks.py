"""The eligibility tasks' names (`eligibility.tasks.*`, and the names before issue 15 for
messages queued during an upgrade) and the beat's schedule."""

from __future__ import annotations

import pytest
from django.conf import settings

from config.celery import app as celery_app
from eligibility import tasks
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
