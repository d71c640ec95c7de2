"""Free text that a person types is bounded (nominations/validation.py): a nomination's
summary at 5,000 characters, a covenant's content and a unit's targets at 10,000, council
names at 200 each, recusal reasons at 2,000. Refused in Vietnamese, nothing saved."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs import services as blocs
from blocs.models import CouncilMeeting, Covenant
from nominations import services
from nominations.models import Nomination
from nominations.validation import LONG_TEXT_MAX_LENGTH, SUMMARY_MAX_LENGTH, TEXT_MAX_LENGTH
from tests.blocs import replay
from tests.factories import (
    DossierFactory,
    NominationFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    award,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(unit=UnitFactory(), roles=["unit_officer"])


def test_summary_over_5000_characters_is_refused_on_the_nomination_form(client, officer):
    dossier = DossierFactory(unit=officer.unit)
    person = PersonFactory(unit=officer.unit)
    client.force_login(officer)

    response = client.post(
        reverse("khenthuong:dossiers:add_nomination", args=[dossier.pk]),
        {"person": person.pk, "award": award("LDTT").pk, "basis": "cong_trang",
         "summary": "x" * (SUMMARY_MAX_LENGTH + 1)})

    assert response.status_code == 200
    assert f"tối đa {SUMMARY_MAX_LENGTH} kí tự" in response.content.decode()
    assert not Nomination.objects.exists()


def test_summary_of_exactly_5000_characters_is_kept(officer):
    dossier = DossierFactory(unit=officer.unit)

    nomination = services.add_nomination(user=officer, dossier=dossier, award=award("LDTT"),
                                         person=PersonFactory(unit=officer.unit),
                                         summary="x" * SUMMARY_MAX_LENGTH)

    assert len(nomination.summary) == SUMMARY_MAX_LENGTH


def test_add_nomination_service_refuses_a_summary_over_the_limit(officer):
    dossier = DossierFactory(unit=officer.unit)

    with pytest.raises(ValidationError) as refused:
        services.add_nomination(user=officer, dossier=dossier, award=award("LDTT"),
                                person=PersonFactory(unit=officer.unit),
                                summary="x" * (SUMMARY_MAX_LENGTH + 1))

    assert "Tóm tắt thành tích dài 5001 ký tự" in refused.value.message_dict["summary"][0]
    assert not Nomination.objects.exists()


def test_update_nomination_service_refuses_a_summary_over_the_limit(officer):
    nomination = NominationFactory(dossier=DossierFactory(unit=officer.unit), summary="cũ")

    with pytest.raises(ValidationError):
        services.update_nomination(user=officer, nomination=nomination,
                                   summary="x" * (SUMMARY_MAX_LENGTH + 1))

    nomination.refresh_from_db()
    assert nomination.summary == "cũ"


def test_covenant_content_over_the_limit_is_refused():
    r = replay.build_replay(until="bloc")

    with pytest.raises(ValidationError) as refused:
        blocs.create_covenant(user=r.leader, bloc=r.bloc, year=replay.YEAR, title="Giao ước",
                              content="x" * (LONG_TEXT_MAX_LENGTH + 1))

    assert "content" in refused.value.message_dict
    assert not Covenant.objects.exists()


def test_registered_targets_over_the_limit_are_refused():
    r = replay.build_replay(until="covenant")

    with pytest.raises(ValidationError):
        blocs.register_targets(user=r.officers["nhnn"], covenant=r.covenant,
                               targets="x" * (LONG_TEXT_MAX_LENGTH + 1))


def test_council_member_name_over_200_characters_is_refused():
    province = ProvinceFactory()
    secretary = UserFactory(roles=["council_secretary"], province=province)

    with pytest.raises(ValidationError):
        blocs.open_council_meeting(user=secretary, province=province, held_on=date(2026, 1, 5),
                                   title="Họp xét khen thưởng", member_names=["x" * 201])

    assert not CouncilMeeting.objects.exists()


def test_recusal_reason_over_the_limit_is_refused():
    province = ProvinceFactory()
    secretary = UserFactory(roles=["council_secretary"], province=province)
    meeting = blocs.open_council_meeting(
        user=secretary, province=province, held_on=date(2026, 1, 5), title="Họp xét",
        member_names=["Thành viên 1", "Thành viên 2", "Thành viên 3"])
    unit = UnitFactory(province=province)
    nomination = NominationFactory(dossier=DossierFactory(unit=unit, status="council_review"),
                                   person=PersonFactory(unit=unit), award=award("CSTD_TINH"))
    member = meeting.members.first()

    with pytest.raises(ValidationError, match="Lý do không tham gia biểu quyết"):
        blocs.record_council_ballot(user=secretary, meeting=meeting, nomination=nomination,
                                    votes_for="2", votes_against="0",
                                    recusals={member.pk: "x" * (TEXT_MAX_LENGTH + 1)})
