"""Excel downloads: the dashboard's tables, the overdue list, the dossier list and the status
list open with openpyxl, with Vietnamese headers, real dates, the filters applied and only
what the user may see; the printable report."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

from django.urls import reverse
from openpyxl import Workbook, load_workbook

from reports.exports import Column, Sheet, write_sheet
from tests.workflows.helpers import YEAR, make_dossier, send
from workflows import selectors as route

from .conftest import place


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert "attachment" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _rows(ws) -> list[tuple]:
    return list(ws.iter_rows(values_only=True))


def _late(world, title: str, days: int, unit=None):
    today = route.today()
    dossier = make_dossier(world, title=title, unit=unit)
    send(world, dossier)
    place(dossier, "unit_head_submit", started=today - timedelta(days=days + 7),
          due=today - timedelta(days=days))
    return dossier


def test_dashboard_export_has_a_sheet_per_table_with_vietnamese_headers(world, manager_client):
    send(world, make_dossier(world, "CSTD_TINH", "BK_TINH"))

    wb = _workbook(manager_client.get(reverse("khenthuong:reports:export"), {"year": YEAR}))

    assert wb.sheetnames == ["Theo bước", "Theo trạng thái", "Theo khối", "Theo đơn vị",
                             "Theo đối tượng", "Theo năm", "Hồ sơ quá hạn"]
    steps = _rows(wb["Theo bước"])
    assert steps[0][0] == f"Thống kê khen thưởng – năm thành tích {YEAR}"
    assert steps[1][:3] == ("Bước", "Số công việc", "Đang chờ")
    assert steps[2][:3] == ("Thủ trưởng đơn vị ký trình", 1, 1)
    units = _rows(wb["Theo đơn vị"])
    assert units[2][:3] == (world.unit.name, 1, 2)


def test_overdue_export_lists_every_overdue_task_with_real_dates(world, manager_client):
    _late(world, "Trễ 10 ngày", 10)
    _late(world, "Trễ 3 ngày", 3, unit=world.other_unit)
    make_dossier(world, title="Chưa gửi")

    wb = _workbook(manager_client.get(reverse("khenthuong:reports:export_overdue")))

    rows = _rows(wb.active)
    assert rows[1] == ("Hồ sơ", "Đơn vị", "Năm thành tích", "Bước", "Từ ngày", "Hạn xử lý",
                       "Số ngày làm việc quá hạn", "Người xử lý")
    assert [r[0] for r in rows[2:]] == ["Trễ 10 ngày", "Trễ 3 ngày"]
    due = rows[2][5]
    assert due.date() == route.today() - timedelta(days=10)  # a date cell, not text
    assert wb.active.cell(row=3, column=6).number_format == "DD/MM/YYYY"


def test_overdue_export_keeps_the_dashboards_filters(world, manager_client):
    _late(world, "Của đơn vị", 10)
    _late(world, "Của đơn vị khác", 3, unit=world.other_unit)

    wb = _workbook(manager_client.get(reverse("khenthuong:reports:export_overdue"),
                                      {"unit": world.other_unit.pk}))

    assert [r[0] for r in _rows(wb.active)[2:]] == ["Của đơn vị khác"]


def test_dossier_list_export_holds_only_the_users_own_units_dossiers(world, client):
    make_dossier(world, title="Hồ sơ của tôi")
    make_dossier(world, title="Hồ sơ đơn vị khác", unit=world.other_unit)
    client.force_login(world.officer)

    wb = _workbook(client.get(reverse("khenthuong:reports:export_dossiers")))

    rows = _rows(wb.active)
    assert rows[1][:5] == ("Trích yếu", "Đơn vị", "Năm", "Số đề nghị", "Trạng thái")
    assert [r[:5] for r in rows[2:]] == [("Hồ sơ của tôi", world.unit.name, YEAR, 1,
                                          "Đang soạn")]


def test_status_list_export_lists_every_waiting_dossier(world, client):
    send(world, make_dossier(world, title="Chờ ký"))
    make_dossier(world, title="Đang soạn")
    client.force_login(world.manager)

    wb = _workbook(client.get(reverse("khenthuong:reports:export_status"), {"year": YEAR}))

    waiting = _rows(wb["Đang chờ xử lý"])
    assert [(r[0], r[2]) for r in waiting[2:]] == [("Chờ ký", "Thủ trưởng đơn vị ký trình")]
    assert isinstance(waiting[2][3].date(), date)
    statuses = dict(_rows(wb["Theo trạng thái"])[2:])
    assert statuses["Đang soạn"] == 1 and statuses["Chờ thủ trưởng ký trình"] == 1


def test_a_list_longer_than_the_cap_is_cut_with_a_line_saying_so():
    wb = Workbook(write_only=True)

    written = write_sheet(wb, Sheet("Danh sách", [Column("Số", kind="int")],
                                    ((i,) for i in range(10))), max_rows=3)

    out = io.BytesIO()
    wb.save(out)
    rows = _rows(load_workbook(out).active)
    assert written == 3
    assert rows[:4] == [("Số",), (0,), (1,), (2,)]
    assert rows[4][0].startswith("Danh sách dài hơn 3 dòng")


def test_the_list_pages_link_to_their_excel_download(world, client):
    client.force_login(world.manager)

    dossiers = client.get(reverse("khenthuong:dossiers:index")).content.decode()
    status = client.get(reverse("khenthuong:route:status"), {"year": YEAR}).content.decode()

    assert reverse("khenthuong:reports:export_dossiers") in dossiers
    assert f"{reverse('khenthuong:reports:export_status')}?year={YEAR}" in status


def test_printable_report_has_the_issuing_body_the_tables_and_charts(world, manager_client):
    world.province.name = "Tiền Giang"
    world.province.save()
    _late(world, "Hồ sơ quá hạn in ra", 10)

    response = manager_client.get(reverse("khenthuong:reports:print"), {"year": YEAR})

    html = response.content.decode()
    assert response.status_code == 200
    assert "UBND TỈNH TIỀN GIANG" in html and "BAN THI ĐUA – KHEN THƯỞNG" in html
    assert f"Tình hình xét đề nghị khen thưởng năm {YEAR}" in html
    assert "Tiền Giang, ngày" in html
    assert html.count("<svg") == 3
    assert 'data-testid="steps"' in html and "Hồ sơ quá hạn in ra" in html
    assert "report-print.css" in html


def test_queue_export_lists_the_unit_heads_waiting_tasks_with_the_page_filters(world, client):
    late = _late(world, "Hồ sơ chờ ký trễ hạn", 4)
    send(world, make_dossier(world, title="Hồ sơ chờ ký đúng hạn"))
    send(world, make_dossier(world, title="Hồ sơ của đơn vị khác", unit=world.other_unit))
    client.force_login(world.head)
    url = reverse("khenthuong:reports:export_tasks", args=["queue"])

    every = _rows(_workbook(client.get(url)).active)
    overdue = _rows(_workbook(client.get(url, {"overdue": "true"})).active)

    assert every[0][0] == "Việc chờ nhận" and every[1][:3] == ("Bước", "Hồ sơ", "Đơn vị")
    assert sorted(r[1] for r in every[2:]) == ["Hồ sơ chờ ký trễ hạn", "Hồ sơ chờ ký đúng hạn"]
    assert [(r[0], r[1], r[6]) for r in overdue[2:]] == [
        ("Thủ trưởng đơn vị ký trình", late.title, "Có")]
    assert isinstance(overdue[2][5], datetime)  # a real date (openpyxl reads it back so)


def test_task_export_of_an_unknown_list_is_not_found(world, client):
    client.force_login(world.head)

    assert client.get("/khenthuong/reports/xuat/viec/all.xlsx").status_code == 404
