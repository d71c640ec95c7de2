"""The bloc and council pages over HTTP, as each role's user."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from blocs import services
from blocs.models import ScoreSheet, VoteCast, VoteSession
from nominations.models import Bloc, BlocMembership, Nomination
from tests.blocs import replay
from tests.blocs.helpers import BLOC_TABLES, COUNCIL_TABLES, snapshot
from tests.factories import UnitFactory, UserFactory, award

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _url(name, *args):
    return reverse(f"khenthuong:blocs:{name}", args=args)


@pytest.fixture
def outsider(db):
    """The officer of a unit in another bloc of the same province."""
    from tests.factories import ProvinceFactory

    province = ProvinceFactory(code="tien-giang", name="Tiền Giang")
    bloc = Bloc.objects.create(province=province, name="Cụm thi đua doanh nghiệp")
    unit = UnitFactory(province=province)
    BlocMembership.objects.create(bloc=bloc, unit=unit, year=2022)
    return UserFactory(roles=["unit_officer", "unit_head", "bloc_leader"], unit=unit,
                       province=province)


def test_member_sees_the_year_overview_with_raw_and_fair_ranking_and_ties(tg_scored, client):
    r = tg_scored
    client.force_login(r.officers["dienluc"])
    response = client.get(_url("year", r.bloc.pk, 2022))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tham gia công tác cải cách hành chính" in html
    assert "95,00" in html and "101,00" in html and "91,82" in html  # Vietnamese decimals
    assert html.count('data-testid="tie"') == 2


def test_a_unit_of_another_bloc_does_not_see_this_bloc(tg_voted, outsider, client):
    r = tg_voted
    client.force_login(outsider)
    assert client.get(_url("year", r.bloc.pk, 2022)).status_code == 404
    assert client.get(_url("session", r.bloc.pk, 2022)).status_code == 404
    assert client.get(_url("score", r.bloc.pk, 2022, r.units["nhnn"].pk)).status_code == 404
    index = client.get(_url("index")).content.decode()
    assert r.bloc.name not in index


def test_a_unit_of_another_bloc_cannot_download_the_minutes(tg_voted, outsider, client):
    r = tg_voted
    replay.close_vote(r)
    client.force_login(outsider)
    assert client.get(_url("session_minutes", r.session.pk)).status_code == 404


def test_leader_page_lists_units_that_have_not_scored(tg_covenant, client):
    r = tg_covenant
    replay.cross_score(r, scorers=["nhnn"])
    client.force_login(r.leader)
    html = client.get(_url("year", r.bloc.pk, 2022)).content.decode()
    table = html.split('data-testid="not-scored"')[1].split("</table>")[0]
    assert f"<tr><td>{replay.UNITS['thads']}</td><td>0/8</td>" in table
    assert f"<tr><td>{replay.UNITS['nhnn']}</td>" not in table  # NHNN has scored everyone


def test_officer_scores_another_member_through_the_form(tg_covenant, client):
    r = tg_covenant
    client.force_login(r.officers["thads"])
    url = _url("score", r.bloc.pk, 2022, r.units["thue"].pk)
    form = client.get(url)
    assert form.status_code == 200
    assert f'name="c_{r.criteria["CCHC"].pk}"' in form.content.decode()  # Cục Thuế: bonus
    data = {f"c_{k}": str(v) for k, v in replay.sheet_points(r, "thads", "thue").items()}
    response = client.post(url, data)
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get(scorer=r.units["thads"], scored=r.units["thue"])
    assert sheet.lines.count() == 5


def test_scoring_form_hides_the_bonus_for_a_unit_that_cannot_earn_it(tg_covenant, client):
    r = tg_covenant
    client.force_login(r.officers["thads"])
    html = client.get(_url("score", r.bloc.pk, 2022, r.units["nhnn"].pk)).content.decode()
    assert f'name="c_{r.criteria["CCHC"].pk}"' not in html


def test_score_above_maximum_through_the_form_shows_the_message_and_saves_nothing(
        tg_covenant, client):
    r = tg_covenant
    client.force_login(r.officers["thads"])
    data = {f"c_{k}": str(v) for k, v in replay.sheet_points(r, "thads", "nhnn").items()}
    data[f"c_{r.criteria['TC1'].pk}"] = "55"
    before = snapshot(*BLOC_TABLES)
    response = client.post(_url("score", r.bloc.pk, 2022, r.units["nhnn"].pk), data)
    assert response.status_code == 200
    assert "vượt quá điểm tối đa 50" in response.content.decode()
    assert snapshot(*BLOC_TABLES) == before


def test_leader_opens_the_session_over_http(tg_dossiers, client):
    r = tg_dossiers
    client.force_login(r.deputy)
    response = client.post(_url("session_open", r.bloc.pk, 2022),
                           {"held_on": "2023-01-04", "place": replay.CONFERENCE_PLACE})
    assert response.status_code == 302
    assert VoteSession.objects.get(bloc=r.bloc, year=2022).items.count() == 10


def test_member_unit_cannot_open_or_close_the_session_over_http(tg_voted, client):
    r = tg_voted
    client.force_login(r.heads["nhnn"])
    assert client.post(_url("session_close", r.bloc.pk, 2022)).status_code == 403
    assert client.post(_url("session_elect", r.bloc.pk, 2022),
                       {"leader": r.units["nhnn"].pk,
                        "deputy": r.units["thue"].pk}).status_code == 403
    r.session.refresh_from_db()
    assert not r.session.is_closed


def test_unit_head_casts_the_units_secret_ballot_over_http(tg_dossiers, client):
    r = tg_dossiers
    session = services.open_vote_session(user=r.deputy, bloc=r.bloc, year=2022,
                                         held_on=date(2023, 1, 4))
    client.force_login(r.heads["kbnn"])
    page = client.get(_url("session", r.bloc.pk, 2022)).content.decode()
    assert 'data-testid="ballot-form"' in page
    data = {f"n_{n.pk}": "agree" for n in r.nominations.values()}
    response = client.post(_url("session_ballot", r.bloc.pk, 2022), data)
    assert response.status_code == 302
    assert VoteCast.objects.filter(session=session, unit=r.units["kbnn"]).exists()
    again = client.post(_url("session_ballot", r.bloc.pk, 2022), data, follow=True)
    assert "Đơn vị của bạn đã bỏ phiếu trong phiên này." in again.content.decode()
    assert VoteCast.objects.filter(session=session).count() == 1


def test_tally_above_the_members_over_http_is_refused_with_nothing_saved(tg_dossiers, client):
    r = tg_dossiers
    services.open_vote_session(user=r.deputy, bloc=r.bloc, year=2022, held_on=date(2023, 1, 4))
    flag = r.nominations[("nhnn", "CO_TINH")]
    client.force_login(r.deputy)
    before = snapshot(*BLOC_TABLES)
    response = client.post(_url("session_tally", r.bloc.pk, 2022),
                           {"units": [u.pk for u in r.units.values()],
                            f"agree_{flag.pk}": "10", f"disagree_{flag.pk}": "0"}, follow=True)
    assert "vượt quá số đơn vị thành viên của Khối (9)" in response.content.decode()
    assert snapshot(*BLOC_TABLES) == before


def test_leader_elects_and_closes_over_http_and_members_download_the_minutes(tg_voted, client):
    r = tg_voted
    client.force_login(r.deputy)
    response = client.post(_url("session_close", r.bloc.pk, 2022), {"confirm": "1"},
                           follow=True)
    assert response.status_code == 200
    r.session.refresh_from_db()
    assert r.session.is_closed
    assert Nomination.objects.get(pk=r.nominations[("nhnn", "CO_TINH")].pk).bloc_result == (
        "approved")
    client.force_login(r.officers["dienluc"])
    minutes = client.get(_url("session_minutes", r.session.pk))
    assert minutes.status_code == 200
    assert minutes["Content-Type"] == DOCX
    assert minutes.content[:2] == b"PK"


def test_closed_session_page_offers_no_edit_forms(tg_voted, client):
    r = tg_voted
    replay.close_vote(r)
    client.force_login(r.deputy)
    html = client.get(_url("session", r.bloc.pk, 2022)).content.decode()
    assert 'data-testid="close-form"' not in html and 'id="tally-form"' not in html
    assert 'data-testid="minutes"' in html
    response = client.post(_url("session_close", r.bloc.pk, 2022), {"confirm": "1"},
                           follow=True)
    assert "Phiên bình xét đã kết thúc, không thể sửa." in response.content.decode()


# ---------------------------------------------------------------- council pages


@pytest.fixture
def council(db):
    from tests.factories import (
        CollectiveFactory,
        DossierFactory,
        NominationFactory,
        ProvinceFactory,
    )

    province = ProvinceFactory(code="tien-giang", name="Tiền Giang")
    secretary = UserFactory(roles=["council_secretary"], province=province)
    members = [UserFactory(roles=["council_member"], province=province) for _ in range(4)]
    unit = UnitFactory(province=province)
    dossier = DossierFactory(unit=unit, year=2025, status="council_review")
    flag = NominationFactory(dossier=dossier, person=None, collective=CollectiveFactory(unit=unit),
                             award=award("CO_TINH"))
    return {"province": province, "secretary": secretary, "members": members, "flag": flag,
            "unit": unit}


def test_secretary_runs_a_council_meeting_over_http(council, client):
    client.force_login(council["secretary"])
    response = client.post(_url("council_open"), {
        "held_on": "2026-01-20", "title": "Họp xét khen thưởng năm 2025",
        "member_users": [u.pk for u in council["members"]] + [council["secretary"].pk],
        "member_names": "Đại diện Liên đoàn Lao động tỉnh\n"})
    assert response.status_code == 302
    meeting = council["secretary"].province.council_meetings.get()
    assert meeting.members.count() == 6
    detail = client.get(_url("council_detail", meeting.pk)).content.decode()
    assert str(council["flag"].nominee) in detail
    recused = meeting.members.first()
    response = client.post(_url("council_ballot", meeting.pk, council["flag"].pk), {
        "votes_for": "5", "votes_against": "0", "written_votes": "1",
        f"recuse_{recused.pk}": "Là thủ trưởng đơn vị được đề nghị"})
    assert response.status_code == 302
    client.post(_url("council_close", meeting.pk), {"confirm": "1"})
    council["flag"].refresh_from_db()
    assert council["flag"].council_result == "passed"  # 5/6 = 83 %
    minutes = client.get(_url("council_minutes", meeting.pk))
    assert minutes.status_code == 200 and minutes["Content-Type"] == DOCX


def test_council_ballot_over_members_through_the_form_is_refused(council, client):
    meeting = services.open_council_meeting(
        user=council["secretary"], province=council["province"], held_on=date(2026, 1, 20),
        title="Họp", member_names=["A", "B", "C"])
    client.force_login(council["secretary"])
    before = snapshot(*COUNCIL_TABLES)
    response = client.post(_url("council_ballot", meeting.pk, council["flag"].pk),
                           {"votes_for": "3", "votes_against": "1"})
    assert response.status_code == 200
    assert "vượt quá số thành viên Hội đồng (3)" in response.content.decode()
    assert snapshot(*COUNCIL_TABLES) == before


def test_council_member_sees_the_meeting_but_cannot_record(council, client):
    meeting = services.open_council_meeting(
        user=council["secretary"], province=council["province"], held_on=date(2026, 1, 20),
        title="Họp", member_users=council["members"])
    client.force_login(council["members"][0])
    assert client.get(_url("council_detail", meeting.pk)).status_code == 200
    assert client.post(_url("council_ballot", meeting.pk, council["flag"].pk),
                       {"votes_for": "4", "votes_against": "0"}).status_code == 403
    assert client.post(_url("council_close", meeting.pk)).status_code == 403


def test_unit_user_does_not_see_council_meetings(council, client):
    meeting = services.open_council_meeting(
        user=council["secretary"], province=council["province"], held_on=date(2026, 1, 20),
        title="Họp", member_names=["A"])
    officer = UserFactory(roles=["unit_officer"], unit=council["unit"],
                          province=council["province"])
    client.force_login(officer)
    assert client.get(_url("council_detail", meeting.pk)).status_code == 404
    assert client.get(_url("council_minutes", meeting.pk)).status_code == 404


def test_member_finds_its_bloc_and_year_on_the_index(tg_bloc, client):
    r = tg_bloc
    client.force_login(r.officers["qltt"])
    html = client.get(_url("index")).content.decode()
    assert r.bloc.name in html
    assert _url("year", r.bloc.pk, 2022) in html


def test_province_manager_sees_the_bloc_read_only(tg_voted, client):
    r = tg_voted
    manager = UserFactory(roles=["manager"], province=r.province)
    client.force_login(manager)
    assert client.get(_url("year", r.bloc.pk, 2022)).status_code == 200
    html = client.get(_url("session", r.bloc.pk, 2022)).content.decode()
    assert 'data-testid="ballot-form"' not in html and 'data-testid="close-form"' not in html
    assert client.post(_url("session_close", r.bloc.pk, 2022)).status_code == 403


def test_closing_the_session_first_asks_for_confirmation(tg_voted, client):
    r = tg_voted
    client.force_login(r.deputy)

    response = client.post(_url("session_close", r.bloc.pk, 2022))

    assert response.status_code == 200
    assert "Kết thúc phiên bình xét" in response.content.decode()
    r.session.refresh_from_db()
    assert not r.session.is_closed


def test_closing_the_council_meeting_first_asks_for_confirmation(council, client):
    meeting = services.open_council_meeting(
        user=council["secretary"], province=council["province"], held_on=date(2026, 1, 20),
        title="Họp", member_users=council["members"])
    client.force_login(council["secretary"])

    response = client.post(_url("council_close", meeting.pk))

    assert response.status_code == 200
    assert "Kết thúc cuộc họp Hội đồng" in response.content.decode()
    meeting.refresh_from_db()
    assert not meeting.is_closed
