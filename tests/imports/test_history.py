"""History import through the pages: preview first, write only after confirmation, all
rows or none; saved history re-checks the nominees' open nominations."""

from datetime import date

import pytest

from eligibility import services as eligibility_services
from eligibility.models import EligibilityResult
from imports.models import ImportStatus
from nominations.models import (
    Discipline,
    Honour,
    Initiative,
    Nomination,
    YearRecord,
)
from tests.factories import (
    CollectiveFactory,
    DossierFactory,
    InitiativeFactory,
    PersonFactory,
    YearRecordFactory,
    award,
)

from .conftest import confirm, detail, fill, last_job, template, upload

YEARS = "Kết quả năm"


def history_file(client, person, rows=None) -> bytes:
    rows = rows if rows is not None else [
        [f"CN-{person.pk}", person.full_name, None, 2024, "HTXS", 12],
        [f"CN-{person.pk}", None, None, 2025, "HTT", 12],
    ]
    return fill(template(client, "history"), YEARS, rows)


def test_preview_lists_the_rows_and_writes_nothing_before_confirmation(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)

    upload(client, "history", history_file(client, person),
           capture=django_capture_on_commit_callbacks)

    job = last_job()
    assert job.status == ImportStatus.READY
    page = detail(client, job).content.decode()
    assert "Năm 2024: HTXS" in page and "Năm 2025: HTT" in page
    assert "Thêm mới: 2" in page
    assert not YearRecord.objects.exists()


