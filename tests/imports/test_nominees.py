"""A nominee list goes into a draft dossier the user may edit, through the nominations
services (their checks and timeline events), all rows or none."""

from imports.models import ImportStatus
from nominations.models import DossierEvent, Nomination
from tests.factories import CollectiveFactory, DossierFactory, NominationFactory, award

from .conftest import confirm, detail, fill, last_job, template, upload

LIST = "Danh sách đề nghị"


def test_confirmed_list_adds_the_nominations_to_the_draft_dossier(
        client, officer, person, django_capture_on_commit_callbacks):
    dossier = DossierFactory(unit=officer.unit, created_by=officer)
    group = CollectiveFactory(unit=officer.unit, name="Phòng Nghiệp vụ")
    client.force_login(officer)
    content = fill(template(client, "nominees"), LIST, [
        [f"CN-{person.pk}", None, None, "LDTT", None, "Hoàn thành xuất sắc nhiệm vụ"],
        [f"TT-{group.pk}", None, None, "Tập thể lao động tiên tiến", "cong_trang", None],
    ])
    upload(client, "nominees", content, dossier=dossier,
           capture=django_capture_on_commit_callbacks)
    job = last_job()
    assert job.status == ImportStatus.READY, [r.errors for r in job.rows.all()]

    confirm(client, job, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert set(Nomination.objects.filter(dossier=dossier).values_list(
        "award__code", flat=True)) == {"LDTT", "TTLDTT"}
    assert DossierEvent.objects.filter(dossier=dossier, action="nomination_added",
                                       actor=officer).count() == 2


def test_a_nominee_already_in_the_dossier_is_updated_not_added_twice(
        client, officer, person, django_capture_on_commit_callbacks):
    dossier = DossierFactory(unit=officer.unit, created_by=officer)
    NominationFactory(dossier=dossier, person=person, award=award("LDTT"), summary="Cũ")
    client.force_login(officer)
    upload(client, "nominees", fill(template(client, "nominees"), LIST, [
        [f"CN-{person.pk}", None, None, "LDTT", None, "Mới"]]), dossier=dossier,
        capture=django_capture_on_commit_callbacks)

    confirm(client, last_job(), django_capture_on_commit_callbacks)

    assert list(Nomination.objects.filter(dossier=dossier).values_list("summary", flat=True)) \
        == ["Mới"]


def test_an_award_that_does_not_fit_the_nominee_is_a_row_error(
        client, officer, person, django_capture_on_commit_callbacks):
    dossier = DossierFactory(unit=officer.unit, created_by=officer)
    client.force_login(officer)

    upload(client, "nominees", fill(template(client, "nominees"), LIST, [
        [f"CN-{person.pk}", None, None, "CO_TINH"]]), dossier=dossier,
        capture=django_capture_on_commit_callbacks)

    page = detail(client, last_job()).content.decode()
    assert "Dòng 2, cột &#x27;Mã danh hiệu / hình thức&#x27;: “Cờ thi đua của UBND tỉnh” " \
           "không áp dụng cho cá nhân." in page


def test_a_dossier_sent_on_before_confirmation_receives_nothing(
        client, officer, person, django_capture_on_commit_callbacks):
    dossier = DossierFactory(unit=officer.unit, created_by=officer)
    client.force_login(officer)
    upload(client, "nominees", fill(template(client, "nominees"), LIST, [
        [f"CN-{person.pk}", None, None, "LDTT"]]), dossier=dossier,
        capture=django_capture_on_commit_callbacks)
    job = last_job()
    dossier.status = "awaiting_signature"
    dossier.save()

    confirm(client, job, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert "Hồ sơ nhận danh sách không còn sửa được" in job.file_errors[0]
    assert not Nomination.objects.exists()


def test_another_units_dossier_cannot_be_chosen(client, officer, person):
    foreign = DossierFactory()
    client.force_login(officer)

    response = upload(client, "nominees", fill(template(client, "nominees"), LIST, [
        [f"CN-{person.pk}", None, None, "LDTT"]]), dossier=foreign)

    assert response.status_code == 200
    assert "dossier" in response.context["form"].errors
    assert not last_job()


def test_a_person_of_another_unit_is_not_found_for_the_dossier(
        client, officer, django_capture_on_commit_callbacks):
    from tests.factories import PersonFactory

    dossier = DossierFactory(unit=officer.unit, created_by=officer)
    stranger = PersonFactory()
    client.force_login(officer)

    upload(client, "nominees", fill(template(client, "nominees"), LIST, [
        [f"CN-{stranger.pk}", None, None, "LDTT"]]), dossier=dossier,
        capture=django_capture_on_commit_callbacks)

    errors = [e for r in last_job().rows.all() for e in r.errors]
    assert errors[0].startswith(f"Dòng 2, cột 'Mã đối tượng': không tìm thấy cá nhân mã "
                                f"CN-{stranger.pk}")
