"""Tasks over the API: the inbox and the queue, claim, complete and return go through the
services the pages call, so the route moves as it does on the page — the next step's task
and deadline, the timeline's events, the notices' signals."""

from __future__ import annotations

from datetime import date

import pytest

from nominations.models import DossierEvent
from tests.files import pdf
from tests.workflows.helpers import advance, make_dossier, open_task, send
from workdays.calendar import calendar_for
from workflows import services
from workflows.models import TaskDeadline
from workflows.selectors import today

pytestmark = pytest.mark.django_db


def url(task, action: str = "") -> str:
    return f"/api/v1/tasks/{task.pk}/{action + '/' if action else ''}"


def _sent(world, *codes):
    dossier = make_dossier(world, *(codes or ("CSTD_TINH",)))
    send(world, dossier)
    return dossier, open_task(dossier, "unit_head_submit")


def test_the_queue_lists_the_task_offered_to_the_users_role_and_the_inbox_does_not(
        world, api_as):
    dossier, task = _sent(world)
    client = api_as(world.head)

    queue = client.get("/api/v1/tasks/queue/").json()
    inbox = client.get("/api/v1/tasks/inbox/").json()

    assert [(r["id"], r["step"], r["dossier"]["id"]) for r in queue["results"]] == [
        (task.pk, "unit_head_submit", dossier.pk)]
    assert inbox["results"] == []


def test_claim_moves_the_task_from_the_queue_to_the_inbox_with_an_event(world, api_as):
    dossier, task = _sent(world)
    client = api_as(world.head)

    response = client.post(url(task, "claim"))

    assert response.status_code == 200
    assert response.json()["task"]["status"] == "ASSIGNED"
    assert [r["id"] for r in client.get("/api/v1/tasks/inbox/").json()["results"]] == [task.pk]
    assert client.get("/api/v1/tasks/queue/").json()["results"] == []
    deadline = TaskDeadline.objects.get(task=task)
    assert deadline.assigned_to == world.head
    assert DossierEvent.objects.filter(dossier=dossier, action="task_claimed",
                                       actor=world.head).exists()


def test_a_task_claimed_by_a_colleague_answers_409_in_vietnamese(world, api_as):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist2, task=task)

    response = api_as(world.specialist).post(url(task, "claim"))

    assert response.status_code == 409
    [error] = response.json()["errors"]
    assert error["error"] == "conflict"
    assert "đã được" in error["message"] and "nhận" in error["message"]


def test_a_manager_who_sees_the_task_may_not_claim_it(world, api_as):
    _dossier, task = _sent(world)

    response = api_as(world.manager).post(url(task, "claim"))

    assert response.status_code == 403
    assert response.json()["errors"][0]["message"] == "Bạn không có quyền nhận công việc này."


