"""Who imports for whom, whose jobs are seen, and bounded queries on the list pages."""

import pytest
from django.urls import reverse

from imports.models import ImportJob, ImportRow, ImportStatus
from nominations.models import YearRecord
from tests.factories import PersonFactory, UnitFactory, UserFactory

from .conftest import confirm, fill, last_job, template, upload


def job_of(user, **kwargs) -> ImportJob:
    return ImportJob.objects.create(kind="history", created_by=user, original_name="a.xlsx",
                                    size=1, content=b"x", status=ImportStatus.READY, **kwargs)


@pytest.mark.parametrize("name", ["detail", "progress"])
def test_another_users_job_is_not_found(client, officer, unit, name):
    colleague = UserFactory(unit=unit, roles=["unit_officer"])
    job = job_of(colleague)
    client.force_login(officer)

    response = client.get(reverse(f"khenthuong:imports:{name}", args=[job.pk]))

    assert response.status_code == 404


def test_another_users_job_cannot_be_confirmed(client, officer, unit):
    job = job_of(UserFactory(unit=unit, roles=["unit_officer"]))
    client.force_login(officer)

    response = client.post(reverse("khenthuong:imports:confirm", args=[job.pk]))

    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == ImportStatus.READY


def test_a_unit_officer_cannot_import_history_of_another_units_person(
        client, officer, django_capture_on_commit_callbacks):
    stranger = PersonFactory(unit=UnitFactory(province=officer.unit.province))
    client.force_login(officer)

    upload(client, "history", fill(template(client, "history"), "Kết quả năm", [
        [f"CN-{stranger.pk}", None, None, 2025, "HTT"]]),
        capture=django_capture_on_commit_callbacks)

    job = last_job()
    assert job.status == ImportStatus.INVALID
    assert "không tìm thấy cá nhân" in job.rows.get().errors[0]


def test_a_board_specialist_imports_for_any_unit_of_the_province_only(
        client, unit, django_capture_on_commit_callbacks):
    specialist = UserFactory(province=unit.province, roles=["board_specialist"])
    here = PersonFactory(unit=UnitFactory(province=unit.province))
    elsewhere = PersonFactory()
    client.force_login(specialist)
    content = fill(template(client, "history"), "Kết quả năm", [
        [f"CN-{here.pk}", None, None, 2025, "HTT"]])
    upload(client, "history", content, capture=django_capture_on_commit_callbacks)
    confirm(client, last_job(), django_capture_on_commit_callbacks)
    outside = fill(template(client, "history"), "Kết quả năm", [
        [f"CN-{elsewhere.pk}", None, None, 2025, "HTT"]])

    upload(client, "history", outside, capture=django_capture_on_commit_callbacks)

    assert YearRecord.objects.filter(person=here).exists()
    assert last_job().status == ImportStatus.INVALID
    assert not YearRecord.objects.filter(person=elsewhere).exists()


def test_a_unit_head_may_not_upload(client, unit):
    client.force_login(UserFactory(unit=unit, roles=["unit_head"]))

    response = client.get(reverse("khenthuong:imports:upload", args=["history"]))

    assert response.status_code == 403


def test_job_list_shows_only_the_users_jobs_in_bounded_queries(
        client, officer, unit, django_assert_max_num_queries):
    for _ in range(30):
        job_of(officer)
    other = job_of(UserFactory(unit=unit, roles=["unit_officer"]), )
    client.force_login(officer)
    client.get(reverse("khenthuong:imports:index"))  # session, menu caches

    with django_assert_max_num_queries(8):
        response = client.get(reverse("khenthuong:imports:index"))

    page = response.content.decode()
    assert len(response.context["object_list"]) == 25
    assert f"/khenthuong/imports/{other.pk}/" not in page


def test_preview_page_reads_a_bounded_number_of_queries_for_thousands_of_rows(
        client, officer, django_assert_max_num_queries):
    job = job_of(officer)
    ImportRow.objects.bulk_create(
        [ImportRow(job=job, sheet="Kết quả năm", row=i + 2, action="create",
                   nominee="CN-1 A", summary="Năm 2025: HTT") for i in range(3000)]
        + [ImportRow(job=job, sheet="Kết quả năm", row=5000 + i, action="error",
                     errors=["Dòng x"]) for i in range(300)])
    client.force_login(officer)
    client.get(reverse("khenthuong:imports:detail", args=[job.pk]))

    with django_assert_max_num_queries(12):
        response = client.get(reverse("khenthuong:imports:detail", args=[job.pk]),
                              {"trang": 3, "loi": 2})

    assert len(response.context["row_page"].object_list) == 50
    assert len(response.context["error_page"].object_list) == 50
