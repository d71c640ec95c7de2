import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations.models import Attachment, Dossier, Nomination
from tests.factories import (
    DossierFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    award,
)
from tests.files import EXE, pdf, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(unit=UnitFactory(), roles=["unit_officer"])


def test_unit_officer_creates_a_dossier_through_the_form(client, officer):
    client.force_login(officer)

    response = client.post(reverse("khenthuong:dossiers:create"),
                           {"title": "Đề nghị khen thưởng năm 2025", "year": 2025})

    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.unit == officer.unit
    assert dossier.events.filter(action="created", actor=officer).exists()


def test_nomination_with_its_report_is_added_in_one_step(client, officer):
    dossier = DossierFactory(unit=officer.unit)
    person = PersonFactory(unit=officer.unit)
    client.force_login(officer)

    response = client.post(
        reverse("khenthuong:dossiers:add_nomination", args=[dossier.pk]),
        {"person": person.pk, "award": award("CSTDCS").pk, "basis": "cong_trang",
         "summary": "Hoàn thành xuất sắc", "report": pdf()},
    )

    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.attachments.get().kind == "report"


def test_bad_report_file_shows_a_vietnamese_error_and_saves_no_nomination(client, officer):
    dossier = DossierFactory(unit=officer.unit)
    person = PersonFactory(unit=officer.unit)
    client.force_login(officer)

    response = client.post(
        reverse("khenthuong:dossiers:add_nomination", args=[dossier.pk]),
        {"person": person.pk, "award": award("LDTT").pk, "basis": "cong_trang",
         "report": upload("bao-cao.pdf", EXE)},
    )

    assert response.status_code in (200, 422)
    assert "không đúng định dạng cho phép" in response.content.decode()
    assert not Nomination.objects.exists()
    assert not Attachment.objects.exists()


def test_award_for_the_wrong_kind_of_nominee_is_refused(client, officer):
    dossier = DossierFactory(unit=officer.unit)
    person = PersonFactory(unit=officer.unit)
    client.force_login(officer)

    response = client.post(
        reverse("khenthuong:dossiers:add_nomination", args=[dossier.pk]),
        {"person": person.pk, "award": award("CO_TINH").pk, "basis": "cong_trang"},
    )

    assert "không áp dụng cho cá nhân" in response.content.decode()
    assert not Nomination.objects.exists()


def test_another_units_dossier_and_file_are_not_found(client, officer):
    nomination = NominationFactory()
    owner = UserFactory(unit=nomination.dossier.unit, roles=["unit_officer"])
    from nominations import services

    attachment = services.attach_file(user=owner, dossier=nomination.dossier, kind="report",
                                      uploaded=pdf())
    client.force_login(officer)

    assert client.get(reverse("khenthuong:dossiers:detail",
                              args=[nomination.dossier.pk])).status_code == 404
    assert client.get(reverse("khenthuong:dossiers:download",
                              args=[attachment.pk])).status_code == 404
    assert client.get(reverse("khenthuong:dossiers:upload",
                              args=[nomination.dossier.pk])).status_code == 404


def test_owner_downloads_the_file_under_its_original_name(client):
    nomination = NominationFactory()
    owner = UserFactory(unit=nomination.dossier.unit, roles=["unit_officer"])
    from nominations import services

    attachment = services.attach_file(user=owner, dossier=nomination.dossier, kind="report",
                                      uploaded=pdf("Báo cáo.pdf"))
    client.force_login(owner)

    response = client.get(reverse("khenthuong:dossiers:download", args=[attachment.pk]))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def _list_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("khenthuong:dossiers:index")).status_code == 200
    return len(ctx.captured_queries)


def test_dossier_list_runs_a_fixed_number_of_queries(client, officer):
    DossierFactory.create_batch(3, unit=officer.unit, created_by=officer)
    few = _list_queries(client, officer)

    DossierFactory.create_batch(30, unit=officer.unit, created_by=officer)
    many = _list_queries(client, officer)

    assert many == few
