"""The whole route of a dossier in Chromium, through the Vietnamese UI, one step per role.

The unit officer drafts a dossier with two nominees (an individual for Chiến sĩ thi đua cấp
tỉnh, the whole unit for Bằng khen của Chủ tịch UBND tỉnh), uploads the reports and the other
required documents, reads the eligibility checklist the Celery worker writes, and sends it
(confirming); the unit head signs; the bloc leader runs the bloc's vote session (open, paper
tally, close with confirmation), which releases the waiting dossier; the council secretary
records the ballot at a council meeting (closed with confirmation) and completes the council
review; the board specialist returns the dossier with a reason; the unit officer reads the
notice, adds the evidence asked for and resubmits with a note; the dossier comes back to the
same specialist's inbox, who forwards it; the Trưởng Ban approves the appraisal; the
committee officer drafts the decision; the Chủ tịch UBND tỉnh signs it and uploads the
signed PDF; the manager finds the case decided with its timeline; the nominees' histories
show the awards. Every role has one user in the demo: tasks open straight on their form.

Each main screen is saved to test-artifacts/e2e/ (Screen.shot also checks that no known
English viewflow string is visible). Background work (eligibility) is awaited with
Playwright expectations on reloaded pages, never with sleeps.
"""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from nominations.demo.data import DEMO_PASSWORD, HOME_UNIT
from nominations.models import Honour, Person
from tests.files import PDF, docx_bytes

YEAR = 2025
TITLE = "Đề nghị khen thưởng năm 2025 – Cục Thi hành án dân sự tỉnh Tiền Giang"
RETURN_REASON = ("Thiếu quyết định công nhận sáng kiến cấp tỉnh năm 2025; đề nghị bổ sung bản "
                 "có chữ ký.")
REVISION_NOTE = "Đã bổ sung Quyết định công nhận sáng kiến số 12/QĐ-HĐSK ngày 20/10/2025."
DECISION_NUMBER = "3125/QĐ-UBND"


class Files:
    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.report_person = folder / "bao-cao-thanh-tich-ca-nhan.pdf"
        self.report_person.write_bytes(PDF)
        self.report_unit = folder / "bao-cao-thanh-tich-tap-the.docx"
        self.report_unit.write_bytes(docx_bytes("Báo cáo thành tích của tập thể năm 2025"))
        self.minutes = folder / "bien-ban-binh-xet.pdf"
        self.minutes.write_bytes(PDF)
        self.letter = folder / "to-trinh.pdf"
        self.letter.write_bytes(PDF)
        self.effect = folder / "xac-nhan-pham-vi-anh-huong.pdf"
        self.effect.write_bytes(PDF)
        self.evidence = folder / "quyet-dinh-cong-nhan-sang-kien.pdf"
        self.evidence.write_bytes(PDF)
        self.signed = folder / "quyet-dinh-khen-thuong-da-ky.pdf"
        self.signed.write_bytes(PDF)