def test_confirmation_writes_every_row_of_every_sheet(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)
    group = CollectiveFactory(unit=officer.unit, name="Phòng Tổ chức")
    content = history_file(client, person, [
        [f"CN-{person.pk}", None, None, 2025, "HTXS", 12],
        [f"TT-{group.pk}", None, None, 2025, "HTT", None, 20, 19, 15, 2, 0],
    ])
    content = fill(content, "Danh hiệu – khen thưởng", [
        [f"CN-{person.pk}", None, None, 2025, "CSTDCS", None, "15/QĐ-CT", "20/01/2026"]])
    content = fill(content, "Sáng kiến – đề tài", [
        [None, "Trần Thị Bình", None, "SK-2025-01", "Số hóa hồ sơ", 2025, "sang_kien", "tinh"]])
    content = fill(content, "Kỷ luật", [
        [f"CN-{person.pk}", None, None, "Khiển trách", date(2019, 3, 1), "01/03/2020", "7/QĐ"]])
    upload(client, "history", content, capture=django_capture_on_commit_callbacks)
    job = last_job()
    assert job.status == ImportStatus.READY, job.file_errors

    confirm(client, job, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert YearRecord.objects.get(person=person, year=2025).rating == "HTXS"
    assert YearRecord.objects.get(collective=group, year=2025).members_ldtt == 15
    honour = Honour.objects.get(person=person, award__code="CSTDCS", year=2025)
    assert (honour.decision_number, honour.decision_date) == ("15/QĐ-CT", date(2026, 1, 20))
    assert Initiative.objects.get(code="SK-2025-01").scope == "tinh"
    assert Discipline.objects.get(person=person).end == date(2020, 3, 1)
    assert job.content == b""


def test_a_row_already_in_the_history_is_updated(
        client, officer, person, django_capture_on_commit_callbacks):
    YearRecordFactory(person=person, year=2025, rating="HT", months_in_service=12)
    client.force_login(officer)
    upload(client, "history", history_file(client, person, [
        [f"CN-{person.pk}", None, None, 2025, "HTXS", 12]]),
        capture=django_capture_on_commit_callbacks)
    job = last_job()
    assert "Cập nhật: 1" in detail(client, job).content.decode()

    confirm(client, job, django_capture_on_commit_callbacks)

    assert YearRecord.objects.get(person=person, year=2025).rating == "HTXS"
    assert YearRecord.objects.count() == 1


def test_one_bad_row_writes_nothing_and_shows_the_vietnamese_row_error(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)
    upload(client, "history", history_file(client, person, [
        [f"CN-{person.pk}", None, None, 2023, "HTXS", 12],
        [f"CN-{person.pk}", None, None, 2024, "XUAT SAC", 12],
        [f"CN-{person.pk}", None, None, 2025, "HTT", 12],
    ]), capture=django_capture_on_commit_callbacks)
    job = last_job()

    page = detail(client, job).content.decode()
    response = confirm(client, job, django_capture_on_commit_callbacks)

    assert job.status == ImportStatus.INVALID
    assert "Dòng 3, cột &#x27;Xếp loại&#x27;: “XUAT SAC” không phải mã hợp lệ" in page
    assert response.status_code == 302
    assert last_job().status == ImportStatus.INVALID
    assert not YearRecord.objects.exists()


@pytest.mark.parametrize(("row", "message"), [
    (["CN-{pk}", None, None, "năm ngoái", "HTT"],
     "Dòng 2, cột 'Năm': năm phải là số có 4 chữ số"),
    (["CN-999999", None, None, 2025, "HTT"],
     "Dòng 2, cột 'Mã đối tượng': không tìm thấy cá nhân mã CN-999999"),
    ([None, "Lê Văn Không Có", None, 2025, "HTT"],
     "Dòng 2, cột 'Họ tên / tên tập thể': không tìm thấy đối tượng tên “Lê Văn Không Có”"),
    (["CN-{pk}", "Người Khác", None, 2025, "HTT"],
     "Dòng 2, cột 'Họ tên / tên tập thể': mã CN-{pk} là “Trần Thị Bình”"),
    (["CN-{pk}", None, "Đơn vị lạ", 2025, "HTT"],
     "Dòng 2, cột 'Đơn vị': không tìm thấy đơn vị “Đơn vị lạ”"),
    (["CN-{pk}", None, None, 2025, None],
     "Dòng 2, cột 'Xếp loại': bắt buộc, không được để trống."),
    (["CN-{pk}", None, None, 2025, "HTT", 13],
     "Dòng 2, cột 'Số tháng công tác': phải từ 0 đến 12."),
    (["CN-{pk}", None, None, 2025, "HTT", None, 20],
     "Dòng 2, cột 'Tổng số thành viên': chỉ ghi cho tập thể."),
])
def test_row_errors_name_the_row_and_the_column_in_vietnamese(
        client, officer, person, django_capture_on_commit_callbacks, row, message):
    client.force_login(officer)
    row = [c.replace("{pk}", str(person.pk)) if isinstance(c, str) else c for c in row]

    upload(client, "history", history_file(client, person, [row]),
           capture=django_capture_on_commit_callbacks)

    errors = [e for r in last_job().rows.all() for e in r.errors]
    assert any(e.startswith(message.replace("{pk}", str(person.pk))) for e in errors), errors


def test_a_row_repeated_in_the_file_is_an_error(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)

    upload(client, "history", history_file(client, person, [
        [f"CN-{person.pk}", None, None, 2025, "HTT"],
        [f"CN-{person.pk}", None, None, 2025, "HTXS"],
    ]), capture=django_capture_on_commit_callbacks)

    errors = [e for r in last_job().rows.all() for e in r.errors]
    assert errors == ["Dòng 3: trùng với dòng 2 của trang “Kết quả năm”."]


def test_a_decision_dated_in_the_future_is_an_error(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)
    content = fill(template(client, "history"), "Danh hiệu – khen thưởng", [
        [f"CN-{person.pk}", None, None, 2025, "LDTT", None, "1/QĐ", "01/01/2999"]])

    upload(client, "history", content, capture=django_capture_on_commit_callbacks)

    errors = [e for r in last_job().rows.all() for e in r.errors]
    assert errors[0].startswith("Dòng 2, cột 'Ngày quyết định': Ngày 01/01/2999 chưa đến")


def test_a_namesake_must_be_given_by_code(
        client, officer, person, django_capture_on_commit_callbacks):
    PersonFactory(unit=officer.unit, full_name="Trần Thị Bình")
    client.force_login(officer)

    upload(client, "history", history_file(client, person, [
        [None, "trần thị  bình", None, 2025, "HTT"]]), capture=django_capture_on_commit_callbacks)

    errors = [e for r in last_job().rows.all() for e in r.errors]
    assert "có 2 đối tượng tên" in errors[0]


def test_confirmation_checks_again_and_writes_nothing_when_a_row_became_invalid(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)
    content = fill(template(client, "history"), "Sáng kiến – đề tài", [
        [f"CN-{person.pk}", None, None, "SK-1", "Sáng kiến một", 2025],
        [f"CN-{person.pk}", None, None, "SK-2", "Sáng kiến hai", 2025],
    ])
    upload(client, "history", content, capture=django_capture_on_commit_callbacks)
    job = last_job()
    assert job.status == ImportStatus.READY
    InitiativeFactory(person=PersonFactory(unit=officer.unit), code="SK-2")  # meanwhile

    confirm(client, job, django_capture_on_commit_callbacks)

    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID
    assert not Initiative.objects.filter(code="SK-1").exists()
    assert "Dòng 3, cột &#x27;Mã sáng kiến / đề tài&#x27;: mã “SK-2” đã dùng" in detail(
        client, job).content.decode()


def test_written_history_rechecks_the_nominees_open_nominations(
        client, officer, person, django_capture_on_commit_callbacks):
    YearRecordFactory(person=person, year=2025, rating="HT", months_in_service=12)
    dossier = DossierFactory(unit=officer.unit, year=2025, created_by=officer)
    nomination = Nomination.objects.create(dossier=dossier, person=person, award=award("LDTT"))
    eligibility_services.check_nominations([nomination.pk])
    result = EligibilityResult.objects.get(nomination=nomination)
    assert {r["id"]: r["result"] for r in result.rules}["LDTT-1"] == "fail"
    client.force_login(officer)
    upload(client, "history", history_file(client, person, [
        [f"CN-{person.pk}", None, None, 2025, "HTT", 12]]),
        capture=django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks() as confirmed:
        client.post(f"/khenthuong/imports/{last_job().pk}/xac-nhan/")
    with django_capture_on_commit_callbacks() as written:
        for callback in confirmed:  # the write task (eager): the history rows are saved
            callback()
    for callback in written:  # its commit: history_changed, results marked stale
        callback()

    result.refresh_from_db()
    assert result.state == EligibilityResult.State.STALE
    with django_capture_on_commit_callbacks(execute=True):
        eligibility_services.check_nominations([nomination.pk])
    result.refresh_from_db()
    assert {r["id"]: r["result"] for r in result.rules}["LDTT-1"] == "pass"


def test_a_discipline_ending_before_it_starts_is_an_error(
        client, officer, person, django_capture_on_commit_callbacks):
    client.force_login(officer)
    content = fill(template(client, "history"), "Kỷ luật", [
        [f"CN-{person.pk}", None, None, "canh_cao", "01/06/2020", "31/02/2021"],
        [f"CN-{person.pk}", None, None, "canh_cao", "01/06/2022", "01/01/2022"],
    ])

    upload(client, "history", content, capture=django_capture_on_commit_callbacks)

    errors = [e for r in last_job().rows.all() for e in r.errors]
    assert errors == [
        "Dòng 2, cột 'Đến ngày': “31/02/2021” không phải ngày hợp lệ; ghi theo dạng "
        "dd/mm/yyyy (ví dụ 15/01/2024).",
        "Dòng 3, cột 'Đến ngày': ngày kết thúc 01/01/2022 trước ngày bắt đầu 01/06/2022.",
    ]


def test_a_workbook_without_the_templates_sheets_is_refused_as_a_whole(
        client, officer, django_capture_on_commit_callbacks):
    from tests.files import xlsx_bytes

    client.force_login(officer)

    upload(client, "history", xlsx_bytes(), capture=django_capture_on_commit_callbacks)

    job = last_job()
    assert job.status == ImportStatus.INVALID
    assert job.file_errors[0].startswith("Tệp không có trang tính nào của mẫu")


def test_an_empty_template_is_not_ready_to_write(
        client, officer, django_capture_on_commit_callbacks):
    client.force_login(officer)

    upload(client, "history", template(client, "history"),
           capture=django_capture_on_commit_callbacks)

    assert last_job().file_errors == [
        "Tệp chưa có dòng dữ liệu nào (dữ liệu ghi từ dòng 2, dưới dòng tiêu đề)."]
