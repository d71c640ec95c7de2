"""Every role lands on live work (issue 12): after login, "Trang làm việc" shows the user's
tasks (held, waiting to be taken, due today, overdue), the few due soonest, and what their
role does next; in a fixed number of queries, and only the user's own organisation."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workflows import selectors, services
from workflows.models import TaskDeadline

from .helpers import advance, make_dossier, open_task, send

HOME = "/khenthuong/"


def landing(client, user):
    client.force_login(user)
    response = client.get(reverse("khenthuong:index"))
    assert response.status_code == 200
    return response


def test_login_leads_to_the_landing_page(world, client):
    response = client.post(reverse("login"), {"username": world.officer.username,
                                              "password": "matkhau-123"}, follow=True)

    assert response.redirect_chain[-1][0].endswith(HOME)
    assert "Trang làm việc" in response.content.decode()


def test_landing_counts_held_waiting_due_today_and_overdue_tasks(world, client):
    held, waiting, late = (make_dossier(world) for _ in range(3))
    for dossier in (held, waiting, late):
        advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=open_task(held, "board_appraisal"))
    today = selectors.today()
    TaskDeadline.objects.filter(dossier=waiting).update(due_on=today)
    TaskDeadline.objects.filter(dossier=late, finished_at__isnull=True).update(
        due_on=today - timedelta(days=3))

    work = landing(client, world.specialist).context["work"]

    assert (work["inbox"], work["queue"], work["due_today"], work["overdue"]) == (1, 2, 1, 1)


def test_landing_lists_the_tasks_due_soonest_first_with_their_links(world, client):
    later, sooner = make_dossier(world, title="Hồ sơ hạn sau"), make_dossier(
        world, title="Hồ sơ hạn trước")
    for dossier in (later, sooner):
        advance(world, dossier, "board_appraisal")
    TaskDeadline.objects.filter(dossier=sooner, finished_at__isnull=True).update(
        due_on=selectors.today() - timedelta(days=1))

    response = landing(client, world.specialist)

    page = response.content.decode()
    assert [r["dossier__title"] for r in response.context["work"]["soonest"]] == [
        "Hồ sơ hạn trước", "Hồ sơ hạn sau"]
    assert page.index("Hồ sơ hạn trước") < page.index("Hồ sơ hạn sau")
    assert 'data-overdue="1"' in page
    assert selectors.task_url(open_task(sooner, "board_appraisal")) in page


def test_landing_says_so_when_there_is_no_task(world, client):
    page = landing(client, world.specialist).content.decode()

    assert "Bạn không có việc nào đang chờ xử lý." in page


def test_unit_officer_is_offered_a_new_dossier_and_sees_drafts_and_returned_dossiers(
        world, client):
    make_dossier(world, title="Hồ sơ còn đang soạn")
    returned = make_dossier(world)
    send(world, returned)
    services.complete_review(user=world.head, task=open_task(returned, "unit_head_submit"),
                             action="returned", return_reason="Thiếu tờ trình", return_days=5)

    page = landing(client, world.officer).content.decode()

    assert 'data-testid="create-dossier"' in page
    assert "Hồ sơ còn đang soạn" in page
    assert "Hồ sơ bị trả lại, cần bổ sung và nộp lại" in page
    assert "step=unit_revise" in page


def test_unit_head_sees_how_many_dossiers_wait_for_a_signature(world, client):
    for _ in range(2):
        send(world, make_dossier(world))

    response = landing(client, world.head)

    sign = next(i for i in response.context["next_steps"] if i["step"] == "unit_head_submit")
    assert sign["count"] == 2
    assert sign["url"].endswith("?step=unit_head_submit")


def test_bloc_leader_is_sent_to_the_bloc_vote_session_waited_for(world, client):
    dossier = make_dossier(world, "BK_TINH")  # proposed through the bloc
    advance(world, dossier, "bloc_vote")

    page = landing(client, world.bloc_leader).content.decode()

    assert reverse("khenthuong:blocs:session", args=[world.bloc.pk, dossier.year]) in page
    assert "Mở phiên bình xét" in page


def test_manager_gets_the_overview_link_with_waiting_and_overdue_counts(world, client):
    dossier = make_dossier(world)
    advance(world, dossier, "board_appraisal")
    TaskDeadline.objects.filter(dossier=dossier, finished_at__isnull=True).update(
        due_on=selectors.today() - timedelta(days=1))

    response = landing(client, world.manager)

    assert response.context["overview"] == {"total": 1, "overdue": 1}
    assert reverse("khenthuong:route:status") in response.content.decode()
    assert response.context["work"] is None  # a manager takes no task


def test_landing_never_shows_another_units_tasks(world, client):
    send(world, make_dossier(world, title="Hồ sơ của đơn vị thành viên"))

    response = landing(client, world.other_head)

    assert response.context["work"]["queue"] == 0
    assert "Hồ sơ của đơn vị thành viên" not in response.content.decode()


def test_landing_runs_the_same_queries_for_3_tasks_as_for_15(world, client):
    def queries() -> int:
        client.get(HOME)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(HOME).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(world.specialist)
    for _ in range(3):
        advance(world, make_dossier(world, "CSTD_TINH", "BK_TINH"), "board_appraisal")
    few = queries()
    for _ in range(12):
        advance(world, make_dossier(world, "CSTD_TINH", "BK_TINH"), "board_appraisal")

    assert queries() == few
    assert few <= 20
