import hashlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from blocs import demo as bloc_demo
from blocs import selectors
from blocs.models import Covenant, Registration, VoteSession
from nominations.demo.data import BLOCS, DEMO_PASSWORD, HOME_BLOC, USERS
from nominations.models import Bloc, BlocMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def _value(v):
    if isinstance(v, memoryview | bytes):  # the minutes (DOCX): compare the bytes' digest
        return hashlib.sha256(bytes(v)).hexdigest()
    return str(v)


def _snapshot():
    snapshot = {}
    for label in ("nominations", "accounts", "blocs"):
        for model in apps.get_app_config(label).get_models():
            snapshot[model.__name__] = sorted(
                tuple(sorted((k, _value(v)) for k, v in row.items() if k not in ("last_login",)))
                for row in model.objects.values()
            )
    return snapshot


def test_load_demo_twice_changes_nothing(demo):
    before = _snapshot()
    assert before["VoteSession"] and before["ScoreSheet"]  # the bloc's years are covered

    call_command("load_demo", verbosity=0)

    assert _snapshot() == before


@pytest.mark.parametrize(
    ("bloc_name", "year", "members", "leader"),
    [
        ("Khối thi đua Ngân hàng", 2023, 10,
         "Ngân hàng TMCP Công thương Việt Nam – Chi nhánh Bắc Hưng Yên"),
        ("Cụm thi đua các doanh nghiệp vốn Nhà nước", 2023, 12, "Chi nhánh Xăng dầu Hưng Yên"),
        ("Khối thi đua số 5 (cơ quan, đơn vị Trung ương trên địa bàn)", 2022, 7,
         "Cục Quản lý thị trường tỉnh Đắk Nông"),
        ("Khối thi đua các Bộ, ngành tổng hợp", 2017, 10, "Văn phòng Chủ tịch nước"),
        ("Khối các đơn vị ngành dọc quản lý", 2022, 9, "Cục Thuế tỉnh Tiền Giang"),
    ],
)
def test_seed_blocs_have_their_members_and_leaders(demo, bloc_name, year, members, leader):
    bloc = Bloc.objects.get(name=bloc_name, memberships__year=year, memberships__role="leader")
    memberships = BlocMembership.objects.filter(bloc=bloc, year=year)

    assert memberships.count() == members
    assert memberships.get(role="leader").unit.name == leader


def test_seed_deputies_match_the_reports(demo):
    deputy = BlocMembership.objects.get(bloc__name="Khối các đơn vị ngành dọc quản lý", year=2023,
                                        role="deputy")
    ministries_2017 = BlocMembership.objects.get(
        bloc__name="Khối thi đua các Bộ, ngành tổng hợp", year=2017, role="deputy")

    assert deputy.unit.name == "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang"
    assert ministries_2017.unit.name == "Bộ Nội vụ"


@pytest.mark.parametrize("username", sorted(USERS))
def test_every_demo_user_logs_in_with_the_documented_password(demo, client, username):
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    assert User.objects.get(username=username).groups.filter(name=USERS[username][1]).exists()


def test_demo_people_have_several_years_of_history(demo):
    from django.db.models import Count

    from nominations.models import Person

    people = Person.objects.filter(unit__name="Cục Thi hành án dân sự tỉnh Tiền Giang").annotate(
        years=Count("year_records", distinct=True), honoured=Count("honours", distinct=True))

    assert max(p.years for p in people) == 7
    assert sum(1 for p in people if p.honoured) >= 3


# ------------------------------------------------------------------ the Tiền Giang bloc's year

TG_BLOC = "Khối các đơn vị ngành dọc quản lý"
NHNN = "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang"


def test_the_2022_conference_is_closed_with_the_seed_results(demo):
    session = VoteSession.objects.get(bloc__name=TG_BLOC, year=2022)
    approved = {(i.nomination.award.code, i.nomination.dossier.unit.name)
                for i in session.items.select_related("nomination__award",
                                                      "nomination__dossier__unit")
                if i.result == "approved"}

    assert session.is_closed and session.minutes_docx
    assert session.held_on.isoformat() == "2023-01-04"
    # the seed: Cờ thi đua for NHNN – CN Tiền Giang, Bằng khen for 8 units
    assert {unit for code, unit in approved if code == "CO_TINH"} == {NHNN}
    bk = {unit for code, unit in approved if code == "BK_TINH"}
    assert len(bk) == 8 and NHNN not in bk
    # 72 score sheets: every unit scored the 8 others
    assert Covenant.objects.get(bloc__name=TG_BLOC, year=2022).score_sheets.count() == 72


def test_the_2022_suy_ton_elects_the_demo_2023_leadership(demo):
    session = VoteSession.objects.get(bloc__name=TG_BLOC, year=2022)
    members = BLOCS[HOME_BLOC][4]
    leader_i, deputy_i = BLOCS[HOME_BLOC][5][2023]
    memberships = BlocMembership.objects.filter(bloc__name=TG_BLOC, year=2023)

    assert session.next_leader.name == members[leader_i] == "Cục Thi hành án dân sự tỉnh Tiền Giang"
    assert session.next_deputy.name == members[deputy_i] == NHNN
    assert memberships.get(role="leader").unit == session.next_leader
    assert memberships.get(role="deputy").unit == session.next_deputy


def test_the_current_year_shows_who_has_not_scored_yet(demo):
    covenant = Covenant.objects.get(bloc__name=TG_BLOC, year=bloc_demo.CURRENT_YEAR)
    progress = {row["unit"].name: row["done"] for row in selectors.scoring_progress(covenant)}
    not_done = {u.name for u in selectors.units_not_done_scoring(covenant)}

    assert covenant.criteria.count() == 5
    assert covenant.criteria.get(is_bonus=True).eligible_units.count() == 4
    assert Registration.objects.filter(covenant=covenant).count() == 9
    assert not_done == {"Cục Thi hành án dân sự tỉnh Tiền Giang", "Công ty Điện lực Tiền Giang",
                        "Chi cục Hải quan Tiền Giang"}
    assert progress["Chi cục Hải quan Tiền Giang"] == 4
    assert sum(1 for done in progress.values() if done == 8) == 6
    # the bloc leader opens the current year's vote session in the demo (and the e2e test)
    assert not VoteSession.objects.filter(bloc=covenant.bloc, year=covenant.year).exists()


def test_the_bloc_leader_sees_the_scoring_progress(demo, client):
    client.force_login(User.objects.get(username="khoitruong"))
    covenant = Covenant.objects.get(bloc__name=TG_BLOC, year=bloc_demo.CURRENT_YEAR)

    response = client.get(reverse("khenthuong:blocs:year", args=[covenant.bloc_id,
                                                                 covenant.year]))

    assert response.status_code == 200
    html = response.content.decode()
    not_scored = html[html.index('data-testid="not-scored"'):html.index('data-testid="ranking"')]
    for unit in ("Cục Thi hành án dân sự tỉnh Tiền Giang", "Công ty Điện lực Tiền Giang",
                 "Chi cục Hải quan Tiền Giang"):
        assert f"<td>{unit}</td>" in not_scored
    assert "<td>Kho bạc Nhà nước Tiền Giang</td>" not in not_scored
