"""The Trưởng Ban approves the appraisal; the VP UBND officer drafts the decision; the Chủ
tịch UBND tỉnh signs it and uploads the signed PDF — only then is it final."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from nominations.models import Decision, Honour
from tests.files import PNG, upload
from workflows import services
from workflows.models import TaskDeadline

from .helpers import advance, execute_url, make_dossier, open_task, post_step, sign


def test_board_head_approval_sends_the_dossier_to_the_committee(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_head_approval")

    response = post_step(client, world.board_head, task, {"action": "approve"})

    assert response.status_code == 302
    assert open_task(dossier, "committee_decision")


def test_board_head_sends_the_appraisal_back_to_the_specialist_who_made_it(world):
    dossier = make_dossier(world, "CSTD_TINH")
    appraisal = advance(world, dossier, "board_appraisal")
    services.complete_review(user=world.specialist2, task=appraisal, action="forward")

    services.approve_appraisal(user=world.board_head,
                               task=open_task(dossier, "board_head_approval"), action="back",
                               reason="Bổ sung ý kiến thẩm định về sáng kiến")

    again = open_task(dossier, "board_appraisal")
    assert TaskDeadline.objects.get(task=again).assigned_to == world.specialist2


def test_board_head_must_say_why_the_appraisal_goes_back(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_head_approval")

    response = post_step(client, world.board_head, task, {"action": "back"})

    assert response.status_code == 200
    assert "Vui lòng nêu lý do trả lại." in response.content.decode()


def test_the_decision_is_not_final_before_the_chairman_signs_it(world):
    dossier = make_dossier(world, "CSTD_TINH")

    task = advance(world, dossier, "committee_sign")

    dossier.refresh_from_db()
    assert dossier.status == "committee_decision"
    assert not Decision.objects.exists() and not Honour.objects.exists()
    assert TaskDeadline.objects.get(task=task).role == "committee_leader"


def test_signing_records_the_decision_number_date_signer_and_the_signed_file(world):
    dossier = make_dossier(world, "CSTD_TINH")
    advance(world, dossier, "committee_sign")

    sign(world, dossier, number="77/QĐ-UBND", date=date(2025, 12, 22),
         signer="Nguyễn Văn Chủ tịch")

    decision = Decision.objects.get(dossier=dossier)
    assert (decision.number, decision.date, decision.signer) == (
        "77/QĐ-UBND", date(2025, 12, 22), "Nguyễn Văn Chủ tịch")
    assert dossier.attachments.filter(kind="signed_decision").count() == 1
    dossier.refresh_from_db()
    assert dossier.status == "decided"


def test_signing_refuses_a_signed_file_that_is_not_a_pdf(world):
    dossier = make_dossier(world, "CSTD_TINH")
    advance(world, dossier, "committee_sign")

    with pytest.raises(ValidationError) as refused:
        sign(world, dossier, signed_file=upload("quyet-dinh.png", PNG))

    assert "PDF" in " ".join(refused.value.messages)
    assert not Decision.objects.exists()


def test_chairman_sends_the_draft_back_to_the_officer_who_drafted_it(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_sign")

    services.return_to_officer(user=world.committee_leader, task=task,
                               reason="Sửa số quyết định")

    again = open_task(dossier, "committee_decision")
    assert TaskDeadline.objects.get(task=again).assigned_to == world.committee


def test_the_chairmans_screen_shows_the_draft_and_who_is_awarded(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_sign")

    client.force_login(world.committee_leader)
    page = client.get(execute_url(task)).content.decode()

    assert 'data-testid="decision-draft"' in page and "1/QĐ-UBND" in page
    assert str(dossier.nominations.get().nominee) in page
    assert 'name="signed_file"' in page
