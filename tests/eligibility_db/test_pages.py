"""Where people see the verdict: the dossier page shows the stored checklist."""

import pytest
from django.urls import reverse

from eligibility import services as eligibility_services
from nominations.models import Nomination
from tests.factories import PersonFactory, YearRecordFactory, award

from .conftest import individual_nomination

pytestmark = pytest.mark.django_db


def test_dossier_page_shows_the_checklist_with_citations_to_the_unit_officer(
        client, officer, dossier):
    nomination = individual_nomination(dossier, "LDTT")
    eligibility_services.check_nominations([nomination.pk])
    client.force_login(officer)

    response = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-rule="LDTT-1" data-result="pass"' in page
    assert 'data-rule="LDTT-3" data-result="manual"' in page
    assert "Cần xem xét" in page
    assert "Luật TĐKT 2022, Điều 24" in page


def test_dossier_page_marks_failing_rules_without_blocking_the_unit(client, officer, dossier):
    person = PersonFactory(unit=dossier.unit)
    YearRecordFactory(person=person, year=2025, rating="KHT", months_in_service=12)
    nomination = Nomination.objects.create(dossier=dossier, person=person, award=award("LDTT"))
    eligibility_services.check_nominations([nomination.pk])
    client.force_login(officer)

    page = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk])).content.decode()

    assert 'data-rule="LDTT-1" data-result="fail"' in page
    assert "không đạt" in page
    assert "không ngăn việc trình hồ sơ" in page
    assert 'data-testid="add-nomination"' in page  # still editable


def test_dossier_page_says_not_yet_checked_before_the_check(client, officer, dossier):
    individual_nomination(dossier, "LDTT")
    client.force_login(officer)

    page = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk])).content.decode()

    assert "Chưa kiểm tra" in page