def reload_until(page: Page, check, timeout: float = 45) -> None:
    """Reload `page` until `check()` (a Playwright expectation) passes: for results a
    background worker writes while nobody touches the page."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            check()
            return
        except AssertionError:
            if time.monotonic() > deadline:
                raise
            page.reload()


def land_on_form(page: Page) -> None:
    """After opening a task: a task several people could take shows the claim page first
    ("Nhận xử lý"); one only the user can act on opens straight on its form."""
    page.wait_for_url(re.compile(r"/(assign|execute)/$"))
    if page.url.endswith("/assign/"):
        expect(page.get_by_role("heading", name="Nhận xử lý công việc")).to_be_visible()
        page.get_by_role("button", name="Xác nhận").click()
        page.wait_for_url("**/execute/")
        expect(page.locator(".kt-messages")).to_contain_text("Bạn đã nhận công việc.")


def open_from_queue(page: Page, step_label: str, listing: str = "queue") -> None:
    """From "Việc chờ nhận" (or the inbox): open this test's dossier's task at the step (the
    demo's own dossiers wait in the same lists) and land on its form."""
    page.goto(f"/khenthuong/route/{listing}/")
    (page.get_by_test_id("tasks").locator("tr").filter(has_text=TITLE)
     .get_by_role("link", name=step_label).first.click())
    land_on_form(page)


def confirm(page: Page, title: str) -> None:
    """The confirmation page of an irreversible action: read it, confirm."""
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect(page.get_by_test_id("confirm-message")).to_contain_text("không thể hoàn tác")
    page.get_by_test_id("confirm").click()


def submit_step(page: Page, step_label: str) -> None:
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/route/inbox/")
    expect(page.locator("vf-snackbar")).to_contain_text(step_label)


# ------------------------------------------------------------------ one step per role


def unit_officer_drafts_and_sends(screen, files: Files, person: str) -> str:
    page = screen.page
    screen.login("canbo", DEMO_PASSWORD)
    page.goto("/")
    page.get_by_test_id("create-dossier").click()
    page.fill("input[name=title]", TITLE)
    page.fill("input[name=year]", str(YEAR))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/dossiers/\d+/$"))
    dossier_url = page.url
    expect(page.get_by_test_id("dossier-status")).to_have_text("Đang soạn")

    nominees = (
        ("person", person, "Chiến sĩ thi đua cấp tỉnh", files.report_person,
         "Hoàn thành xuất sắc nhiệm vụ 3 năm liền; sáng kiến cấp tỉnh năm 2025."),
        ("collective", HOME_UNIT, "Bằng khen của Chủ tịch UBND tỉnh", files.report_unit,
         "Tập thể lao động xuất sắc 2023–2025, dẫn đầu Khối về thi hành án."),
    )
    for field, nominee, award, report, summary in nominees:
        page.get_by_test_id("add-nomination").click()
        expect(page.get_by_role("heading", name="Thêm đề nghị")).to_be_visible()
        page.select_option(f"select[name={field}]", label=nominee)
        page.select_option("select[name=award]", label=award)
        page.fill("textarea[name=summary]", summary)
        page.set_input_files("input[name=report]", str(report))
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_url(dossier_url)
        expect(page.locator(".kt-messages")).to_contain_text("Đã thêm đề nghị.")

    rows = page.get_by_test_id("nominations").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(page.get_by_test_id("dossier-documents")).to_contain_text("✗ Tờ trình")
    # a dossier missing a required document cannot be sent: the refusal names them
    page.get_by_test_id("send-dossier").click()
    expect(page.locator(".kt-messages")).to_contain_text("Hồ sơ còn thiếu tài liệu bắt buộc")
    expect(page.locator(".kt-messages")).to_contain_text("Tờ trình")

    # the voting minutes and the effect confirmation of the individual, the unit's letter
    person_nomination = f"{person} – Chiến sĩ thi đua cấp tỉnh"
    for kind, nomination, file in (
            ("Biên bản bình xét (có kết quả bỏ phiếu)", person_nomination, files.minutes),
            ("Xác nhận phạm vi ảnh hưởng (tỉnh / toàn quốc)", person_nomination, files.effect),
            ("Tờ trình", None, files.letter)):
        page.get_by_test_id("upload").click()
        page.select_option("select[name=kind]", label=kind)
        if nomination:
            page.select_option("select[name=nomination]", label=nomination)
        page.set_input_files("input[name=file]", str(file))
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_url(dossier_url)
        expect(page.locator(".kt-messages")).to_contain_text("Đã tải tệp lên.")

    expect(page.get_by_test_id("dossier-documents")).to_contain_text("✓ Tờ trình")
    expect(rows.nth(0)).to_contain_text("✓ Báo cáo thành tích")
    expect(rows.nth(0)).to_contain_text("✓ Biên bản bình xét (có kết quả bỏ phiếu)")
    expect(rows.nth(1)).to_contain_text("✓ Báo cáo thành tích")
    # eligibility is checked by the Celery worker after the nominations were saved
    reload_until(page, lambda: expect(page.get_by_test_id("eligibility-verdict")).to_have_count(
        2, timeout=1_000))
    expect(rows.nth(0).get_by_test_id("eligibility-verdict")).to_have_text("Đủ điều kiện")
    expect(rows.nth(0).locator("[data-rule='CSTD_TINH-1']")).to_have_attribute(
        "data-result", "pass")
    screen.shot("01-ho-so-va-dieu-kien")

    page.get_by_test_id("send-dossier").click()
    confirm(page, "Gửi hồ sơ để thủ trưởng ký trình")
    expect(page.locator(".kt-messages")).to_contain_text(
        "Đã gửi hồ sơ để thủ trưởng đơn vị ký trình.")
    expect(page.get_by_test_id("dossier-status")).to_have_text("Chờ thủ trưởng ký trình")
    return dossier_url


def unit_head_signs(screen) -> None:
    page = screen.page
    screen.login("thutruong", DEMO_PASSWORD)
    open_from_queue(page, "Thủ trưởng đơn vị ký trình")
    expect(page.get_by_test_id("nominations").locator("tbody tr")).to_have_count(2)
    expect(page.get_by_label("Ký và trình hồ sơ")).to_be_checked()
    # the head signs with the eligibility checklist in view, nothing missing
    expect(page.get_by_test_id("eligibility-verdict").first).to_be_visible()
    expect(page.get_by_test_id("missing-documents")).to_have_count(0)
    screen.shot("02-thu-truong-ky-trinh")
    submit_step(page, "Thủ trưởng đơn vị ký trình")


def bloc_leader_runs_the_vote(screen, case_path: str) -> None:
    page = screen.page
    screen.login("khoitruong", DEMO_PASSWORD)
    open_from_queue(page, "Khối / Cụm thi đua bình xét")
    notice = page.get_by_test_id("bloc-session")
    expect(notice).to_contain_text("Hồ sơ chờ kết quả phiên bình xét")
    notice.get_by_role("link", name="Mở phiên bình xét").click()
    expect(page.get_by_role("heading", name=re.compile("Phiên bình xét"))).to_be_visible()

    page.fill("input[name=held_on]", date.today().isoformat())
    page.fill("input[name=place]", "Hội trường Ngân hàng Nhà nước – Chi nhánh Tiền Giang")
    page.get_by_role("button", name="Mở phiên bình xét").click()
    expect(page.locator(".kt-messages")).to_contain_text("Đã mở phiên bình xét.")
    # the demo's Cục Thống kê dossier waits for this vote too; this test's row is Cục THADS'
    # (and Cục THADS' own demo dossiers, in other awards)
    items = (page.get_by_test_id("session-items").locator("tbody tr").filter(has_text=HOME_UNIT)
             .filter(has_text="Bằng khen của Chủ tịch UBND tỉnh"))
    expect(items).to_have_count(1)

    # paper ballots of 8 of the 9 member units: 7 agree, 1 disagrees
    boxes = page.locator("input[name=units]")
    expect(boxes).to_have_count(9)
    for i in range(8):
        boxes.nth(i).check()
    items.first.locator("input[name^=agree_]").fill("7")
    items.first.locator("input[name^=disagree_]").fill("1")
    page.get_by_test_id("tally").click()
    expect(page.locator(".kt-messages")).to_contain_text("Đã ghi nhận kết quả kiểm phiếu.")
    expect(page.get_by_test_id("session-items")).to_contain_text("7")
    screen.shot("03-khoi-binh-xet-kiem-phieu")

    page.get_by_role("button", name="Kết thúc phiên, lập biên bản và danh sách đề nghị").click()
    confirm(page, "Kết thúc phiên bình xét")
    expect(page.locator(".kt-messages")).to_contain_text("Đã kết thúc phiên bình xét")
    expect(page.get_by_test_id("session-status")).to_have_text("Đã kết thúc")
    expect(items.first).to_contain_text("Được đề nghị")
    expect(page.get_by_test_id("minutes")).to_be_visible()
    screen.shot("04-khoi-ket-thuc-phien")

    # the closed vote released the dossier: it now waits at the council
    page.goto(case_path)
    expect(page.get_by_test_id("waiting")).to_contain_text("Hội đồng TĐKT xem xét")


def council_secretary_records_the_ballot(screen, person: str) -> None:
    page = screen.page
    screen.login("thuky", DEMO_PASSWORD)
    page.goto("/khenthuong/blocs/hoi-dong/")
    page.get_by_role("link", name="Mở cuộc họp").click()
    page.fill("input[name=held_on]", date.today().isoformat())
    page.fill("input[name=title]", "Phiên họp Hội đồng Thi đua – Khen thưởng tỉnh xét khen "
                                    "thưởng năm 2025")
    for box in page.locator("input[name=member_users]").all():
        box.check()
    page.fill("textarea[name=member_names]", "Nguyễn Văn Phúc\nTrần Thị Kim Oanh\nLê Quốc Việt")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/hoi-dong/\d+/$"))
    expect(page.locator(".kt-messages")).to_contain_text("Đã mở cuộc họp Hội đồng.")

    # Chiến sĩ thi đua cấp tỉnh needs ≥ 90 % of the 5 members; the Bằng khen needs no ballot
    waiting = page.get_by_test_id("waiting").locator("tbody tr")
    expect(waiting).to_have_count(1)
    expect(waiting.first).to_contain_text(person)
    waiting.first.get_by_role("link", name="Ghi kết quả").click()
    page.fill("input[name=votes_for]", "5")
    page.fill("input[name=votes_against]", "0")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r"/hoi-dong/\d+/$"))
    expect(page.get_by_test_id("ballots")).to_contain_text("Đạt tỷ lệ phiếu")
    page.get_by_role("button", name="Kết thúc cuộc họp và lập biên bản").click()
    confirm(page, "Kết thúc cuộc họp Hội đồng")
    expect(page.locator(".kt-messages")).to_contain_text("Đã kết thúc cuộc họp")
    expect(page.get_by_test_id("meeting-status")).to_have_text("Đã kết thúc")
    screen.shot("05-hoi-dong-bo-phieu")

    open_from_queue(page, "Hội đồng TĐKT xem xét")
    expect(page.get_by_test_id("council-result")).to_have_text("Hội đồng bỏ phiếu: đạt")
    expect(page.get_by_test_id("bloc-result")).to_have_text("Khối/Cụm: được đề nghị")
    screen.shot("06-hoi-dong-xem-xet")
    submit_step(page, "Hội đồng TĐKT xem xét")


