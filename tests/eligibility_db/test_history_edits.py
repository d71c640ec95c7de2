"""History edited anywhere — the admin, a service, a script that saves rows — and province
settings changed: the stored verdicts of the open nominations concerned go stale and are
re-checked after commit (Celery runs eagerly here)."""

import pytest
from django.urls import reverse

from eligibility import services as eligibility_services
from eligibility.models import EligibilityResult, EligibilitySettings
from nominations.models import Nomination
from tests.factories import PersonFactory, UserFactory, YearRecordFactory, award

from .conftest import individual_nomination

pytestmark = pytest.mark.django_db

State = EligibilityResult.State


def rules_of(nomination) -> dict[str, str]:
    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.state == State.DONE
    return {r["id"]: r["result"] for r in result.rules}


def checked_giay_khen_nomination(dossier):
    """A Giấy khen nomination of someone rated HTT in 2025, checked once."""
    person = PersonFactory(unit=dossier.unit)
    YearRecordFactory(person=person, year=2025, rating="HTT", months_in_service=12)
    nomination = Nomination.objects.create(dossier=dossier, person=person,
                                           award=award("GIAY_KHEN"))
    eligibility_services.check_nominations([nomination.pk])
    return nomination


def test_deleting_an_initiative_in_the_admin_rechecks_the_open_nomination(
        dossier, client, django_capture_on_commit_callbacks):
    nomination = individual_nomination(dossier, "CSTD_TINH")
    eligibility_services.check_nominations([nomination.pk])
    assert rules_of(nomination)["CSTD_TINH-2"] == "pass"
    province_initiative = nomination.person.initiatives.get(scope="tinh")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:nominations_initiative_delete", args=[province_initiative.pk]),
            {"post": "yes"})

    assert response.status_code == 302
    assert rules_of(nomination)["CSTD_TINH-2"] == "fail"


def test_saving_a_year_record_rechecks_the_open_nomination(
        dossier, django_capture_on_commit_callbacks):
    person = PersonFactory(unit=dossier.unit)
    record = YearRecordFactory(person=person, year=2025, rating="HTT", months_in_service=12)
    nomination = Nomination.objects.create(dossier=dossier, person=person, award=award("LDTT"))
    eligibility_services.check_nominations([nomination.pk])
    assert rules_of(nomination)["LDTT-1"] == "pass"

    with django_capture_on_commit_callbacks(execute=True):
        record.rating = "KHT"
        record.save()

    assert rules_of(nomination)["LDTT-1"] == "fail"


def test_changing_the_provinces_settings_rechecks_its_open_nominations(
        dossier, django_capture_on_commit_callbacks):
    nomination = checked_giay_khen_nomination(dossier)
    assert rules_of(nomination)["GIAY_KHEN"] != "fail"

    with django_capture_on_commit_callbacks(execute=True):
        EligibilitySettings.objects.create(province=dossier.unit.province,
                                           giay_khen_min_rating="HTXS")

    assert rules_of(nomination)["GIAY_KHEN"] == "fail"


def test_another_provinces_settings_leave_the_nomination_alone(
        dossier, django_capture_on_commit_callbacks):
    nomination = checked_giay_khen_nomination(dossier)
    other = PersonFactory().unit.province
    assert other != dossier.unit.province

    with django_capture_on_commit_callbacks(execute=True):
        EligibilitySettings.objects.create(province=other, giay_khen_min_rating="HTXS")

    assert rules_of(nomination)["GIAY_KHEN"] != "fail"
