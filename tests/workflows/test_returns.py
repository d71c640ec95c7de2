import pytest
from django.urls import reverse

from workdays.calendar import calendar_for
from workflows.models import TaskDeadline
from workflows.selectors import today

from .helpers import advance, execute_url, make_dossier, open_task, post_step, review_data


def test_return_from_appraisal_then_resubmission_arrives_back_at_appraisal(
        world, client, django_capture_on_commit_callbacks, signals_seen):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")

    with django_capture_on_commit_callbacks(execute=True):
        response = post_step(client, world.specialist, task, review_data(
            dossier, action="returned", return_reason="Thiếu biên bản bình xét", return_days=5))
    assert response.status_code == 302

    dossier.refresh_from_db()
    expected_due = calendar_for(world.province.pk).add_working_days(today(), 5)
    assert (dossier.status, dossier.returned_from, dossier.return_due) == (
        "returned", "board_appraisal", expected_due)
    revise = open_task(dossier, "unit_revise")
    assert revise.deadline.due_on == expected_due

    with django_capture_on_commit_callbacks(execute=True):
        response = post_step(client, world.officer, revise, {"note": "Đã bổ sung biên bản"})
    assert response.status_code == 302

    dossier.refresh_from_db()
    assert dossier.status == "board_appraisal"
    assert open_task(dossier, "board_appraisal").pk != task.pk
    assert TaskDeadline.objects.filter(dossier=dossier, step="unit_head_submit").count() == 1
    names = [name for name, _ in signals_seen]
    assert "dossier_returned" in names and "dossier_resubmitted" in names


def test_return_without_a_reason_is_refused_with_a_vietnamese_message(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")

    response = post_step(client, world.secretary, task,
                         review_data(dossier, action="returned", return_reason=""))

    assert response.status_code == 200
    assert "Vui lòng nêu lý do trả lại hồ sơ." in response.content.decode()
    task.refresh_from_db()
    assert task.status == "NEW"


def test_unit_head_may_send_the_draft_back_to_the_officer_and_gets_it_again(world):
    from workflows import services

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "unit_head_submit")

    services.complete_review(user=world.head, task=task, action="returned",
                             return_reason="Sửa tóm tắt thành tích")
    services.resubmit(user=world.officer, task=open_task(dossier, "unit_revise"),
                      note="Đã sửa tóm tắt")

    assert open_task(dossier, "unit_head_submit").pk != task.pk


def _return_and_resubmit(world, dossier, step, reviewer, note="Đã bổ sung biên bản",
                         meanwhile=lambda: None):
    from workflows import services

    task = advance(world, dossier, step)
    services.complete_review(user=reviewer, task=task, action="returned",
                             return_reason="Thiếu biên bản bình xét")
    meanwhile()
    services.resubmit(user=world.officer, task=open_task(dossier, "unit_revise"), note=note)
    return open_task(dossier, step)


def test_resubmitted_dossier_goes_to_the_inbox_of_the_reviewer_who_returned_it(world, client):
    dossier = make_dossier(world, "CSTD_TINH", title="Hồ sơ trả lại Ban")

    task = _return_and_resubmit(world, dossier, "board_appraisal", world.specialist2)

    assert task.deadline.assigned_to == world.specialist2
    client.force_login(world.specialist2)
    assert "Hồ sơ trả lại Ban" in client.get(reverse("khenthuong:route:inbox")).content.decode()
    client.force_login(world.specialist)
    assert "Hồ sơ trả lại Ban" not in client.get(reverse("khenthuong:route:queue")).content.decode()


def test_resubmitted_dossier_goes_to_the_shared_queue_when_the_reviewer_lost_the_role(world):
    from workflows.selectors import queue

    dossier = make_dossier(world, "CSTD_TINH")

    task = _return_and_resubmit(world, dossier, "board_appraisal", world.specialist2,
                                meanwhile=world.specialist2.groups.clear)

    assert task.deadline.assigned_to is None
    assert task in queue(world.specialist)


def test_resubmitting_without_a_note_is_refused_with_a_vietnamese_message(world, client):
    from workflows import services

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")
    services.complete_review(user=world.secretary, task=task, action="returned",
                             return_reason="Thiếu biên bản bình xét")
    revise = open_task(dossier, "unit_revise")

    response = post_step(client, world.officer, revise, {"note": "   "})

    assert response.status_code == 200
    assert "Vui lòng nêu nội dung đơn vị đã bổ sung" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "returned"


def test_resubmit_service_refuses_an_empty_note(world):
    from django.core.exceptions import ValidationError

    from workflows import services

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")
    services.complete_review(user=world.secretary, task=task, action="returned",
                             return_reason="Thiếu biên bản bình xét")

    with pytest.raises(ValidationError):
        services.resubmit(user=world.officer, task=open_task(dossier, "unit_revise"), note="")

    assert open_task(dossier, "unit_revise")


def test_returning_reviewer_sees_the_units_supplement_note_on_the_step_page(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = _return_and_resubmit(world, dossier, "council_review", world.secretary,
                                note="Đã bổ sung biên bản họp ngày 12/11")

    client.force_login(world.secretary)
    page = client.get(execute_url(task)).content.decode()

    assert "Đã bổ sung biên bản họp ngày 12/11" in page
    assert "Thiếu biên bản bình xét" in page


def test_case_timeline_shows_the_units_supplement_note(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    _return_and_resubmit(world, dossier, "council_review", world.secretary,
                         note="Đã bổ sung biên bản họp ngày 12/11")

    client.force_login(world.manager)
    page = client.get(reverse("khenthuong:route:case", args=[dossier.pk])).content.decode()

    assert "Đã bổ sung biên bản họp ngày 12/11" in page
