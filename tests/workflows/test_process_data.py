"""What the route keeps between its steps (DossierProcess's jsonstore fields) is stored in
viewflow's Process.data under the keys it always had (bench/scale.py writes the same keys in
SQL), and is not shown on viewflow's process pages."""

from django.urls import reverse
from viewflow.workflow.models import Process

from workdays.calendar import calendar_for
from workflows import services
from workflows.models import DossierProcess
from workflows.selectors import today
from workflows.steps import Outcome

from .helpers import UNIT_DECISION_DATE, advance, make_dossier, open_task, send


def _data(dossier) -> dict:
    return Process.objects.get(artifact_object_id=dossier.pk).data


def _draft(world, dossier, **extra):
    services.complete_decision(
        user=world.committee, task=open_task(dossier, "committee_decision"),
        number="12/QĐ-UBND", date=UNIT_DECISION_DATE, signer="Chủ tịch UBND tỉnh",
        awarded_ids=set(dossier.nominations.values_list("pk", flat=True)), **extra)


def test_the_route_writes_the_same_process_data_keys_and_values(world):
    dossier = make_dossier(world, "CSTD_TINH")
    nomination_ids = sorted(dossier.nominations.values_list("pk", flat=True))
    send(world, dossier)
    assert _data(dossier) == {}

    services.complete_review(user=world.head, task=open_task(dossier, "unit_head_submit"),
                             action="forward")
    assert _data(dossier) == {"outcome": "forward"}

    task = advance(world, dossier, "council_review")
    services.complete_review(user=world.secretary, task=task, action="returned",
                             return_reason="Thiếu biên bản", return_days=5)
    due = calendar_for(world.province.pk).add_working_days(today(), 5)
    returned = {"return_to": "council_review", "return_due": due.isoformat(),
                "returned_by": world.secretary.pk}
    assert _data(dossier) == {"outcome": "returned", **returned}

    services.resubmit(user=world.officer, task=open_task(dossier, "unit_revise"),
                      note="Đã bổ sung biên bản")
    assert _data(dossier) == {"outcome": "resubmitted", **returned}

    services.complete_review(user=world.secretary, task=open_task(dossier, "council_review"),
                             action="forward")
    services.complete_review(user=world.specialist, task=open_task(dossier, "board_appraisal"),
                             action="forward")
    appraised = {**returned, "appraised_by": world.specialist.pk}
    assert _data(dossier) == {"outcome": "forward", **appraised}

    services.approve_appraisal(user=world.board_head,
                               task=open_task(dossier, "board_head_approval"), action="back",
                               reason="Bổ sung ý kiến thẩm định")
    assert _data(dossier) == {"outcome": "back_to_specialist", **appraised,
                              "back_to": "board_appraisal", "back_from": "board_head_approval",
                              "back_to_user": world.specialist.pk}

    advance(world, dossier, "committee_sign")
    data = _data(dossier)
    assert data["outcome"] == "drafted" and data["drafted_by"] == world.committee.pk
    assert data["decision_draft"] == {
        "number": "1/QĐ-UBND", "date": UNIT_DECISION_DATE.isoformat(),
        "signer": "Chủ tịch UBND tỉnh", "awarded_ids": nomination_ids,
        "upward_letter_number": "1/TTr-UBND",
        "upward_letter_date": UNIT_DECISION_DATE.isoformat()}

    services.return_to_officer(user=world.committee_leader,
                               task=open_task(dossier, "committee_sign"), reason="Sửa số")
    data = _data(dossier)
    assert (data["outcome"], data["back_to"], data["back_from"], data["back_to_user"]) == (
        "back_to_officer", "committee_decision", "committee_sign", world.committee.pk)

    _draft(world, dossier)
    data = _data(dossier)
    assert data["decision_draft"] == {
        "number": "12/QĐ-UBND", "date": UNIT_DECISION_DATE.isoformat(),
        "signer": "Chủ tịch UBND tỉnh", "awarded_ids": nomination_ids,
        "upward_letter_number": "", "upward_letter_date": None}
    assert sorted(data) == ["appraised_by", "back_from", "back_to", "back_to_user",
                            "decision_draft", "drafted_by", "outcome", "return_due",
                            "return_to", "returned_by"]


def test_the_process_fields_read_what_the_route_wrote(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_sign")

    process = DossierProcess.objects.get(pk=task.process_id)

    assert process.outcome == Outcome.DRAFTED
    assert process.get_outcome_display() == "Trình Chủ tịch UBND tỉnh ký quyết định"
    assert process.drafted_by == world.committee.pk
    assert process.return_to is None and process.return_due is None
    assert process.decision_draft.date == UNIT_DECISION_DATE
    assert services.decision_draft(Process.objects.get(pk=task.process_id)) == {
        "number": "1/QĐ-UBND", "date": UNIT_DECISION_DATE, "signer": "Chủ tịch UBND tỉnh",
        "awarded_ids": sorted(dossier.nominations.values_list("pk", flat=True)),
        "upward_letter_number": "1/TTr-UBND", "upward_letter_date": UNIT_DECISION_DATE}


def test_a_process_without_a_draft_has_none(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")

    assert services.decision_draft(task.process) == {}
    assert DossierProcess.objects.get(pk=task.process_id).return_due is None


def test_the_process_page_does_not_show_the_routes_kept_values(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_sign")
    client.force_login(world.manager)

    page = client.get(reverse("khenthuong:route:process_detail", args=[task.process_id]))

    assert page.status_code == 200
    text = page.content.decode()
    for field in DossierProcess._meta.private_fields:
        if getattr(field, "json_field_name", None) == "data":
            assert str(field.verbose_name).capitalize() not in text, field.name
