import pytest
from django.core.exceptions import PermissionDenied

from workdays.calendar import due_date_for
from workflows import selectors, services
from workflows.models import TaskDeadline

from .helpers import advance, make_dossier, open_task, send


def test_created_task_gets_a_working_day_deadline_and_is_announced_to_its_group(
        world, django_capture_on_commit_callbacks, signals_seen):
    dossier = make_dossier(world, "CSTD_TINH")

    with django_capture_on_commit_callbacks(execute=True):
        send(world, dossier)

    deadline = TaskDeadline.objects.get(dossier=dossier)
    assert deadline.step == "unit_head_submit"
    assert deadline.due_on == due_date_for("unit_head_submit", selectors.today(),
                                           world.province.pk)
    created = [kw for name, kw in signals_seen if name == "task_created"]
    assert len(created) == 1
    assert created[0]["deadline"] == deadline
    assert created[0]["recipients"] == [world.head]


def test_claim_release_and_finish_are_recorded_on_the_deadline(
        world, django_capture_on_commit_callbacks, signals_seen):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_task(user=world.specialist, task=task)
    assert TaskDeadline.objects.get(task=task).assigned_to == world.specialist
    assert selectors.task_recipients(task.__class__.objects.get(pk=task.pk)) == [
        world.specialist]

    services.release_task(user=world.specialist, task=task)
    assert TaskDeadline.objects.get(task=task).assigned_to is None

    with django_capture_on_commit_callbacks(execute=True):
        services.complete_review(user=world.specialist2, task=task, action="forward")
    deadline = TaskDeadline.objects.get(task=task)
    assert deadline.finished_at is not None and deadline.assigned_to == world.specialist2
    names = [name for name, _ in signals_seen]
    assert "task_assigned" in names and "task_finished" in names


def test_second_claim_of_a_taken_task_gets_a_vietnamese_message(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=task)

    with pytest.raises(services.RouteConflict) as exc:
        services.claim_task(user=world.specialist2, task=task)

    assert "đã được" in exc.value.message and "nhận" in exc.value.message


def test_board_head_reassigns_an_appraisal_to_another_specialist(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=task)
    client.force_login(world.board_head)

    response = client.post(selectors.task_url(task, "reassign"),
                           {"to_user": world.specialist2.pk})

    assert response.status_code == 302
    task.refresh_from_db()
    assert task.owner == world.specialist2
    assert TaskDeadline.objects.get(task=task).assigned_to == world.specialist2


def test_a_specialist_may_not_reassign_a_colleagues_task(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=task)

    with pytest.raises(PermissionDenied):
        services.reassign_task(user=world.specialist2, task=task, to_user=world.specialist2)


def test_reassignment_only_to_someone_holding_the_steps_role(world):
    from django.core.exceptions import ValidationError

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")

    with pytest.raises(ValidationError):
        services.reassign_task(user=world.board_head, task=task, to_user=world.secretary)


def test_step_head_names_who_a_late_task_escalates_to(world):
    dossier = make_dossier(world, "BK_TINH")
    send(world, dossier)
    assert selectors.step_head(open_task(dossier, "unit_head_submit")) == [world.head]
    bloc_task = advance(world, dossier, "bloc_vote")
    assert selectors.step_head(bloc_task) == [world.bloc_leader]
    appraisal = advance(world, dossier, "board_appraisal")
    assert selectors.step_head(appraisal) == [world.board_head]
    decision = advance(world, dossier, "committee_decision")
    assert selectors.step_head(decision) == [world.committee_leader]


def test_opening_a_task_only_the_user_can_act_on_claims_it_and_shows_its_form(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "unit_head_submit")  # the unit has one head
    client.force_login(world.head)

    response = client.get(selectors.task_url(task))

    assert response.status_code == 302
    assert response.url == selectors.task_url(task, "execute")
    assert TaskDeadline.objects.get(task=task).assigned_to == world.head


def test_opening_a_task_several_people_can_take_goes_to_the_claim_page(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")  # two specialists
    client.force_login(world.specialist)

    response = client.get(selectors.task_url(task))

    assert response.url == selectors.task_url(task, "assign")
    assert TaskDeadline.objects.get(task=task).assigned_to is None


def test_a_colleague_away_who_delegated_the_role_does_not_count_as_someone_who_can_act(
        world, client):
    from datetime import timedelta

    services.create_delegation(user=world.specialist2, absent=world.specialist2,
                               substitute=world.specialist, role="board_specialist",
                               start=selectors.today(),
                               end=selectors.today() + timedelta(days=5))
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    client.force_login(world.specialist)

    response = client.get(selectors.task_url(task))

    assert response.url == selectors.task_url(task, "execute")
    assert TaskDeadline.objects.get(task=task).assigned_to == world.specialist
