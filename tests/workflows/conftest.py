"""A small province for the route: a unit in a bloc (led by another unit), a second unit,
and one user per role. Helpers drive the route through HTTP as each role's user."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from accounts import roles
from tests.factories import (
    BlocFactory,
    BlocMembershipFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
)

from .helpers import YEAR


@pytest.fixture
def world(db):
    province = ProvinceFactory()
    bloc = BlocFactory(province=province)
    leader_unit = UnitFactory(province=province, name="Đơn vị khối trưởng")
    unit = UnitFactory(province=province, name="Đơn vị thành viên")
    other_unit = UnitFactory(province=province, name="Đơn vị khác")
    BlocMembershipFactory(bloc=bloc, unit=leader_unit, year=YEAR, role="leader")
    BlocMembershipFactory(bloc=bloc, unit=unit, year=YEAR, role="member")

    def user(role, **kw):
        return UserFactory(roles=[role], **kw)

    return SimpleNamespace(
        province=province, bloc=bloc, leader_unit=leader_unit, unit=unit,
        other_unit=other_unit,
        officer=user(roles.UNIT_OFFICER, unit=unit, province=province),
        head=user(roles.UNIT_HEAD, unit=unit, province=province),
        other_officer=user(roles.UNIT_OFFICER, unit=other_unit, province=province),
        other_head=user(roles.UNIT_HEAD, unit=other_unit, province=province),
        bloc_leader=user(roles.BLOC_LEADER, unit=leader_unit, province=province),
        secretary=user(roles.COUNCIL_SECRETARY, province=province),
        specialist=user(roles.BOARD_SPECIALIST, province=province),
        specialist2=user(roles.BOARD_SPECIALIST, province=province),
        board_head=user(roles.BOARD_HEAD, province=province),
        committee=user(roles.COMMITTEE_OFFICER, province=province),
        committee_leader=user(roles.COMMITTEE_LEADER, province=province),
        manager=user(roles.MANAGER, province=province),
    )


@pytest.fixture
def signals_seen():
    """Records every route and domain signal sent (after commit)."""
    from nominations import signals as domain
    from workflows import signals as route

    seen: list[tuple[str, dict]] = []
    wired = []
    for module in (route, domain):
        for name in dir(module):
            sig = getattr(module, name)
            if sig.__class__.__name__ == "Signal":
                def handler(sender, _name=name, **kwargs):
                    kwargs.pop("signal", None)
                    seen.append((_name, kwargs))

                sig.connect(handler, weak=False)
                wired.append((sig, handler))
    yield seen
    for sig, handler in wired:
        sig.disconnect(handler)