def board_specialist_returns(screen) -> None:
    page = screen.page
    screen.login("chuyenvien", DEMO_PASSWORD)
    open_from_queue(page, "Ban Thi đua – Khen thưởng thẩm định")
    # at appraisal the board sees the eligibility checklist and the required documents
    expect(page.get_by_test_id("eligibility-verdict").first).to_have_text("Đủ điều kiện")
    expect(page.locator("ul").filter(has_text="Tờ trình").first).to_contain_text("✓ Tờ trình")
    page.get_by_label("Trả lại đơn vị để bổ sung, hoàn thiện").check()
    page.fill("textarea[name=return_reason]", RETURN_REASON)
    screen.shot("07-ban-tham-dinh-tra-lai")
    submit_step(page, "Ban Thi đua – Khen thưởng thẩm định")


def unit_officer_revises(screen, files: Files, dossier_url: str) -> None:
    page = screen.page
    screen.login("canbo", DEMO_PASSWORD)
    page.goto("/khenthuong/notifications/")
    notice = (page.get_by_test_id("notice").filter(has_text="Hồ sơ bị trả lại để bổ sung")
              .filter(has_text=RETURN_REASON))
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(RETURN_REASON)
    expect(notice).to_have_class(re.compile("kt-notice--unread"))
    screen.shot("08-thong-bao-tra-lai")

    notice.get_by_role("link").first.click()
    page.wait_for_url(dossier_url)
    expect(page.get_by_test_id("dossier-status")).to_have_text("Trả lại đơn vị để bổ sung")
    expect(page.locator(".kt-msg--error")).to_contain_text(RETURN_REASON)

    page.get_by_test_id("upload").click()
    page.select_option("select[name=kind]", label="Tài liệu minh chứng khác")
    page.set_input_files("input[name=file]", str(files.evidence))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(dossier_url)
    expect(page.locator(".kt-messages")).to_contain_text("Đã tải tệp lên.")

    page.get_by_test_id("open-task").click()
    land_on_form(page)
    expect(page.get_by_role("heading", name="Đơn vị bổ sung, hoàn thiện hồ sơ")).to_be_visible()
    # an empty note is refused: the returning reviewer must read what was revised
    page.get_by_test_id("submit").click()
    expect(page.locator("main")).to_contain_text("Vui lòng nêu nội dung đơn vị đã bổ sung")
    page.fill("textarea[name=note]", REVISION_NOTE)
    screen.shot("09-don-vi-nop-lai")
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/route/inbox/")
    expect(page.locator("vf-snackbar")).to_contain_text("Đã nộp lại hồ sơ.")


