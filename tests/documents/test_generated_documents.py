"""Each kind of document, generated from the shipped templates through the pages."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from blocs import services as bloc_services
from nominations import services as nomination_services
from nominations.models import Dossier
from tests.blocs import replay
from tests.documents.conftest import docx_texts, url
from tests.factories import (
    DossierFactory,
    NominationFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    award,
)


def _get_docx(client, user, address) -> list[str]:
    client.force_login(user)
    response = client.get(address)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")
    return docx_texts(response.content)


def test_unit_letter_lists_the_dossiers_nominees(client, world):
    texts = _get_docx(client, world.officer, url("unit_letter", world.dossier.pk))
    assert "Nguyễn Thị Hoa" in texts
    assert "Phòng Kế hoạch – Đầu tư" in texts
    assert "Trưởng phòng, Sở Tài chính" in texts
    assert "TỜ TRÌNH" in texts


def test_unit_letter_has_the_number_line_with_the_units_symbol(client, world):
    texts = _get_docx(client, world.officer, url("unit_letter", world.dossier.pk))
    number = next(t for t in texts if t.startswith("Số:"))
    assert number.endswith("/TTr-STC")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts


def test_unit_letter_is_signed_by_the_unit_head_who_sent_it(client, world):
    head = UserFactory(roles=["unit_head"], unit=world.unit, full_name="Trần Văn Thủ",
                       position="Giám đốc")
    nomination_services.record_event(dossier=world.dossier, actor=head,
                                     step="unit_head_submit", action="step_completed")
    texts = _get_docx(client, world.officer, url("unit_letter", world.dossier.pk))
    assert texts[-2:] == ["GIÁM ĐỐC", "Trần Văn Thủ"]


def test_decision_has_its_number_date_and_signer(client, world, decision):
    texts = _get_docx(client, world.officer, url("decision", decision.pk))
    assert "Số: 125/QĐ-UBND" in texts
    assert "Tiền Giang, ngày 15 tháng 01 năm 2026" in texts
    assert "ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG" in texts
    assert "Phạm Văn Ký" in texts
    assert "TM. ỦY BAN NHÂN DÂN" in texts


def test_decision_annex_lists_only_the_awarded_nominees_by_award(client, world, decision):
    texts = _get_docx(client, world.officer, url("decision", decision.pk))
    assert "I. Bằng khen của Chủ tịch UBND tỉnh (1)" in texts
    assert "Nguyễn Thị Hoa" in texts
    assert "Phòng Kế hoạch – Đầu tư" not in texts  # not awarded by this decision
    assert "(Kèm theo Quyết định số 125/QĐ-UBND ngày 15/01/2026 của Ủy ban nhân dân tỉnh "\
           "Tiền Giang)" in texts


def _appraised(world, name: str) -> None:
    dossier = DossierFactory(unit=world.unit, year=2025, status="committee_decision")
    NominationFactory(dossier=dossier, award=award("BK_TINH"),
                      person=PersonFactory(unit=world.unit, full_name=name))


def test_board_letter_lists_the_years_appraised_nominations(client, world):
    _appraised(world, "Võ Thị Thẩm Định")
    Dossier.objects.filter(pk=world.dossier.pk).update(status="board_appraisal")
    other = UnitFactory(province=ProvinceFactory(code="ha-noi", name="Hà Nội"))
    NominationFactory(dossier=DossierFactory(unit=other, year=2025, status="committee_decision"),
                      person=PersonFactory(unit=other, full_name="Người Tỉnh Khác"))
    texts = _get_docx(client, world.board, url("board_letter") +
                      f"?tinh={world.province.pk}&nam=2025&so=45")
    assert "Võ Thị Thẩm Định" in texts
    assert "Nguyễn Thị Hoa" not in texts  # still being appraised
    assert "Người Tỉnh Khác" not in texts
    assert "Số: 45/TTr-BTĐKT" in texts


def test_board_letter_is_signed_by_the_head_of_the_board(client, world):
    _appraised(world, "Võ Thị Thẩm Định")
    texts = _get_docx(client, world.board,
                      url("board_letter") + f"?tinh={world.province.pk}&nam=2025")
    assert texts[-2:] == ["TRƯỞNG BAN", "Lê Văn Trưởng"]
    assert "BAN THI ĐUA – KHEN THƯỞNG" in texts


def test_council_minutes_have_the_votes_and_the_secretary(client, world):
    secretary = UserFactory(roles=["council_secretary"], province=world.province,
                            full_name="Đỗ Thư Ký")
    meeting = bloc_services.open_council_meeting(
        user=secretary, province=world.province, held_on=date(2026, 1, 20),
        title="Họp xét khen thưởng năm 2025",
        member_names=[f"Thành viên {i}" for i in range(10)])
    nomination = NominationFactory(
        dossier=DossierFactory(unit=world.unit, year=2025, status="council_review"),
        award=award("CSTD_TINH"), person=PersonFactory(unit=world.unit, full_name="Bùi Văn Bầu"))
    bloc_services.record_council_ballot(user=secretary, meeting=meeting, nomination=nomination,
                                        votes_for=9, votes_against=1)
    bloc_services.close_council_meeting(user=secretary, meeting=meeting)
    texts = _get_docx(client, world.board, url("council_minutes", meeting.pk))
    assert "Bùi Văn Bầu (Sở Tài chính)" in texts
    assert "90,0%" in texts and "Đạt" in texts
    assert texts[-2:] == ["THƯ KÝ HỘI ĐỒNG", "Đỗ Thư Ký"]
    assert any(t.startswith("Số:") and t.endswith("/BB-HĐTĐKT") for t in texts)


def test_bloc_minutes_have_the_vote_counts_and_the_new_leadership(client, db):
    r = replay.build_bloc()
    replay.add_dossiers(r)
    replay.hold_vote(r)
    replay.close_vote(r)
    texts = _get_docx(client, r.deputy, url("bloc_minutes", r.session.pk))
    assert f"Khối trưởng: {r.session.next_leader.name}; Khối phó: " \
           f"{r.session.next_deputy.name}." in texts
    assert "Đề nghị" in texts
    assert "Số đơn vị thành viên: 9; số đơn vị đã bỏ phiếu: 9. Hình thức: bỏ phiếu kín, mỗi " \
           "đơn vị một phiếu; đề nghị được thông qua khi có quá nửa tổng số đơn vị thành viên " \
           "đồng ý." in texts


def test_minutes_of_a_meeting_not_yet_closed_are_not_found(client, world):
    secretary = UserFactory(roles=["council_secretary"], province=world.province)
    meeting = bloc_services.open_council_meeting(
        user=secretary, province=world.province, held_on=date(2026, 1, 20), title="Họp",
        member_names=["A", "B"])
    client.force_login(secretary)
    assert client.get(url("council_minutes", meeting.pk)).status_code == 404


def test_dossier_page_links_the_letter_and_the_list(client, world, decision):
    client.force_login(world.officer)
    page = client.get(reverse("khenthuong:dossiers:detail", args=[world.dossier.pk]))
    page = page.content.decode()
    assert url("unit_letter", world.dossier.pk) in page
    assert url("dossier_xlsx", world.dossier.pk) in page
    assert url("decision", decision.pk) in page


def test_board_letter_with_a_bad_year_goes_back_with_a_vietnamese_message(client, world):
    client.force_login(world.board)
    response = client.get(url("board_letter") + f"?tinh={world.province.pk}&nam=19",
                          follow=True)
    assert response.status_code == 200
    assert "Năm thành tích phải từ 2000 đến 2100." in response.content.decode()


def test_the_board_finds_its_letter_and_the_templates_on_the_documents_page(client, world):
    client.force_login(world.board)
    page = client.get(url("index")).content.decode()
    assert 'data-testid="board-letter-form"' in page
    assert url("templates") in page
    templates = client.get(url("templates")).content.decode()
    assert templates.count("Mẫu mặc định của phần mềm") == 5


def test_case_page_links_the_decision_document(client, world, decision):
    client.force_login(world.officer)
    page = client.get(reverse("khenthuong:route:case", args=[world.dossier.pk]))
    assert url("decision", decision.pk) in page.content.decode()
