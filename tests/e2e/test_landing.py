"""Every role lands on live work (issue 12), in Chromium: the unit head logs in, lands on
"Trang làm việc" with the dossier he holds and the one waiting for his signature, and
reaches "Việc của tôi" from the menu. Screens: 13-trang-lam-viec, 14-viec-cua-toi."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from nominations import services as domain
from nominations.demo.data import DEMO_PASSWORD
from nominations.models import Award, Person
from tests.factories import attach_required_documents
from workflows import selectors as route_selectors
from workflows import services
from workflows.models import TaskDeadline


def dossier_sent(title: str, person: Person, award: str):
    users = get_user_model().objects
    officer, head = users.get(username="canbo"), users.get(username="thutruong")
    dossier = domain.create_dossier(user=officer, unit=officer.unit, year=2025, title=title)
    domain.add_nomination(user=officer, dossier=dossier, award=Award.objects.get(code=award),
                          person=person)
    attach_required_documents(dossier)
    services.send_dossier(user=officer, dossier=dossier)
    return dossier, head


def test_unit_head_lands_on_his_work_and_reaches_the_inbox_from_the_menu(screens):
    people = Person.objects.filter(unit__users__username="canbo").order_by("pk")
    held, head = dossier_sent("Đề nghị khen thưởng Chiến sĩ thi đua cơ sở năm 2025",
                              people[0], "CSTDCS")
    dossier_sent("Đề nghị khen thưởng Lao động tiên tiến năm 2025", people[1], "LDTT")
    services.claim_task(user=head, task=TaskDeadline.objects.get(dossier=held).task)
    screen = screens()
    page = screen.page

    screen.login("thutruong", DEMO_PASSWORD)

    expect(page.get_by_role("heading", name="Trang làm việc")).to_be_visible()
    # the one he took, and the other with the demo's own dossier waiting for his signature
    counts = route_selectors.task_counts(head)
    assert counts["inbox"] == 1 and counts["queue"] >= 1
    expect(page.get_by_test_id("count-inbox")).to_contain_text("1")
    expect(page.get_by_test_id("count-queue")).to_contain_text(str(counts["queue"]))
    expect(page.get_by_test_id("soonest")).to_contain_text(held.title)
    expect(page.get_by_test_id("next-unit_head_submit")).to_contain_text(
        str(counts["inbox"] + counts["queue"]))
    screen.shot("13-trang-lam-viec")

    page.get_by_test_id("menu-inbox").click()
    page.wait_for_url("**/route/inbox/")
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()
    expect(page.get_by_test_id("tasks")).to_contain_text(held.title)
    expect(page.get_by_test_id("step-counts")).to_contain_text("Thủ trưởng đơn vị ký trình: 1")
    screen.shot("14-viec-cua-toi")
