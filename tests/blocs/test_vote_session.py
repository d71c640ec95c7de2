"""The bloc vote session through the services: who may act, the guards, the rules."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blocs import services
from blocs.models import VoteCast, VoteItem, VoteSession
from nominations.models import Nomination
from tests.blocs import replay
from tests.blocs.helpers import BLOC_TABLES, snapshot
from tests.factories import UserFactory, award


def _open(r):
    return services.open_vote_session(user=r.deputy, bloc=r.bloc, year=2022,
                                      held_on=date(2023, 1, 4))


def test_bloc_leader_of_the_leading_unit_opens_the_session(tg_dossiers):
    r = tg_dossiers
    session = services.open_vote_session(user=r.leader, bloc=r.bloc, year=2022,
                                         held_on=date(2023, 1, 4))
    assert session.members_count == 9
    assert session.items.count() == 10


def test_a_member_unit_user_cannot_open_the_session(tg_dossiers):
    r = tg_dossiers
    with pytest.raises(PermissionDenied):
        services.open_vote_session(user=r.heads["nhnn"], bloc=r.bloc, year=2022,
                                   held_on=date(2023, 1, 4))
    assert not VoteSession.objects.exists()


def test_bloc_leader_role_of_a_plain_member_unit_cannot_open_the_session(tg_dossiers):
    r = tg_dossiers
    member_leader = UserFactory(roles=["bloc_leader"], unit=r.units["nhnn"])  # member in 2022
    with pytest.raises(PermissionDenied):
        services.open_vote_session(user=member_leader, bloc=r.bloc, year=2022,
                                   held_on=date(2023, 1, 4))


def test_a_member_unit_user_cannot_close_the_session(tg_voted):
    r = tg_voted
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(PermissionDenied):
        services.close_vote_session(user=r.heads["nhnn"], session=r.session)
    assert snapshot(*BLOC_TABLES) == before


def test_a_unit_cannot_vote_twice(tg_voted):
    r = tg_voted
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.cast_ballot(user=r.officers["nhnn"], session=r.session,
                             choices=replay.ballot_of(r, "nhnn"))
    assert snapshot(*BLOC_TABLES) == before


def test_a_ballot_for_a_nomination_outside_the_session_is_refused(tg_dossiers):
    r = tg_dossiers
    session = _open(r)
    from tests.factories import NominationFactory
    outside = NominationFactory(award=award("BK_TINH"))
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError, match="không thuộc phiên"):
        services.cast_ballot(user=r.heads["nhnn"], session=session, choices={outside.pk: True})
    assert snapshot(*BLOC_TABLES) == before


def test_tally_exceeding_the_members_is_refused_and_nothing_saved(tg_dossiers):
    r = tg_dossiers
    session = _open(r)
    flag = r.nominations[("nhnn", "CO_TINH")]
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError, match=r"vượt quá số đơn vị thành viên của Khối \(9\)"):
        services.record_tally(user=r.deputy, session=session,
                              voted_units=list(r.units.values()), counts={flag.pk: (9, 1)})
    assert snapshot(*BLOC_TABLES) == before


def test_tally_exceeding_the_units_that_voted_is_refused(tg_dossiers):
    r = tg_dossiers
    session = _open(r)
    flag = r.nominations[("nhnn", "CO_TINH")]
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError, match="vượt quá số đơn vị đã bỏ phiếu"):
        services.record_tally(user=r.deputy, session=session,
                              voted_units=[r.units["nhnn"], r.units["thue"]],
                              counts={flag.pk: (3, 0)})
    assert snapshot(*BLOC_TABLES) == before


def test_negative_tally_is_refused_and_nothing_saved(tg_dossiers):
    r = tg_dossiers
    session = _open(r)
    flag = r.nominations[("nhnn", "CO_TINH")]
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError, match="không được âm"):
        services.record_tally(user=r.deputy, session=session,
                              voted_units=list(r.units.values()), counts={flag.pk: (10, -1)})
    assert snapshot(*BLOC_TABLES) == before


def test_tally_adds_counts_and_records_which_units_voted(tg_dossiers):
    r = tg_dossiers
    session = _open(r)
    flag = r.nominations[("nhnn", "CO_TINH")]
    services.record_tally(user=r.deputy, session=session,
                          voted_units=[r.units["nhnn"], r.units["thue"], r.units["kbnn"]],
                          counts={flag.pk: (2, 1)})
    item = VoteItem.objects.get(session=session, nomination=flag)
    assert (item.agree, item.disagree) == (2, 1)
    assert VoteCast.objects.filter(session=session).count() == 3
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        services.cast_ballot(user=r.heads["kbnn"], session=session, choices={flag.pk: True})


def test_a_closed_session_cannot_be_edited(tg_voted):
    r = tg_voted
    replay.close_vote(r)
    before = snapshot(*BLOC_TABLES)
    flag = r.nominations[("nhnn", "CO_TINH")]
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.record_tally(user=r.deputy, session=r.session, voted_units=[],
                              counts={flag.pk: (0, 1)})
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.elect_leadership(user=r.deputy, session=r.session, leader=r.units["kbnn"],
                                  deputy=r.units["bhxh"])
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.close_vote_session(user=r.deputy, session=r.session)
    assert snapshot(*BLOC_TABLES) == before


def test_a_nomination_without_a_majority_of_all_members_is_rejected(tg_dossiers):
    r = tg_dossiers
    session = _open(r)
    bk = r.nominations[("kbnn", "BK_TINH")]
    # 4 of 9 agree (the other 5 units did not hand in a ballot)
    services.record_tally(user=r.deputy, session=session,
                          voted_units=[r.units[k] for k in ("nhnn", "thue", "thads", "bhxh")],
                          counts={bk.pk: (4, 0)})
    results = services.close_vote_session(user=r.deputy, session=session)
    assert results[bk.pk] == "rejected"
    assert Nomination.objects.get(pk=bk.pk).bloc_result == "rejected"
    assert "4/9" in VoteItem.objects.get(session=session, nomination=bk).reason


def test_equal_flag_candidates_need_the_conference_choice(tg_bloc):
    r = tg_bloc  # no cross-scores: nothing tells the two candidates apart
    replay.add_dossiers(r)
    session = _open(r)
    nhnn, thue = r.nominations[("nhnn", "CO_TINH")], r.nominations[("thue", "CO_TINH")]
    services.record_tally(user=r.deputy, session=session, voted_units=list(r.units.values()),
                          counts={nhnn.pk: (7, 2), thue.pk: (7, 2)})
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError, match="Điều 26 khoản 1"):
        services.close_vote_session(user=r.deputy, session=session)
    assert snapshot(*BLOC_TABLES) == before
    results = services.close_vote_session(user=r.deputy, session=session, flag_nomination=thue)
    assert (results[thue.pk], results[nhnn.pk]) == ("approved", "rejected")


def test_equal_flag_votes_are_settled_by_the_fair_ranking(tg_dossiers):
    r = tg_dossiers
    session = _open(r)
    nhnn, thue = r.nominations[("nhnn", "CO_TINH")], r.nominations[("thue", "CO_TINH")]
    services.record_tally(user=r.deputy, session=session, voted_units=list(r.units.values()),
                          counts={nhnn.pk: (7, 2), thue.pk: (7, 2)})
    results = services.close_vote_session(user=r.deputy, session=session)
    # NHNN 95.00 fair vs Cục Thuế 91.82: NHNN (the raw ranking would have chosen Cục Thuế)
    assert (results[nhnn.pk], results[thue.pk]) == ("approved", "rejected")


def test_suy_ton_replaces_an_existing_next_year_leadership(tg_voted):
    from nominations.models import BlocMembership

    r = tg_voted
    for key, role in (("thue", "leader"), ("kbnn", "deputy")):
        BlocMembership.objects.create(bloc=r.bloc, unit=r.units[key], year=2023, role=role)
    replay.close_vote(r)
    roles = dict(BlocMembership.objects.filter(bloc=r.bloc, year=2023)
                 .values_list("unit_id", "role"))
    assert roles[r.units["thads"].pk] == "leader"
    assert roles[r.units["nhnn"].pk] == "deputy"
    assert roles[r.units["thue"].pk] == roles[r.units["kbnn"].pk] == "member"
    assert len(roles) == 9


def test_withdrawn_nominations_are_not_in_the_results(tg_voted, bloc_vote_closed_calls,
                                                      django_capture_on_commit_callbacks):
    r = tg_voted
    gone = r.nominations[("dienluc", "BK_TINH")]
    Nomination.objects.filter(pk=gone.pk).update(status="withdrawn")
    with django_capture_on_commit_callbacks(execute=True):
        replay.close_vote(r)
    assert gone.pk not in bloc_vote_closed_calls[0]["results"]
    assert Nomination.objects.get(pk=gone.pk).bloc_result == ""
