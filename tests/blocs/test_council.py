"""The provincial council's ballot (VOTE-80 / VOTE-90) through the services."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blocs import services
from blocs.models import CouncilBallot, CouncilMeeting
from nominations.models import DossierEvent, Nomination
from tests.blocs.helpers import COUNCIL_TABLES, snapshot
from tests.factories import (
    CollectiveFactory,
    DossierFactory,
    NominationFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    award,
)


@pytest.fixture
def province(db):
    return ProvinceFactory(code="tien-giang", name="Tiền Giang")


@pytest.fixture
def secretary(province):
    return UserFactory(roles=["council_secretary"], province=province, full_name="Thư ký HĐ")


def _nomination(province, code: str) -> Nomination:
    unit = UnitFactory(province=province)
    dossier = DossierFactory(unit=unit, year=2025, status="council_review")
    if award(code).nominee_kind == "collective":
        return NominationFactory(dossier=dossier, person=None,
                                 collective=CollectiveFactory(unit=unit), award=award(code))
    return NominationFactory(dossier=dossier, person=PersonFactory(unit=unit), award=award(code))


def _meeting(secretary, province, members: int) -> CouncilMeeting:
    return services.open_council_meeting(
        user=secretary, province=province, held_on=date(2026, 1, 20),
        title="Họp xét khen thưởng tổng kết năm 2025",
        member_names=[f"Thành viên {i + 1}" for i in range(members)])


def _ballot(secretary, meeting, nomination, **votes) -> CouncilBallot:
    return services.record_council_ballot(user=secretary, meeting=meeting, nomination=nomination,
                                          **votes)


def test_vote_80_fails_at_79_percent_with_absent_members(secretary, province):
    meeting = _meeting(secretary, province, 24)
    flag = _nomination(province, "CO_TINH")
    # 19 of 24 for (4 of them in writing from absent members); 5 absent without a vote
    ballot = _ballot(secretary, meeting, flag, votes_for=19, votes_against=0, written_votes=4)
    assert ballot.threshold == 80 and ballot.members_count == 24
    assert ballot.result == "failed"  # 79.2 %


def test_vote_80_passes_at_exactly_80_percent_with_absent_members(secretary, province):
    meeting = _meeting(secretary, province, 25)
    flag = _nomination(province, "CO_TINH")
    # 20 of 25 for (5 in writing), 2 against, 3 absent without a vote
    ballot = _ballot(secretary, meeting, flag, votes_for=20, votes_against=2, written_votes=5)
    assert ballot.result == "passed"  # 80.0 %


def test_vote_90_fails_at_89_percent(secretary, province):
    meeting = _meeting(secretary, province, 29)
    cstd = _nomination(province, "CSTD_TINH")
    ballot = _ballot(secretary, meeting, cstd, votes_for=26, votes_against=1, written_votes=2)
    assert ballot.threshold == 90
    assert ballot.result == "failed"  # 89.7 %


def test_vote_90_passes_at_exactly_90_percent_with_absent_members(secretary, province):
    meeting = _meeting(secretary, province, 30)
    cstd = _nomination(province, "CSTD_TINH")
    ballot = _ballot(secretary, meeting, cstd, votes_for=27, votes_against=0, written_votes=3)
    assert ballot.result == "passed"  # 90.0 %, 3 absent members did not vote


def test_recused_members_stay_in_the_denominator(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    members = list(meeting.members.all())
    # 7 for, 1 against, 2 recused: 7/10 = 70 % (7/8 = 87.5 % if recusals were excluded)
    ballot = _ballot(secretary, meeting, flag, votes_for=7, votes_against=1,
                     recusals={members[0].pk: "Là thủ trưởng đơn vị được đề nghị",
                               members[1].pk: "Có quan hệ gia đình với người được đề nghị"})
    assert ballot.result == "failed"
    assert ballot.recusals.count() == 2
    assert ballot.recusals.get(member=members[0]).reason == "Là thủ trưởng đơn vị được đề nghị"


def test_recusal_with_enough_other_votes_still_passes(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    recused = meeting.members.first()
    ballot = _ballot(secretary, meeting, flag, votes_for=8, votes_against=1,
                     recusals={recused.pk: "Là thủ trưởng đơn vị được đề nghị"})
    assert ballot.result == "passed"


def test_recusal_without_a_reason_is_refused(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    before = snapshot(*COUNCIL_TABLES)
    with pytest.raises(ValidationError, match="lý do"):
        _ballot(secretary, meeting, flag, votes_for=8, votes_against=0,
                recusals={meeting.members.first().pk: "  "})
    assert snapshot(*COUNCIL_TABLES) == before


def test_votes_exceeding_the_members_are_refused_and_nothing_saved(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    before = snapshot(*COUNCIL_TABLES)
    with pytest.raises(ValidationError, match=r"vượt quá số thành viên Hội đồng \(10\)"):
        _ballot(secretary, meeting, flag, votes_for=10, votes_against=1)
    assert snapshot(*COUNCIL_TABLES) == before


def test_votes_plus_recusals_exceeding_the_members_are_refused(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    before = snapshot(*COUNCIL_TABLES)
    with pytest.raises(ValidationError, match="vượt quá số thành viên"):
        _ballot(secretary, meeting, flag, votes_for=10, votes_against=0,
                recusals={meeting.members.first().pk: "Xung đột lợi ích"})
    assert snapshot(*COUNCIL_TABLES) == before


def test_negative_votes_are_refused_and_nothing_saved(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    _ballot(secretary, meeting, flag, votes_for=8, votes_against=2)
    before = snapshot(*COUNCIL_TABLES)
    with pytest.raises(ValidationError, match="không được âm"):
        _ballot(secretary, meeting, flag, votes_for=9, votes_against=-1)
    assert snapshot(*COUNCIL_TABLES) == before


def test_written_votes_cannot_exceed_the_votes_cast(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    with pytest.raises(ValidationError, match="bằng văn bản"):
        _ballot(secretary, meeting, flag, votes_for=3, votes_against=1, written_votes=5)
    assert not CouncilBallot.objects.exists()


def test_an_award_without_a_ballot_threshold_is_refused(secretary, province):
    meeting = _meeting(secretary, province, 10)
    bk = _nomination(province, "BK_TINH")
    with pytest.raises(ValidationError, match="không cần bỏ phiếu"):
        _ballot(secretary, meeting, bk, votes_for=10, votes_against=0)


def test_only_the_council_secretary_records_ballots(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    member = UserFactory(roles=["council_member"], province=province)
    with pytest.raises(PermissionDenied):
        _ballot(member, meeting, flag, votes_for=9, votes_against=0)
    with pytest.raises(PermissionDenied):
        services.close_council_meeting(user=member, meeting=meeting)


def test_a_secretary_of_another_province_cannot_open_a_meeting(province):
    other = UserFactory(roles=["council_secretary"], province=ProvinceFactory())
    with pytest.raises(PermissionDenied):
        _meeting(other, province, 5)
    assert not CouncilMeeting.objects.exists()


def test_council_members_can_be_users_with_a_council_role(secretary, province):
    users = [UserFactory(roles=["council_member"], province=province) for _ in range(3)]
    meeting = services.open_council_meeting(user=secretary, province=province,
                                            held_on=date(2026, 1, 20), title="Họp Hội đồng",
                                            member_users=users + [secretary],
                                            member_names=["Đại diện Mặt trận Tổ quốc"])
    assert meeting.members.count() == 5
    outsider = UserFactory(roles=["board_specialist"], province=province)
    with pytest.raises(ValidationError, match="không phải thành viên Hội đồng"):
        services.open_council_meeting(user=secretary, province=province,
                                      held_on=date(2026, 1, 20), title="Họp",
                                      member_users=[outsider])


def test_closing_writes_council_result_once_with_one_event_per_nomination(
        secretary, province, django_capture_on_commit_callbacks):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    cstd = _nomination(province, "CSTD_TINH")
    _ballot(secretary, meeting, flag, votes_for=8, votes_against=2)
    _ballot(secretary, meeting, cstd, votes_for=8, votes_against=2)
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        results = services.close_council_meeting(user=secretary, meeting=meeting)
    assert results == {flag.pk: "passed", cstd.pk: "failed"}
    assert Nomination.objects.get(pk=flag.pk).council_result == "passed"
    assert Nomination.objects.get(pk=cstd.pk).council_result == "failed"
    # written here, in the closing transaction: nothing after commit writes it again
    assert after_commit == []
    events = DossierEvent.objects.filter(nomination__in=[flag, cstd]).order_by("nomination_id")
    assert [(e.nomination_id, e.action, e.actor_id, e.data["result"]) for e in events] == [
        (flag.pk, "council_ballot", secretary.pk, "passed"),
        (cstd.pk, "council_ballot", secretary.pk, "failed")]


def test_a_closed_meeting_cannot_be_edited(secretary, province):
    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    _ballot(secretary, meeting, flag, votes_for=8, votes_against=2)
    services.close_council_meeting(user=secretary, meeting=meeting)
    before = snapshot(*COUNCIL_TABLES)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        _ballot(secretary, meeting, flag, votes_for=5, votes_against=5)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.close_council_meeting(user=secretary, meeting=meeting)
    assert snapshot(*COUNCIL_TABLES) == before


def test_council_minutes_are_generated_as_docx(secretary, province):
    import io

    from docx import Document

    meeting = _meeting(secretary, province, 10)
    flag = _nomination(province, "CO_TINH")
    _ballot(secretary, meeting, flag, votes_for=8, votes_against=1,
            recusals={meeting.members.first().pk: "Là thủ trưởng đơn vị được đề nghị"})
    services.close_council_meeting(user=secretary, meeting=meeting)
    meeting.refresh_from_db()
    doc = Document(io.BytesIO(bytes(meeting.minutes_docx)))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Đạt" in cells and "80,0%" in cells
    assert any("Là thủ trưởng đơn vị được đề nghị" in c for c in cells)
