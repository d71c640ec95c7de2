"""Free text of the route (reasons, opinions, notes) is bounded: 2,000 characters
(nominations.validation.TEXT_MAX_LENGTH), refused in Vietnamese by the form and the
service, nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from nominations import services as dossiers
from nominations.models import DossierEvent
from nominations.validation import TEXT_MAX_LENGTH
from workflows import services

from .helpers import advance, make_dossier, post_step, review_data

TOO_LONG = "x" * (TEXT_MAX_LENGTH + 1)


def test_return_reason_over_the_limit_is_refused_on_the_review_form(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")

    response = post_step(client, world.specialist, task,
                         review_data(dossier, action="returned", return_reason=TOO_LONG))

    assert response.status_code == 200
    assert f"tối đa {TEXT_MAX_LENGTH} kí tự" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "board_appraisal"


def test_return_service_refuses_a_reason_over_the_limit(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")

    with pytest.raises(ValidationError) as refused:
        services.complete_review(user=world.specialist, task=task, action="returned",
                                 return_reason=TOO_LONG)

    assert f"tối đa {TEXT_MAX_LENGTH} ký tự" in refused.value.message_dict["return_reason"][0]
    dossier.refresh_from_db()
    assert dossier.status == "board_appraisal"


def test_rejection_reason_over_the_limit_is_refused_by_the_service(world):
    dossier = make_dossier(world, "CSTD_TINH")
    advance(world, dossier, "board_appraisal")
    nomination = dossier.nominations.get()

    with pytest.raises(ValidationError, match="Lý do không đề nghị"):
        dossiers.record_nomination_outcome(nomination=nomination, actor=world.specialist,
                                           step="board_appraisal", approved=False,
                                           reason=TOO_LONG)

    nomination.refresh_from_db()
    assert nomination.status == "active"


def test_board_opinion_over_the_limit_is_refused_on_the_review_form(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    n = dossier.nominations.get()

    response = post_step(client, world.specialist, task,
                         review_data(dossier, **{f"opinion_{n.pk}": TOO_LONG}))

    assert response.status_code == 200
    n.refresh_from_db()
    assert n.board_opinion == ""


def test_return_to_board_reason_over_the_limit_is_refused_by_the_service(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")

    with pytest.raises(ValidationError):
        services.return_to_board(user=world.committee, task=task, reason=TOO_LONG)

    assert not DossierEvent.objects.filter(action="returned_to_board").exists()


def test_withdrawal_reason_over_the_limit_is_refused(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    advance(world, dossier, "board_appraisal")
    client.force_login(world.officer)

    response = client.post(f"/khenthuong/route/ho-so/{dossier.pk}/rut/", {"reason": TOO_LONG})

    assert response.status_code == 200
    dossier.refresh_from_db()
    assert dossier.status == "board_appraisal"


def test_withdraw_service_refuses_a_reason_over_the_limit(world):
    dossier = make_dossier(world, "CSTD_TINH")

    with pytest.raises(ValidationError):
        dossiers.withdraw_dossier(user=world.officer, dossier=dossier, reason=TOO_LONG)

    dossier.refresh_from_db()
    assert dossier.status == "draft"


def test_resubmit_service_refuses_a_note_over_the_limit(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    services.complete_review(user=world.specialist, task=task, action="returned",
                             return_reason="Thiếu tờ trình")
    dossier.refresh_from_db()

    with pytest.raises(ValidationError):
        dossiers.resubmit_dossier(dossier=dossier, actor=world.officer, note=TOO_LONG)

    assert not DossierEvent.objects.filter(action="resubmitted").exists()
