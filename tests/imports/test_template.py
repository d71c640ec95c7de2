"""The template downloads as a real workbook, with Vietnamese headers, a notes sheet
explaining the codes, drop-down lists, and the user's nominees with their codes; filled in
and uploaded again it is accepted as it is."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from imports.models import ImportStatus
from tests.factories import CollectiveFactory, PersonFactory, UserFactory

from .conftest import fill, last_job, template, upload


def test_history_template_has_the_sheets_headers_and_code_notes(client, officer):
    client.force_login(officer)

    workbook = load_workbook(io.BytesIO(template(client, "history")))

    assert workbook.sheetnames == ["Hướng dẫn", "Kết quả năm", "Danh hiệu – khen thưởng",
                                   "Sáng kiến – đề tài", "Kỷ luật", "Đối tượng"]
    headers = [c.value for c in workbook["Kết quả năm"][1]]
    assert headers[:5] == ["Mã đối tượng", "Họ tên / tên tập thể", "Đơn vị", "Năm", "Xếp loại"]
    notes = [c.value for row in workbook["Hướng dẫn"].iter_rows() for c in row]
    assert "HTXS" in notes and "Hoàn thành xuất sắc nhiệm vụ" in notes
    assert "BK_TINH" in notes and "Bằng khen của Chủ tịch UBND tỉnh" in notes


def test_rating_column_offers_the_four_ratings_as_a_drop_down(client, officer):
    client.force_login(officer)
    workbook = load_workbook(io.BytesIO(template(client, "history")))

    validation = next(v for v in workbook["Kết quả năm"].data_validations.dataValidation
                      if "E2" in v.sqref)
    first, last = validation.formula1.split("!")[1].replace("$", "").split(":")
    codes = [row[0].value for row in workbook["Hướng dẫn"][first:last]]

    assert validation.type == "list"
    assert codes == ["HTXS", "HTT", "HT", "KHT"]


def test_reference_sheet_lists_only_the_users_own_nominees(client, officer):
    mine = PersonFactory(unit=officer.unit, full_name="Phạm Văn Mình")
    group = CollectiveFactory(unit=officer.unit, name="Tổ Kế toán")
    PersonFactory(full_name="Người đơn vị khác")
    client.force_login(officer)

    sheet = load_workbook(io.BytesIO(template(client, "history")))["Đối tượng"]

    rows = [(r[0], r[1]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert rows == [(f"CN-{mine.pk}", "Phạm Văn Mình"), (f"TT-{group.pk}", "Tổ Kế toán")]


def test_downloaded_template_filled_in_is_uploaded_cleanly(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)
    content = fill(template(client, "history"), "Kết quả năm",
                   [[f"CN-{person.pk}", person.full_name, officer.unit.name, 2025, "HTT", 12]])

    response = upload(client, "history", content, capture=django_capture_on_commit_callbacks)

    job = last_job()
    assert response.status_code == 302
    assert response["Location"] == reverse("khenthuong:imports:detail", args=[job.pk])
    assert job.status == ImportStatus.READY
    assert job.file_errors == [] and job.counts["create"] == 1


def test_nominee_template_has_the_nominee_list_sheet(client, officer):
    client.force_login(officer)

    workbook = load_workbook(io.BytesIO(template(client, "nominees")))

    assert "Danh sách đề nghị" in workbook.sheetnames
    assert [c.value for c in workbook["Danh sách đề nghị"][1]][3] == "Mã danh hiệu / hình thức"


def test_a_user_without_an_import_role_cannot_download_the_template(client, unit):
    client.force_login(UserFactory(unit=unit, roles=["unit_head"]))

    response = client.get(reverse("khenthuong:imports:template", args=["history"]))

    assert response.status_code == 403
