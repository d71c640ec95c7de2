"""A check that raised unexpectedly (stored as `error` with no facts hash) is tried again by
the beat's `requeue_checks`, at most once per ELIGIBILITY_RETRY_ERRORS_AFTER_SECONDS; an
invalid case waits for its facts to change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eligibility import services as eligibility_services
from eligibility.models import EligibilityResult
from eligibility.tasks import requeue_checks

from .conftest import TODAY, individual_nomination

pytestmark = pytest.mark.django_db

State = EligibilityResult.State


def _failed(nomination, *, hours_ago: float, facts_hash: str = "") -> None:
    """The row a check leaves when it raised (eligibility_services.check_nominations)."""
    eligibility_services.check_nominations([nomination.pk], today=TODAY)
    EligibilityResult.objects.filter(nomination=nomination).update(
        state=State.ERROR, eligible=None, rules=[], facts_hash=facts_hash,
        error="OperationalError: server closed the connection unexpectedly",
        checked_at=timezone.now() - timedelta(hours=hours_ago))


def test_a_check_that_raised_an_hour_ago_is_checked_again_by_the_beat(
        dossier, settings, django_capture_on_commit_callbacks):
    settings.ELIGIBILITY_RETRY_ERRORS_AFTER_SECONDS = 3600
    nomination = individual_nomination(dossier, "CSTDCS")
    _failed(nomination, hours_ago=2)

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_checks.delay().get() == {"requeued": 1}

    result = EligibilityResult.objects.get(nomination=nomination)
    assert (result.state, result.eligible, result.error) == (State.DONE, True, "")


def test_a_check_that_raised_minutes_ago_waits_for_the_retry_interval(
        dossier, settings, django_capture_on_commit_callbacks):
    settings.ELIGIBILITY_RETRY_ERRORS_AFTER_SECONDS = 3600
    nomination = individual_nomination(dossier, "CSTDCS")
    _failed(nomination, hours_ago=0.1)

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_checks.delay().get() == {"requeued": 0}

    assert EligibilityResult.objects.get(nomination=nomination).state == State.ERROR


def test_an_invalid_case_is_not_retried_until_its_facts_change(
        dossier, settings, django_capture_on_commit_callbacks):
    settings.ELIGIBILITY_RETRY_ERRORS_AFTER_SECONDS = 3600
    nomination = individual_nomination(dossier, "CSTDCS")
    _failed(nomination, hours_ago=2, facts_hash="f" * 64)  # CaseError keeps its facts hash

    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_checks.delay().get() == {"requeued": 0}

    assert EligibilityResult.objects.get(nomination=nomination).state == State.ERROR
