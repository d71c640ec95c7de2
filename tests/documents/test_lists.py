"""Excel lists: nominees of a dossier or a year, decided awards of a year."""

from __future__ import annotations

from datetime import datetime

from nominations.models import Dossier
from tests.documents.conftest import url, xlsx_rows
from tests.factories import (
    DossierFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    award,
)

NOMINEE_HEADER = ("STT", "Họ và tên / Tên tập thể", "Đối tượng", "Chức vụ", "Đơn vị",
                  "Năm thành tích", "Hình thức đề nghị", "Loại thành tích", "Trạng thái",
                  "Hồ sơ", "Ngày trình", "Số quyết định", "Ngày quyết định")


def _rows(client, user, address) -> list[tuple]:
    client.force_login(user)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml")
    return xlsx_rows(response.content)


def test_dossier_list_has_a_row_per_nomination_under_vietnamese_headers(client, world):
    rows = _rows(client, world.officer, url("dossier_xlsx", world.dossier.pk))
    assert rows[1] == NOMINEE_HEADER
    assert [r[:5] for r in rows[2:]] == [  # catalogue order of the awards
        (1, "Phòng Kế hoạch – Đầu tư", "Tập thể", None, "Sở Tài chính"),
        (2, "Nguyễn Thị Hoa", "Cá nhân", "Trưởng phòng", "Sở Tài chính")]


def test_year_list_filters_by_award(client, world):
    rows = _rows(client, world.board, url("nominees_xlsx") +
                 f"?nam=2025&hinh_thuc={award('TTLDXS').pk}")
    assert [r[1] for r in rows[2:]] == ["Phòng Kế hoạch – Đầu tư"]


def test_year_list_leaves_out_other_years(client, world):
    NominationFactory(dossier=DossierFactory(unit=world.unit, year=2024),
                      person=PersonFactory(unit=world.unit, full_name="Năm Trước"))
    rows = _rows(client, world.board, url("nominees_xlsx") + "?nam=2025")
    assert "Năm Trước" not in [r[1] for r in rows[2:]]
    assert len(rows[2:]) == 2


def test_unit_users_year_list_has_only_their_units_rows(client, world):
    other = UnitFactory(province=world.province, name="Sở Y tế")
    NominationFactory(dossier=DossierFactory(unit=other, year=2025),
                      person=PersonFactory(unit=other, full_name="Người Đơn Vị Khác"))
    rows = _rows(client, world.officer, url("nominees_xlsx") + "?nam=2025")
    assert {r[4] for r in rows[2:]} == {"Sở Tài chính"}


def test_decided_awards_list_has_the_decision_and_a_real_date(client, world, decision):
    rows = _rows(client, world.board, url("awards_xlsx") + "?nam=2025")
    assert rows[1][:6] == ("STT", "Số quyết định", "Ngày quyết định", "Người ký",
                           "Hình thức khen thưởng", "Họ và tên / Tên tập thể")
    assert rows[2:] == [(1, "125/QĐ-UBND", datetime(2026, 1, 15), "Phạm Văn Ký",
                         "Bằng khen của Chủ tịch UBND tỉnh", "Nguyễn Thị Hoa", "Cá nhân",
                         "Trưởng phòng", "Sở Tài chính", 2025)]


def test_decision_dates_are_formatted_as_dates(client, world, decision):
    from io import BytesIO

    from openpyxl import load_workbook

    client.force_login(world.board)
    content = client.get(url("awards_xlsx") + "?nam=2025").content
    cell = load_workbook(BytesIO(content)).worksheets[0]["C3"]
    assert cell.is_date and cell.number_format == "DD/MM/YYYY"


def test_year_list_reads_a_bounded_number_of_queries(client, world,
                                                     django_assert_max_num_queries):
    for i in range(30):
        dossier = DossierFactory(unit=world.unit, year=2025)
        NominationFactory(dossier=dossier, person=PersonFactory(unit=world.unit,
                                                                full_name=f"Người {i}"))
    Dossier.objects.update(status="board_appraisal")
    client.force_login(world.board)
    with django_assert_max_num_queries(6):
        response = client.get(url("nominees_xlsx") + "?nam=2025")
    assert len(xlsx_rows(response.content)) == 2 + 32


def test_a_bad_year_goes_back_with_a_vietnamese_message(client, world):
    client.force_login(world.board)
    response = client.get(url("awards_xlsx") + "?nam=abc", follow=True)
    assert "Vui lòng chọn năm thành tích hợp lệ." in response.content.decode()
