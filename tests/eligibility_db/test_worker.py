"""The check task through a real Celery worker process on Redis, against the committed
test database."""

import time

import pytest

from nominations.models import EligibilityResult
from nominations.tasks import check_nominations
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
