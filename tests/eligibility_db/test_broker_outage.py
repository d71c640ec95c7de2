"""Redis down: adding a nomination answers at once and succeeds; its eligibility check is
left pending in the database and computed once the broker is back and the beat's
`requeue_checks` has run (a private redis-server, stopped and restarted)."""

import time
from collections import Counter

import pytest
from django.urls import reverse

from eligibility.models import EligibilityResult
from eligibility.tasks import requeue_checks
from nominations.models import Nomination
from tests.factories import DossierFactory, PersonFactory, UnitFactory, UserFactory, award

from .conftest import person_with_history

pytestmark = pytest.mark.worker


def _add(client, dossier, person) -> tuple[int, float]:
    started = time.monotonic()
    response = client.post(reverse("khenthuong:dossiers:add_nomination", args=[dossier.pk]),
                           {"person": person.pk, "award": award("CSTDCS").pk,
                            "basis": "cong_trang"})
    return response.status_code, time.monotonic() - started


def _states() -> dict[str, int]:
    return dict(Counter(EligibilityResult.objects.values_list("state", flat=True)))


def test_nominations_added_while_redis_is_down_answer_fast_and_are_checked_after_requeue(
        own_broker, client, settings):
    officer = UserFactory(unit=UnitFactory(), roles=["unit_officer"])
    dossier = DossierFactory(unit=officer.unit, year=2025, created_by=officer)
    people = [person_with_history(officer.unit) for _ in range(2)] + [
        PersonFactory(unit=officer.unit)]
    client.force_login(officer)
    client.raise_request_exception = False

    assert _add(client, dossier, people[0])[0] == 302  # warm; its check dies with Redis
    own_broker.stop()
    during_outage = [_add(client, dossier, person) for person in people[1:]]

    assert [status for status, _ in during_outage] == [302, 302]
    assert max(seconds for _, seconds in during_outage) < 0.5, during_outage
    assert Nomination.objects.count() == 3
    assert _states() == {"queued": 3}

    own_broker.start()  # empty: the first check's task was lost with the old one
    with own_broker.worker():
        requeue_checks.delay()  # the checks the broker refused: at once
        assert wait_for(lambda: _states() == {"queued": 1, "done": 2})
        settings.ELIGIBILITY_REQUEUE_AFTER_SECONDS = 0  # the lost one: after the lease
        requeue_checks.delay()
        assert wait_for(lambda: _states() == {"done": 3})
    verdicts = dict(EligibilityResult.objects.values_list("nomination__person", "eligible"))
    assert verdicts == {people[0].pk: True, people[1].pk: True, people[2].pk: False}


def wait_for(predicate, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()
