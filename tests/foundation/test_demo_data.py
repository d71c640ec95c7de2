import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import User
from nominations.demo.data import DEMO_PASSWORD, USERS
from nominations.models import Bloc, BlocMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def _snapshot():
    snapshot = {}
    for label in ("nominations", "accounts"):
        for model in apps.get_app_config(label).get_models():
            snapshot[model.__name__] = sorted(
                tuple(sorted((k, str(v)) for k, v in row.items() if k not in ("last_login",)))
                for row in model.objects.values()
            )
    return snapshot


def test_load_demo_twice_changes_nothing(demo):
    before = _snapshot()

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
    bloc = Bloc.objects.get(name=bloc_name)
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