def board_specialist_forwards(screen) -> None:
    page = screen.page
    screen.login("chuyenvien", DEMO_PASSWORD)
    # the resubmitted dossier is back at the step that returned it, in this specialist's inbox
    open_from_queue(page, "Ban Thi đua – Khen thưởng thẩm định", listing="inbox")
    expect(page.get_by_test_id("resubmission")).to_contain_text(REVISION_NOTE)
    expect(page.get_by_test_id("resubmission")).to_contain_text(RETURN_REASON)
    expect(page.get_by_label("Trình UBND tỉnh quyết định")).to_be_checked()
    for box in page.locator("textarea[name^=opinion_]").all():
        box.fill("Đủ điều kiện, hồ sơ đầy đủ theo Luật Thi đua, khen thưởng 2022.")
    submit_step(page, "Ban Thi đua – Khen thưởng thẩm định")


def board_head_approves(screen) -> None:
    page = screen.page
    screen.login("truongban", DEMO_PASSWORD)
    open_from_queue(page, "Trưởng Ban phê duyệt")
    expect(page.get_by_label("Phê duyệt kết quả thẩm định, trình UBND tỉnh")).to_be_checked()
    screen.shot("10-truong-ban-phe-duyet")
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/route/inbox/")
    expect(page.locator("vf-snackbar")).to_contain_text("Đã phê duyệt kết quả thẩm định")


