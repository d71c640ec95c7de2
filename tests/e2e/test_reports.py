"""The manager's dashboard in Chromium: the demo province with dossiers of five units
waiting at their steps (some late), the figures, the SVG charts and the printable report,
under the Content-Security-Policy. The dashboard's screenshot goes to test-artifacts/e2e/
(and, copied by hand, to docs/screenshots/15-lanh-dao-thong-ke.png)."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from accounts.models import User
from nominations.demo.data import DEMO_PASSWORD
from reports import selectors as reports
from reports.selectors import ReportFilter
from tests.e2e.conftest import SHOTS
from tests.factories import (
    DossierFactory,
    NominationFactory,
    PersonFactory,
    attach_required_documents,
    award,
)
from workflows import selectors as route
from workflows import services
from workflows.models import TaskDeadline

YEAR = 2025
OFFICERS = ("canbo", "canbo-nhnn", "canbo-thue", "canbo-kbnn", "canbo-bhxh", "canbo-haiquan")


def _waiting_dossiers() -> int:
    """Each unit sends a dossier of YEAR, every other one also one of the year before; Cục
    THADS's head signs its dossier; the tasks are moved back in time, those of every other
    unit past their due date. Returns how many of YEAR wait for a unit head's signature."""
    today = route.today()
    sent = 0
    for i, username in enumerate(OFFICERS):
        officer = User.objects.get(username=username)
        for year in (YEAR, YEAR - 1)[: 1 + i % 2]:
            dossier = DossierFactory(unit=officer.unit, year=year, created_by=officer,
                                     title=f"Đề nghị khen thưởng năm {year} – {officer.unit}")
            for code in ("CSTD_TINH", "BK_TINH")[: 1 + (i + year) % 2]:
                NominationFactory(dossier=dossier, award=award(code),
                                  person=PersonFactory(unit=officer.unit))
            attach_required_documents(dossier)
            services.send_dossier(user=officer, dossier=dossier)
            sent += year == YEAR
            deadline = TaskDeadline.objects.get(dossier=dossier, finished_at__isnull=True)
            deadline.started_on = today - timedelta(days=3 + 4 * i)
            deadline.due_on = today - timedelta(days=2) if i % 2 == 0 else \
                today + timedelta(days=5)
            deadline.save()
    head = User.objects.get(username="thutruong")
    task = TaskDeadline.objects.filter(dossier__unit=head.unit, step="unit_head_submit",
                                       finished_at__isnull=True).first().task
    services.complete_review(user=head, task=task, action="forward")
    return sent - 1


def _open_at(step: str) -> int:
    """The demo's own dossiers of YEAR waiting at `step` (load_demo leaves live work)."""
    return TaskDeadline.objects.filter(step=step, finished_at__isnull=True,
                                       dossier__year=YEAR).count()


def test_manager_reads_the_dashboard_and_prints_the_report(screens):
    waiting = _open_at("unit_head_submit") + _waiting_dossiers()
    manager = User.objects.get(username="lanhdao")
    late = reports.overdue(manager, ReportFilter(year=YEAR)).count()
    screen = screens()
    screen.login("lanhdao", DEMO_PASSWORD)

    screen.page.goto(f"/khenthuong/reports/?year={YEAR}")

    steps = screen.page.get_by_test_id("steps")
    expect(steps.locator("tr[data-step=unit_head_submit] td").nth(1)).to_have_text(
        str(waiting))
    expect(screen.page.locator("svg.kt-chart")).to_have_count(3)
    # the demo's late tasks, Cục Thuế's and BHXH's (Cục THADS's late task was signed)
    assert late >= 2
    expect(screen.page.get_by_test_id("overdue").locator("tbody tr")).to_have_count(late)
    screen.shot("15-lanh-dao-thong-ke")

    screen.page.get_by_test_id("print-report").click()
    # Tiền Giang was merged into Đồng Tháp from 01/07/2025: the demo's users act for it
    expect(screen.page.get_by_test_id("report-header")).to_contain_text(
        f"UBND TỈNH {manager.province.name.upper()}")
    screen.shot("16-bao-cao-in")
    screen.page.emulate_media(media="print")
    expect(screen.page.get_by_role("button", name="In báo cáo")).to_be_hidden()
    screen.page.pdf(path=str(SHOTS / "16-bao-cao-in.pdf"), format="A4")
