from datetime import date

from viewflow.workflow.status import PROCESS

from nominations.models import Honour
from workflows import services
from workflows.models import TaskDeadline
from workflows.selectors import processes_of

from .helpers import advance, make_dossier, post_step, sign


def test_unit_withdraws_its_dossier_before_the_decision_and_open_tasks_are_cancelled(
        world, client, django_capture_on_commit_callbacks, signals_seen):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    client.force_login(world.officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/khenthuong/route/ho-so/{dossier.pk}/rut/",
                               {"reason": "Đơn vị rút để bổ sung năm sau"})

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"
    assert set(dossier.nominations.values_list("status", flat=True)) == {"withdrawn"}
    task.refresh_from_db()
    assert task.status == "CANCELED"
    assert processes_of(dossier).get().status == PROCESS.CANCELED
    assert not TaskDeadline.objects.filter(dossier=dossier, finished_at__isnull=True).exists()
    names = [name for name, _ in signals_seen]
    assert "dossier_withdrawn" in names and "task_finished" in names


def test_decided_dossier_can_no_longer_be_withdrawn(world):
    import pytest
    from django.core.exceptions import ValidationError

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")
    services.complete_decision(user=world.committee, task=task, number="1/QĐ",
                               date=date(2025, 12, 1), signer="Chủ tịch",
                               awarded_ids={n.pk for n in dossier.nominations.all()})
    sign(world, dossier)

    with pytest.raises(ValidationError):
        services.withdraw(user=world.officer, dossier=dossier)


def test_award_the_province_only_proposes_ends_as_proposed_upward_with_its_letter(
        world, client):
    dossier = make_dossier(world, "CSTDTQ")
    task = advance(world, dossier, "committee_decision")

    response = post_step(client, world.committee, task, {
        "action": "decide", "confirm": "1", "upward_letter_number": "45/TTr-UBND",
        "upward_letter_date": "2025-12-22"})

    assert response.status_code == 302, response.content[:3000]
    sign(world, dossier)
    dossier.refresh_from_db()
    assert dossier.status == "proposed_upward"
    assert (dossier.upward_letter_number, dossier.upward_letter_date) == (
        "45/TTr-UBND", date(2025, 12, 22))
    assert dossier.nominations.get().status == "proposed_upward"
    assert not Honour.objects.filter(nomination__dossier=dossier).exists()
    process = processes_of(dossier).get()
    assert process.task_set.filter(flow_task_type="END").get().flow_task.name == \
        "proposed_upward"


def test_upward_proposal_without_the_provinces_letter_is_refused(world, client):
    dossier = make_dossier(world, "CSTDTQ")
    task = advance(world, dossier, "committee_decision")

    response = post_step(client, world.committee, task, {"action": "decide", "confirm": "1"})

    assert response.status_code == 200
    assert "Vui lòng nhập số tờ trình đề nghị cấp trên." in response.content.decode()


def test_committee_returns_the_dossier_to_the_board(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")

    services.return_to_board(user=world.committee, task=task, reason="Xem lại điều kiện")

    dossier.refresh_from_db()
    assert dossier.status == "board_appraisal"
    assert TaskDeadline.objects.filter(dossier=dossier, step="board_appraisal").count() == 2


def test_decided_dossier_is_read_only_for_the_unit(world):
    import pytest
    from django.core.exceptions import ValidationError

    from nominations import services as dossiers

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")
    services.complete_decision(user=world.committee, task=task, number="2/QĐ",
                               date=date(2025, 12, 1), signer="Chủ tịch",
                               awarded_ids=set())
    sign(world, dossier)

    with pytest.raises(ValidationError):
        dossiers.update_nomination(user=world.officer, nomination=dossier.nominations.get(),
                                   summary="sửa sau quyết định")