def test_complete_forwards_the_dossier_to_the_next_step_with_its_deadline_and_events(
        world, api_as, django_capture_on_commit_callbacks, signals_seen):
    dossier, task = _sent(world, "BK_TINH")  # a Bằng khen goes through the bloc's vote

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(world.head).post(url(task, "complete"), {}, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["dossier_status"] == "bloc_vote"
    [waiting] = body["waiting"]
    next_deadline = TaskDeadline.objects.get(dossier=dossier, step="bloc_vote")
    assert (waiting["step"], waiting["task"], waiting["due_on"]) == (
        "bloc_vote", next_deadline.task_id, next_deadline.due_on.isoformat())
    assert next_deadline.due_on >= today() and next_deadline.finished_at is None
    assert TaskDeadline.objects.get(task=task).finished_at is not None
    assert DossierEvent.objects.filter(dossier=dossier, action="step_completed",
                                       step="unit_head_submit", actor=world.head).exists()
    created = [kw["task"].pk for name, kw in signals_seen if name == "task_created"]
    finished = [kw["task"].pk for name, kw in signals_seen if name == "task_finished"]
    assert next_deadline.task_id in created and finished == [task.pk]


def test_complete_rejects_one_nomination_with_its_reason_and_forwards_the_rest(world, api_as):
    dossier, task = _sent(world, "CSTD_TINH", "BK_TINH")
    dropped, kept = dossier.nominations.order_by("pk")  # CSTD_TINH, BK_TINH (via the bloc)

    response = api_as(world.head).post(url(task, "complete"), {"outcomes": [
        {"nomination": dropped.pk, "approved": False, "reason": "Chưa đủ thành tích"}]},
        format="json")

    assert response.status_code == 200
    dropped.refresh_from_db()
    kept.refresh_from_db()
    assert (dropped.status, dropped.outcome_reason) == ("rejected", "Chưa đủ thành tích")
    assert kept.status == "active"
    assert response.json()["dossier_status"] == "bloc_vote"


def test_return_sends_the_dossier_to_the_unit_with_reason_and_working_day_due_date(
        world, api_as):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")

    response = api_as(world.specialist).post(url(task, "return"), {
        "reason": "Thiếu biên bản bình xét", "return_days": 5}, format="json")

    assert response.status_code == 200
    dossier.refresh_from_db()
    due = calendar_for(world.province.pk).add_working_days(today(), 5)
    assert (dossier.status, dossier.returned_from, dossier.return_due) == (
        "returned", "board_appraisal", due)
    assert open_task(dossier, "unit_revise").deadline.due_on == due
    assert DossierEvent.objects.filter(dossier=dossier, action="returned",
                                       reason="Thiếu biên bản bình xét").exists()


def test_the_unit_completes_its_revision_and_the_dossier_goes_back_to_the_step(
        world, api_as):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")
    services.complete_review(user=world.secretary, task=task, action="returned",
                             return_reason="Bổ sung tờ trình")

    response = api_as(world.officer).post(url(open_task(dossier, "unit_revise"), "complete"),
                                          {"note": "Đã bổ sung"}, format="json")

    assert response.status_code == 200
    assert response.json()["dossier_status"] == "council_review"
    assert open_task(dossier, "council_review").pk != task.pk


def test_the_committee_drafts_the_decision_and_the_chairman_signs_it_with_the_pdf(
        world, api_as):
    dossier = make_dossier(world, "BK_TINH")
    task = advance(world, dossier, "committee_decision")
    nomination = dossier.nominations.get()

    drafted = api_as(world.committee).post(url(task, "complete"), {
        "number": "15/QĐ-UBND", "date": date(2025, 12, 20).isoformat(), "signer": "Chủ tịch",
        "awarded": [nomination.pk]}, format="json")
    sign_task = open_task(dossier, "committee_sign")
    chairman = api_as(world.committee_leader)
    signed = chairman.post(url(sign_task, "complete"), {"signed_file": pdf("qd.pdf")},
                           format="multipart")

    assert drafted.status_code == 200
    assert [w["step"] for w in drafted.json()["waiting"]] == ["committee_sign"]
    assert signed.status_code == 200, signed.json()
    assert signed.json()["dossier_status"] == "decided"
    [decision] = chairman.get("/api/v1/decisions/").json()["results"]
    assert (decision["number"], decision["dossier"]["id"]) == ("15/QĐ-UBND", dossier.pk)
    assert [n["status"] for n in decision["nominations"]] == ["awarded"]


def test_signing_without_the_signed_pdf_is_refused_on_that_field(world, api_as):
    dossier = make_dossier(world, "BK_TINH")
    task = advance(world, dossier, "committee_decision")
    services.complete_decision(user=world.committee, task=task, number="1/QĐ",
                               date=date(2025, 12, 20), signer="Chủ tịch",
                               awarded_ids={n.pk for n in dossier.nominations.all()})

    response = api_as(world.committee_leader).post(
        url(open_task(dossier, "committee_sign"), "complete"), {}, format="multipart")

    assert response.status_code == 400
    assert response.json()["errors"] == [{
        "error": "invalid", "field": "signed_file",
        "message": "Vui lòng tải lên bản quyết định đã ký (PDF)."}]


def test_a_decision_without_its_number_is_refused_on_that_field(world, api_as):
    dossier = make_dossier(world, "BK_TINH")
    task = advance(world, dossier, "committee_decision")

    response = api_as(world.committee).post(url(task, "complete"), {
        "date": date(2025, 12, 20).isoformat(), "signer": "Chủ tịch"}, format="json")

    assert response.status_code == 400
    assert {"error": "invalid", "field": "number",
            "message": "Vui lòng nhập số quyết định."} in response.json()["errors"]


def test_the_committee_returns_the_dossier_to_the_board(world, api_as):
    dossier = make_dossier(world, "BK_TINH")
    task = advance(world, dossier, "committee_decision")

    response = api_as(world.committee).post(url(task, "return"),
                                            {"reason": "Thẩm định lại"}, format="json")

    assert response.status_code == 200
    assert [w["step"] for w in response.json()["waiting"]] == ["board_appraisal"]


def test_return_without_a_reason_is_a_400_on_the_reason_field_in_vietnamese(world, api_as):
    _dossier, task = _sent(world)

    response = api_as(world.head).post(url(task, "return"), {"return_days": 99},
                                       format="json")

    assert response.status_code == 400
    errors = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert errors == {"reason": "Trường này là bắt buộc.",
                      "return_days": "Giá trị phải nhỏ hơn hoặc bằng 60."}
    task.refresh_from_db()
    assert task.status == "NEW"


def test_a_rejection_without_a_reason_names_the_outcome_in_error(world, api_as):
    dossier, task = _sent(world)
    nomination = dossier.nominations.get()

    response = api_as(world.head).post(url(task, "complete"), {"outcomes": [
        {"nomination": nomination.pk, "approved": "khong"},
        {"nomination": nomination.pk, "approved": False}]}, format="json")

    assert response.status_code == 400
    assert {(e["field"], e["message"]) for e in response.json()["errors"]} == {
        ("outcomes[0].approved", "Phải là giá trị đúng/sai (true/false)."),
        ("outcomes[1].reason", "Vui lòng nêu lý do không đề nghị.")}


def test_a_nomination_outside_the_step_is_refused(world, api_as):
    _dossier, task = _sent(world)
    other = make_dossier(world, "CSTD_TINH").nominations.get()

    response = api_as(world.head).post(url(task, "complete"), {"outcomes": [
        {"nomination": other.pk, "approved": False, "reason": "x"}]}, format="json")

    assert response.status_code == 400
    assert "không thuộc phạm vi xét" in response.json()["errors"][0]["message"]


def test_the_task_detail_says_which_actions_the_user_may_take(world, api_as):
    _dossier, task = _sent(world)

    head = api_as(world.head).get(url(task)).json()
    manager = api_as(world.manager).get(url(task)).json()

    assert head["actions"] == ["claim", "complete", "return"]
    assert manager["actions"] == []
