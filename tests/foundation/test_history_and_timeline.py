"""The nominee's history page, and the dossier timeline and checklist in Vietnamese."""

import pytest
from django.urls import reverse

from nominations.services import record_event
from tests.factories import (
    CollectiveFactory,
    DossierFactory,
    HonourFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    award,
)

pytestmark = pytest.mark.django_db


def test_person_history_lists_awards_with_their_decisions(client):
    unit = UnitFactory()
    person = PersonFactory(unit=unit)
    HonourFactory(person=person, award=award("CSTD_TINH"), year=2025,
                  decision_number="3125/QĐ-UBND")
    client.force_login(UserFactory(unit=unit, roles=["unit_officer"]))

    response = client.get(reverse("khenthuong:dossiers:person_history", args=[person.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Chiến sĩ thi đua cấp tỉnh" in page and "3125/QĐ-UBND" in page


def test_another_units_nominee_history_is_not_found(client):
    collective = CollectiveFactory(unit=UnitFactory())
    client.force_login(UserFactory(unit=UnitFactory(), roles=["unit_officer"]))

    response = client.get(reverse("khenthuong:dossiers:collective_history",
                                  args=[collective.pk]))

    assert response.status_code == 404


def test_dossier_page_shows_timeline_and_required_documents_in_vietnamese(client):
    officer = UserFactory(unit=UnitFactory(), roles=["unit_officer"])
    dossier = DossierFactory(unit=officer.unit)
    NominationFactory(dossier=dossier, award=award("BK_TINH"),
                      person=PersonFactory(unit=officer.unit))
    record_event(dossier=dossier, action="returned", step="board_appraisal", reason="Thiếu")
    client.force_login(officer)

    page = client.get(reverse("khenthuong:dossiers:detail", args=[dossier.pk])).content.decode()

    assert "Trả lại đơn vị để bổ sung" in page
    assert "✗ Báo cáo thành tích" in page and "✗ Tờ trình" in page
    assert ">returned<" not in page and "✗ report" not in page