def committee_officer_records_the_decision(screen) -> None:
    page = screen.page
    screen.login("vanphong", DEMO_PASSWORD)
    open_from_queue(page, "UBND tỉnh quyết định")
    for box in page.locator("input[name^=awarded_]").all():
        box.check()
    page.fill("input[name=number]", DECISION_NUMBER)
    page.fill("input[name=date]", date.today().isoformat())
    page.fill("input[name=signer]", "Ngô Văn Thành – Chủ tịch UBND tỉnh")
    screen.shot("10-ubnd-quyet-dinh")
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/route/inbox/")
    expect(page.locator("vf-snackbar")).to_contain_text(
        "Đã trình Chủ tịch UBND tỉnh ký quyết định.")


def chairman_signs_the_decision(screen, files: Files) -> None:
    page = screen.page
    screen.login("chutich", DEMO_PASSWORD)
    open_from_queue(page, "Chủ tịch UBND tỉnh ký quyết định")
    draft = page.get_by_test_id("decision-draft")
    expect(draft).to_contain_text(DECISION_NUMBER)
    expect(draft).to_contain_text("Bằng khen của Chủ tịch UBND tỉnh")
    # signing without the signed file or the confirmation is refused
    page.get_by_test_id("submit").click()
    expect(page.locator("main")).to_contain_text("Vui lòng tải lên bản quyết định đã ký (PDF).")
    page.set_input_files("input[name=signed_file]", str(files.signed))
    page.check("input[name=confirm]")
    screen.shot("10-chu-tich-ky-quyet-dinh")
    page.get_by_test_id("submit").click()
    page.wait_for_url("**/route/inbox/")
    expect(page.locator("vf-snackbar")).to_contain_text("Đã ký quyết định.")


