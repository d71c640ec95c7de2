"""The committee's decision and the province's upward letter cannot be dated in the future,
nor before the year whose achievements the dossier proposes (2025 here)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nominations.models import Decision
from workflows import services

from .helpers import advance, make_dossier, post_step, sign


def _tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def test_decision_dated_tomorrow_is_refused_on_the_form_in_vietnamese(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")
    n = dossier.nominations.get()

    response = post_step(client, world.committee, task, {
        "action": "decide", "confirm": "1",
        "number": "7/QĐ-UBND", "date": _tomorrow().isoformat(),
        "signer": "Chủ tịch UBND tỉnh", f"awarded_{n.pk}": "on"})

    assert response.status_code == 200
    assert "chưa đến" in response.content.decode()
    assert not Decision.objects.exists()


def test_decision_service_refuses_a_date_in_the_future(world):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")

    with pytest.raises(ValidationError) as refused:
        services.complete_decision(user=world.committee, task=task, number="7/QĐ-UBND",
                                   date=_tomorrow(), signer="Chủ tịch UBND tỉnh",
                                   awarded_ids={n.pk for n in dossier.nominations.all()})

    assert "chưa đến" in refused.value.message_dict["date"][0]
    assert not Decision.objects.exists()


def test_decision_dated_before_the_dossiers_year_is_refused(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")
    n = dossier.nominations.get()

    response = post_step(client, world.committee, task, {
        "action": "decide", "confirm": "1",
        "number": "7/QĐ-UBND", "date": "2024-12-31",
        "signer": "Chủ tịch UBND tỉnh", f"awarded_{n.pk}": "on"})

    assert response.status_code == 200
    assert "trước năm thành tích 2025" in response.content.decode()
    assert not Decision.objects.exists()


def test_decision_dated_today_is_accepted(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")
    n = dossier.nominations.get()

    response = post_step(client, world.committee, task, {
        "action": "decide", "confirm": "1",
        "number": "7/QĐ-UBND", "date": timezone.localdate().isoformat(),
        "signer": "Chủ tịch UBND tỉnh", f"awarded_{n.pk}": "on"})

    assert response.status_code == 302
    sign(world, dossier)
    assert Decision.objects.get().date == timezone.localdate()


def test_upward_letter_dated_tomorrow_is_refused(world, client):
    dossier = make_dossier(world, "CSTDTQ")
    task = advance(world, dossier, "committee_decision")

    response = post_step(client, world.committee, task, {
        "action": "decide", "confirm": "1", "upward_letter_number": "45/TTr-UBND",
        "upward_letter_date": _tomorrow().isoformat()})

    assert response.status_code == 200
    assert "chưa đến" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.upward_letter_date is None


def test_upward_letter_service_refuses_a_date_before_the_dossiers_year(world):
    dossier = make_dossier(world, "CSTDTQ")
    task = advance(world, dossier, "committee_decision")

    with pytest.raises(ValidationError) as refused:
        services.complete_decision(user=world.committee, task=task,
                                   upward_letter_number="45/TTr-UBND",
                                   upward_letter_date=date(2019, 5, 1))

    assert "trước năm thành tích" in refused.value.message_dict["upward_letter_date"][0]
