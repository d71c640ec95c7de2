import pytest

from nominations import selectors
from tests.factories import (
    BlocFactory,
    BlocMembershipFactory,
    DossierFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def province():
    return ProvinceFactory()


@pytest.fixture
def bloc_2025(province):
    """A bloc with a leader unit and a member unit in 2025; the member's dossier for 2025."""
    bloc = BlocFactory(province=province)
    leader = BlocMembershipFactory(bloc=bloc, year=2025, role="leader").unit
    member = BlocMembershipFactory(bloc=bloc, year=2025).unit
    return bloc, leader, member


def visible(user):
    return set(selectors.dossiers_visible_to(user))


def test_unit_officer_sees_only_their_units_dossiers(province):
    mine, other = DossierFactory(unit__province=province), DossierFactory(unit__province=province)
    officer = UserFactory(unit=mine.unit, roles=["unit_officer"])

    assert visible(officer) == {mine}
    assert other not in visible(officer)


def test_bloc_leader_sees_member_dossiers_of_the_year_their_unit_leads(bloc_2025):
    _bloc, leader_unit, member_unit = bloc_2025
    led_year = DossierFactory(unit=member_unit, year=2025)
    other_year = DossierFactory(unit=member_unit, year=2024)
    leader = UserFactory(unit=leader_unit, roles=["bloc_leader"])

    assert visible(leader) == {led_year}
    assert other_year not in visible(leader)


def test_bloc_leader_does_not_see_units_outside_the_bloc(bloc_2025, province):
    _bloc, leader_unit, _member = bloc_2025
    outsider = DossierFactory(unit=UnitFactory(province=province), year=2025)
    leader = UserFactory(unit=leader_unit, roles=["bloc_leader"])

    assert outsider not in visible(leader)


def test_province_roles_see_their_province_only(province):
    here = DossierFactory(unit__province=province)
    elsewhere = DossierFactory()
    specialist = UserFactory(province=province, roles=["board_specialist"])

    assert visible(specialist) == {here}
    assert elsewhere not in visible(specialist)


def test_user_without_roles_sees_nothing(province):
    DossierFactory(unit__province=province)
    nobody = UserFactory(province=province)

    assert visible(nobody) == set()


def test_attachments_follow_dossier_visibility(province):
    from nominations import services
    from tests.files import pdf

    dossier = DossierFactory(unit__province=province)
    officer = UserFactory(unit=dossier.unit, roles=["unit_officer"])
    attachment = services.attach_file(user=officer, dossier=dossier, kind="report", uploaded=pdf())
    stranger = UserFactory(unit=UnitFactory(province=province), roles=["unit_officer"])

    assert attachment in selectors.attachments_visible_to(officer)
    assert attachment not in selectors.attachments_visible_to(stranger)