def manager_finds_the_case_decided(screen, person: str) -> None:
    page = screen.page
    screen.login("lanhdao", DEMO_PASSWORD)
    page.goto("/khenthuong/route/")
    expect(page.get_by_role("heading", name="Tình hình xử lý hồ sơ")).to_be_visible()
    page.goto("/khenthuong/dossiers/")  # "/" is the landing page (Trang làm việc)
    row = page.locator("tr").filter(has_text=TITLE)
    expect(row).to_contain_text("Đã có quyết định")
    row.get_by_role("link", name=TITLE).click()
    page.get_by_test_id("case-link").click()
    page.wait_for_url(re.compile(r"/route/ho-so/\d+/$"))

    expect(page.get_by_test_id("dossier-status")).to_have_text("Đã có quyết định")
    expect(page.get_by_test_id("waiting")).to_contain_text("Hồ sơ không chờ xử lý ở bước nào.")
    expect(page.locator("main")).to_contain_text(DECISION_NUMBER)
    nominations = page.get_by_test_id("nominations")
    expect(nominations.locator("tbody tr").filter(has_text="Được khen thưởng")).to_have_count(2)
    timeline = page.get_by_test_id("timeline")
    for action in ("Lập hồ sơ", "Gửi thủ trưởng ký trình", "Khối / Cụm kết thúc phiên bình xét",
                   "Hội đồng bỏ phiếu", "Trả lại đơn vị để bổ sung", "Nộp lại hồ sơ đã bổ sung",
                   "Trưởng Ban phê duyệt kết quả thẩm định",
                   "Trình Chủ tịch UBND tỉnh ký quyết định", "Chủ tịch UBND tỉnh ký quyết định",
                   "Ghi nhận quyết định khen thưởng"):
        expect(timeline).to_contain_text(action)
    expect(timeline.locator("tr").filter(has_text=RETURN_REASON)).to_contain_text(
        "Trả lại đơn vị để bổ sung")
    expect(timeline.locator("tr").filter(has_text=REVISION_NOTE)).to_contain_text(
        "Nộp lại hồ sơ đã bổ sung")
    screen.shot("11-lanh-dao-theo-doi-ho-so")

    nominations.get_by_role("link", name=person).click()
    page.wait_for_url(re.compile(r"/ca-nhan/\d+/$"))
    award = page.get_by_test_id("honours").locator("tr").filter(
        has_text="Chiến sĩ thi đua cấp tỉnh")
    expect(award).to_contain_text(DECISION_NUMBER)
    expect(award).to_contain_text(str(YEAR))
    screen.shot("12-qua-trinh-khen-thuong")

    page.go_back()
    nominations.get_by_role("link", name=HOME_UNIT).click()
    page.wait_for_url(re.compile(r"/tap-the/\d+/$"))
    # beside the 2022 Bằng khen the demo's seed decision gave the unit
    award = page.get_by_test_id("honours").locator("tr").filter(has_text=str(YEAR)).filter(
        has_text="Bằng khen của Chủ tịch UBND tỉnh")
    expect(award).to_contain_text(DECISION_NUMBER)


# ------------------------------------------------------------------ the route


def test_a_dossier_goes_the_whole_route_through_the_vietnamese_ui(screens, tmp_path):
    files = Files(tmp_path / "files")
    # the demo's outstanding officer: CSTĐCS 2021–2025 and a province-level initiative
    person = Person.objects.get(unit__name=HOME_UNIT, birth_year=1975).full_name

    dossier_url = unit_officer_drafts_and_sends(screens(), files, person)
    case_path = "/khenthuong/route/ho-so/{}/".format(dossier_url.rstrip("/").rsplit("/", 1)[1])
    unit_head_signs(screens())
    bloc_leader_runs_the_vote(screens(), case_path)
    council_secretary_records_the_ballot(screens(), person)
    board_specialist_returns(screens())
    unit_officer_revises(screens(), files, dossier_url)
    board_specialist_forwards(screens())
    board_head_approves(screens())
    committee_officer_records_the_decision(screens())
    chairman_signs_the_decision(screens(), files)
    manager_finds_the_case_decided(screens(), person)

    honours = Honour.objects.filter(decision_number=DECISION_NUMBER)
    assert sorted(h.award.code for h in honours) == ["BK_TINH", "CSTD_TINH"]
