"""The check task through a real Celery worker process on Redis, against the committed
test database."""

import time

import pytest

from config.celery import app as celery_app
from eligibility.models import EligibilityResult
from eligibility.tasks import check_nominations
from tests.factories import DossierFactory, UnitFactory

from .conftest import individual_nomination


def _wait_for_result(nomination_id: int, timeout: float = 20) -> EligibilityResult | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = EligibilityResult.objects.filter(nomination_id=nomination_id,
                                                  state="done").first()
        if result is not None:
            return result
        time.sleep(0.2)
    return None


@pytest.mark.worker
def test_check_task_runs_on_a_real_worker_and_stores_the_verdict(celery_worker):
    nomination = individual_nomination(DossierFactory(unit=UnitFactory(), year=2025), "CSTDCS")

    check_nominations.delay([nomination.pk])

    result = _wait_for_result(nomination.pk)
    assert result is not None, celery_worker.log.read_text()[-3000:]
    assert result.eligible is True
    assert result.rule_set.startswith("luat-06-2022")
    assert {r["id"] for r in result.rules} >= {"CSTDCS-1", "CSTDCS-2"}


@pytest.mark.worker
def test_a_message_queued_under_the_task_name_before_issue_15_still_runs(celery_worker):
    """Messages sent by the old code (`nominations.tasks.check_nominations`) before an
    upgrade are run by the new worker (eligibility/tasks.py registers the old names)."""
    nomination = individual_nomination(DossierFactory(unit=UnitFactory(), year=2025), "CSTDCS")

    celery_app.send_task("nominations.tasks.check_nominations", args=[[nomination.pk]])

    result = _wait_for_result(nomination.pk)
    assert result is not None, celery_worker.log.read_text()[-3000:]
    assert result.eligible is True


@pytest.mark.worker
def test_nomination_added_through_the_service_is_checked_by_the_worker(celery_worker):
    from nominations import services
    from tests.factories import PersonFactory, UserFactory, YearRecordFactory, award

    officer = UserFactory(unit=UnitFactory(), roles=["unit_officer"])
    dossier = DossierFactory(unit=officer.unit, year=2025, created_by=officer)
    person = PersonFactory(unit=officer.unit)
    YearRecordFactory(person=person, year=2025, rating="HT", months_in_service=12)

    nomination = services.add_nomination(user=officer, dossier=dossier, award=award("LDTT"),
                                         person=person)

    result = _wait_for_result(nomination.pk)
    assert result is not None, celery_worker.log.read_text()[-3000:]
    assert result.eligible is False
    assert {r["id"]: r["result"] for r in result.rules}["LDTT-1"] == "fail"


@pytest.mark.worker
def test_check_blocked_by_a_row_lock_past_the_timeout_is_retried_and_completes(celery_worker):
    """A lock held elsewhere longer than DB_LOCK_TIMEOUT_MS makes the worker's check fail
    with a lock timeout; the task is retried, not dropped, and the verdict arrives."""
    import psycopg
    from django.conf import settings
    from django.db import connection

    nomination = individual_nomination(DossierFactory(unit=UnitFactory(), year=2025), "CSTDCS")
    EligibilityResult.objects.create(nomination=nomination, state="stale")
    s = connection.settings_dict
    other = psycopg.connect(dbname=s["NAME"], user=s["USER"] or "postgres",
                            host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432)
    other.execute("SELECT 1 FROM eligibility_eligibilityresult WHERE nomination_id = %s "
                  "FOR UPDATE", [nomination.pk])
    try:
        check_nominations.delay([nomination.pk])
        time.sleep(settings.DB_LOCK_TIMEOUT_MS / 1000 + 1)  # the first attempt times out
    finally:
        other.rollback()
        other.close()

    result = _wait_for_result(nomination.pk, timeout=30)
    log = celery_worker.log.read_text()
    assert result is not None, log[-3000:]
    assert "database busy, retry 1" in log
