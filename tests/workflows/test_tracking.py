"""Tracking pages over HTTP: inbox/queue filters (bloc, unit, award, year, status, overdue),
saved filters per user, the due date shown and sortable, the case page and the managers'
status list."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.urls import reverse

from accounts import roles
from nominations.models import Award, Dossier
from tests.factories import UserFactory
from workflows import selectors, services
from workflows.models import SavedFilter, TaskDeadline

from .helpers import YEAR, advance, make_dossier

LATE = date(YEAR - 1, 3, 2)


@pytest.fixture
def two_waiting(world):
    """A reviewer holding both province steps, and two dossiers waiting for them:
    - in_bloc: the unit in the bloc, a bloc award (BK_TINH), at the council, on time;
    - late: the other unit (no bloc), CSTD_TINH, of the year before, at appraisal, overdue.
    """
    reviewer = UserFactory(roles=[roles.COUNCIL_SECRETARY, roles.BOARD_SPECIALIST],
                           province=world.province, full_name="Người thẩm định")
    in_bloc = make_dossier(world, "BK_TINH", title="Hồ sơ trong khối")
    advance(world, in_bloc, "council_review")
    late = make_dossier(world, "CSTD_TINH", unit=world.other_unit, title="Hồ sơ quá hạn")
    task = advance(world, late, "board_appraisal")
    TaskDeadline.objects.filter(task=task).update(due_on=LATE)
    Dossier.objects.filter(pk=late.pk).update(year=YEAR - 1)
    return SimpleNamespace(reviewer=reviewer, in_bloc=in_bloc, late=late)


def titles(response) -> set[str]:
    assert response.status_code == 200
    page = response.content.decode()
    return {t for t in ("Hồ sơ trong khối", "Hồ sơ quá hạn") if t in page}


def claim_all(user) -> None:
    for task in list(selectors.queue(user)):
        services.claim_task(user=user, task=task)


FILTERS = {
    "bloc": (lambda w, d: {"bloc": w.bloc.pk}, {"Hồ sơ trong khối"}),
    "unit": (lambda w, d: {"unit": w.other_unit.pk}, {"Hồ sơ quá hạn"}),
    "award": (lambda w, d: {"award": Award.objects.get(code="BK_TINH").pk},
              {"Hồ sơ trong khối"}),
    "year": (lambda w, d: {"year": YEAR - 1}, {"Hồ sơ quá hạn"}),
    "status": (lambda w, d: {"status": "council_review"}, {"Hồ sơ trong khối"}),
    "overdue": (lambda w, d: {"overdue": "true"}, {"Hồ sơ quá hạn"}),
    "not overdue": (lambda w, d: {"overdue": "false"}, {"Hồ sơ trong khối"}),
}


@pytest.mark.parametrize("name", FILTERS)
def test_queue_filter_keeps_only_the_matching_tasks(world, client, two_waiting, name):
    query, expected = FILTERS[name]
    client.force_login(two_waiting.reviewer)
    url = reverse("khenthuong:route:queue")
    assert titles(client.get(url)) == {"Hồ sơ trong khối", "Hồ sơ quá hạn"}

    assert titles(client.get(url, query(world, two_waiting))) == expected


@pytest.mark.parametrize("name", FILTERS)
def test_inbox_filter_keeps_only_the_matching_tasks(world, client, two_waiting, name):
    query, expected = FILTERS[name]
    claim_all(two_waiting.reviewer)
    client.force_login(two_waiting.reviewer)
    url = reverse("khenthuong:route:inbox")
    assert titles(client.get(url)) == {"Hồ sơ trong khối", "Hồ sơ quá hạn"}

    assert titles(client.get(url, query(world, two_waiting))) == expected


def test_inbox_shows_each_tasks_due_date_and_marks_the_overdue_one(world, client, two_waiting):
    claim_all(two_waiting.reviewer)
    client.force_login(two_waiting.reviewer)
    due = TaskDeadline.objects.get(dossier=two_waiting.in_bloc, finished_at__isnull=True).due_on

    page = client.get(reverse("khenthuong:route:inbox")).content.decode()

    assert due.strftime("%d/%m/%Y") in page
    assert LATE.strftime("%d/%m/%Y") in page
    assert page.count('data-overdue="1"') == 1


@pytest.mark.parametrize("direction", ["due_on", "-due_on"])
def test_queue_sorts_by_due_date_both_ways(world, client, two_waiting, direction):
    client.force_login(two_waiting.reviewer)

    page = client.get(reverse("khenthuong:route:queue"),
                      {"_orderby": direction}).content.decode()

    late_first = page.index("Hồ sơ quá hạn") < page.index("Hồ sơ trong khối")
    assert late_first == (direction == "due_on")


def test_saved_filter_belongs_to_its_user_and_reapplies_the_query(world, client, two_waiting):
    client.force_login(two_waiting.reviewer)

    response = client.post(reverse("khenthuong:route:save_filter"),
                           {"name": "Quá hạn", "page": "queue", "query": "overdue=true"})

    assert response.status_code == 302 and response.url == reverse("khenthuong:route:queue")
    saved = SavedFilter.objects.get(user=two_waiting.reviewer)
    page = client.get(reverse("khenthuong:route:queue")).content.decode()
    assert 'href="?overdue=true"' in page and "Quá hạn" in page
    client.force_login(world.specialist)
    assert 'href="?overdue=true"' not in client.get(
        reverse("khenthuong:route:queue")).content.decode()
    assert client.post(reverse("khenthuong:route:delete_filter", args=[saved.pk]),
                       {"page": "queue"}).status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()


def test_user_deletes_their_own_saved_filter(world, client):
    saved = SavedFilter.objects.create(user=world.specialist, name="Của tôi", page="inbox",
                                       query="overdue=true")
    client.force_login(world.specialist)

    response = client.post(reverse("khenthuong:route:delete_filter", args=[saved.pk]),
                           {"page": "inbox"})

    assert response.status_code == 302
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()


def test_saving_a_filter_without_a_name_is_refused_in_vietnamese(world, client):
    client.force_login(world.specialist)

    response = client.post(reverse("khenthuong:route:save_filter"),
                           {"name": "", "page": "inbox", "query": "overdue=true"}, follow=True)

    assert "Vui lòng đặt tên cho bộ lọc." in response.content.decode()
    assert not SavedFilter.objects.exists()


def test_case_page_shows_nominations_eligibility_timeline_and_where_it_waits(
        world, client, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "CSTD_TINH", "BK_TINH", title="Hồ sơ theo dõi")
    first, second = dossier.nominations.order_by("pk")
    council = advance(world, dossier, "council_review")
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_review(
            user=world.secretary, task=council, action="forward",
            outcomes={second.pk: services.NominationOutcome(approved=False,
                                                            reason="Chưa đủ thành tích")})
    waiting = TaskDeadline.objects.get(dossier=dossier, finished_at__isnull=True)
    client.force_login(world.manager)

    response = client.get(reverse("khenthuong:route:case", args=[dossier.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert str(first.nominee) in page and str(second.nominee) in page
    assert "Đang xét" in page and "Không đề nghị" in page and "Chưa đủ thành tích" in page
    assert 'data-testid="eligibility-verdict"' in page  # the stored verdict, rule by rule
    assert "Ban Thi đua – Khen thưởng thẩm định" in page  # where it waits…
    assert waiting.started_on.strftime("%d/%m/%Y") in page  # …and since when
    timeline = page.split('data-testid="timeline"', 1)[1]
    assert str(world.secretary) in timeline and "Chưa đủ thành tích" in timeline


def test_case_api_gives_the_waiting_step_since_when_and_overdue(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    TaskDeadline.objects.filter(task=task).update(due_on=LATE)
    client.force_login(world.manager)

    data = client.get(reverse("khenthuong:route:case_api", args=[dossier.pk])).json()

    assert data["waiting"] == [{"step": "board_appraisal",
                                "since": selectors.today().isoformat(),
                                "due": LATE.isoformat(), "overdue": True,
                                "assigned_to": None}]
    assert [e["action"] for e in data["events"]].count("step_completed") == 2


def test_case_api_keeps_its_keys(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    advance(world, dossier, "council_review")
    client.force_login(world.manager)
    url = reverse("khenthuong:route:case_api", args=[dossier.pk])

    data = client.get(url).json()

    assert set(data) == {"id", "title", "unit", "year", "status", "nominations", "waiting",
                         "events"}
    assert (data["id"], data["title"], data["unit"], data["year"], data["status"]) == (
        dossier.pk, dossier.title, str(dossier.unit), dossier.year, "council_review")
    [nomination] = data["nominations"]
    n = dossier.nominations.get()
    assert nomination == {"id": n.pk, "nominee": str(n.nominee), "award": "CSTD_TINH",
                          "status": "active"}
    assert {key for event in data["events"] for key in event} == {
        "at", "action", "step", "actor", "reason"}
    event = dossier.events.order_by("at", "pk").first()
    assert data["events"][0]["at"] == event.at.isoformat()  # as stored, with its offset


def test_case_api_answers_404_in_vietnamese_for_another_units_dossier(world, client):
    theirs = make_dossier(world, "CSTD_TINH", unit=world.other_unit)
    client.force_login(world.officer)

    response = client.get(reverse("khenthuong:route:case_api", args=[theirs.pk]))

    assert response.status_code == 404
    assert response.json() == {"errors": [{"error": "not_found", "field": "",
                                           "message": "Không tìm thấy hồ sơ."}]}


def test_status_list_counts_per_step_with_the_overdue_step_first(world, client, two_waiting):
    on_time = make_dossier(world, "CSTD_TINH", title="Hồ sơ chờ ký")
    advance(world, on_time, "unit_head_submit")
    client.force_login(world.manager)

    response = client.get(reverse("khenthuong:route:status"))

    assert response.status_code == 200
    steps = {s["code"]: s for s in response.context["steps"]}
    assert steps["board_appraisal"]["total"] == 1 and steps["board_appraisal"]["overdue"] == 1
    assert steps["council_review"]["total"] == 1 and steps["council_review"]["overdue"] == 0
    assert steps["unit_head_submit"]["total"] == 1
    assert response.context["steps"][0]["code"] == "board_appraisal"
    waiting = list(response.context["waiting"])
    assert waiting[0]["dossier_id"] == two_waiting.late.pk and waiting[0]["is_overdue"]
    page = response.content.decode()
    assert page.index("Hồ sơ quá hạn") < page.index("Hồ sơ trong khối")


def test_status_list_counts_only_dossiers_the_user_may_see(world, client, two_waiting):
    client.force_login(world.officer)

    response = client.get(reverse("khenthuong:route:status"))

    steps = {s["code"]: s for s in response.context["steps"]}
    assert steps["board_appraisal"]["total"] == 0  # the other unit's dossier
    assert steps["council_review"]["total"] == 1
    assert "Hồ sơ quá hạn" not in response.content.decode()


def test_status_list_is_refused_to_a_user_without_a_role(world, client):
    client.force_login(UserFactory())

    assert client.get(reverse("khenthuong:route:status")).status_code == 403


def test_process_list_shows_each_visible_route_with_its_dossier_unit_and_open_tasks(
        world, client, two_waiting):
    client.force_login(world.officer)  # unit officer of world.unit: only its own dossier

    page = client.get(reverse("khenthuong:route:process_list")).content.decode()

    assert "Hồ sơ trong khối" in page and "Hồ sơ quá hạn" not in page
    assert world.unit.name in page
    assert reverse("khenthuong:route:case", args=[two_waiting.in_bloc.pk]) in page
    row = page[page.index("Hồ sơ trong khối"):].split("</tr>")[0]
    assert row.endswith("<td>1</td>")  # one open task: the council's review
