"""The Tiền Giang 2022 replay (shared/seeds/004): Khối các đơn vị ngành dọc quản lý, 9 units,
year-end conference 04/01/2023.

The seed data (units, criteria, points, ballots, the 2023 leadership; what the seed says and
what is invented) lives in blocs/demo.py, which also writes this year into the demo data;
this builder replays it on a fresh bloc, with one officer and one head per unit.

Use it step by step (each step goes through the real services, as the role's user):

    r = build_bloc()            # province, units, 2022 memberships, users
    add_covenant(r)             # covenant + criteria (bonus criterion for 4 units)
    cross_score(r)              # 72 score sheets, every unit scores the 8 others
    add_dossiers(r)             # dossiers + nominations, waiting at the bloc-vote step
    hold_vote(r)                # open the session, 9 secret ballots, suy tôn
    close_vote(r)               # close: results, bloc_result, 2023 leadership, minutes

or `build_replay(until="voted")`. An end-to-end test can pass `submit=` to add_dossiers /
build_replay to send each dossier through the real route instead of setting the status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from accounts.models import User
from blocs import services as bloc_services
from blocs.demo import (
    BLOC_NAME,
    BONUS_UNITS,
    CONFERENCE_DAY,
    CONFERENCE_PLACE,
    CRITERIA,
    DEPUTY_2022,
    DEPUTY_2023,
    LEADER_2022,
    LEADER_2023,
    NOMINATIONS,
    TARGETS,
    UNITS,
    YEAR,
    agrees,
)
from blocs.demo import sheet_points as _sheet_points
from blocs.models import Covenant, Criterion, VoteSession
from nominations import services as nomination_services
from nominations.choices import DossierStatus
from nominations.models import Bloc, BlocMembership, Collective, Dossier, Nomination, Unit
from tests.factories import ProvinceFactory, UserFactory, award

EXPECTED_FAIR_ORDER = ["nhnn", "thue", "thads", "kbnn", "bhxh", "qltt", "thongke", "haiquan",
                       "dienluc"]  # qltt/thongke tied at rank 6 (alphabetical inside the tie)
EXPECTED_FAIR = {"nhnn": "95.00", "thue": "91.82", "thads": "91.00", "kbnn": "89.09",
                 "bhxh": "88.18", "thongke": "88.00", "qltt": "88.00", "haiquan": "86.36",
                 "dienluc": "86.00"}
EXPECTED_RAW = {"nhnn": "95.00", "thue": "101.00", "thads": "91.00", "kbnn": "98.00",
                "bhxh": "97.00", "thongke": "88.00", "qltt": "88.00", "haiquan": "95.00",
                "dienluc": "86.00"}


@dataclass
class Replay:
    province: object
    bloc: Bloc
    units: dict[str, Unit]
    officers: dict[str, User]  # unit_officer per unit (scores)
    heads: dict[str, User]  # unit_head per unit (votes)
    leader: User  # bloc_leader of Cục Thuế (Khối trưởng 2022)
    deputy: User  # bloc_leader of Cục THADS (Khối phó 2022, chairs the conference)
    covenant: Covenant | None = None
    criteria: dict[str, Criterion] = field(default_factory=dict)
    dossiers: dict[str, Dossier] = field(default_factory=dict)
    nominations: dict[tuple[str, str], Nomination] = field(default_factory=dict)
    session: VoteSession | None = None
    results: dict[int, str] | None = None

    def key_of(self, unit_id: int) -> str:
        return next(k for k, u in self.units.items() if u.pk == unit_id)


def build_bloc(year: int = YEAR) -> Replay:
    province = ProvinceFactory(code="tien-giang", name="Tiền Giang")
    bloc = Bloc.objects.create(province=province, name=BLOC_NAME, kind="khoi")
    units, officers, heads = {}, {}, {}
    for i, (key, name) in enumerate(UNITS.items()):
        unit = Unit.objects.create(province=province, name=name)
        units[key] = unit
        role = ("leader" if key == LEADER_2022 else "deputy" if key == DEPUTY_2022
                else "member")
        BlocMembership.objects.create(bloc=bloc, unit=unit, year=year, role=role)
        Collective.objects.create(unit=unit, name=name, is_whole_unit=True)
        officers[key] = UserFactory(username=f"canbo-{key}", full_name=f"Cán bộ TĐKT {i + 1}",
                                    roles=["unit_officer"], unit=unit, province=province)
        heads[key] = UserFactory(username=f"thutruong-{key}", full_name=f"Thủ trưởng {i + 1}",
                                 roles=["unit_head"], unit=unit, province=province)
    leader = UserFactory(username="khoitruong-thue", full_name="Khối trưởng 2022",
                         roles=["bloc_leader"], unit=units[LEADER_2022], province=province)
    deputy = UserFactory(username="khoipho-thads", full_name="Khối phó 2022",
                         roles=["bloc_leader"], unit=units[DEPUTY_2022], province=province)
    return Replay(province=province, bloc=bloc, units=units, officers=officers, heads=heads,
                  leader=leader, deputy=deputy)


def add_covenant(r: Replay, year: int = YEAR) -> Covenant:
    r.covenant = bloc_services.create_covenant(
        user=r.leader, bloc=r.bloc, year=year, title=f"Giao ước thi đua năm {year}",
        signed_on=date(year, 2, 15), content="Các đơn vị cùng giao ước thực hiện 5 nội dung.")
    for order, (code, name, max_points, bonus) in enumerate(CRITERIA, start=1):
        r.criteria[code] = bloc_services.add_criterion(
            user=r.leader, covenant=r.covenant, code=code, name=name, max_points=max_points,
            is_bonus=bonus, order=order,
            eligible_units=[r.units[k] for k in BONUS_UNITS] if bonus else ())
    for key in UNITS:
        bloc_services.register_targets(
            user=r.officers[key], covenant=r.covenant,
            targets=TARGETS)
    return r.covenant


def sheet_points(r: Replay, scorer: str, scored: str) -> dict[int, Decimal]:
    """What `scorer` gives `scored`: the profile, with TC1 spread by the scorer's position."""
    return _sheet_points(r.criteria, scorer, scored)


def cross_score(r: Replay, scorers: list[str] | None = None) -> None:
    for scorer in scorers or list(UNITS):
        for scored in UNITS:
            if scored != scorer:
                bloc_services.submit_scores(user=r.officers[scorer], covenant=r.covenant,
                                            scored_unit=r.units[scored],
                                            points=sheet_points(r, scorer, scored))


def add_dossiers(
    r: Replay, year: int = YEAR, submit: Callable[[Dossier, User], None] | None = None
) -> None:
    """Each unit's officer drafts a dossier with its nominations. Then `submit(dossier,
    head)` sends it on (the route); by default the dossier is put at the bloc-vote step."""
    for key, unit in r.units.items():
        dossier = nomination_services.create_dossier(
            user=r.officers[key], unit=unit, year=year,
            title=f"Đề nghị khen thưởng tập thể năm {year}")
        whole = Collective.objects.get(unit=unit, is_whole_unit=True)
        for nkey, code in NOMINATIONS:
            if nkey == key:
                r.nominations[(key, code)] = nomination_services.add_nomination(
                    user=r.officers[key], dossier=dossier, award=award(code), collective=whole,
                    summary="Hoàn thành xuất sắc nhiệm vụ năm 2022.")
        if submit is not None:
            submit(dossier, r.heads[key])
        else:
            Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.BLOC_VOTE)
        dossier.refresh_from_db()
        r.dossiers[key] = dossier


def ballot_of(r: Replay, voter: str) -> dict[int, bool]:
    return {n.pk: agrees(voter, k) for k, n in r.nominations.items()}


def hold_vote(r: Replay) -> VoteSession:
    r.session = bloc_services.open_vote_session(
        user=r.deputy, bloc=r.bloc, year=YEAR, held_on=CONFERENCE_DAY, place=CONFERENCE_PLACE)
    for voter in UNITS:
        bloc_services.cast_ballot(user=r.heads[voter], session=r.session,
                                  choices=ballot_of(r, voter))
    bloc_services.elect_leadership(user=r.deputy, session=r.session,
                                   leader=r.units[LEADER_2023], deputy=r.units[DEPUTY_2023])
    return r.session


def close_vote(r: Replay) -> dict[int, str]:
    r.results = bloc_services.close_vote_session(user=r.deputy, session=r.session)
    r.session.refresh_from_db()
    return r.results


STEPS = ("bloc", "covenant", "scored", "dossiers", "voted", "closed")


def build_replay(until: str = "closed",
                 submit: Callable[[Dossier, User], None] | None = None) -> Replay:
    """Run the replay up to and including step `until` (one of STEPS)."""
    stop = STEPS.index(until)
    r = build_bloc()
    if stop >= 1:
        add_covenant(r)
    if stop >= 2:
        cross_score(r)
    if stop >= 3:
        add_dossiers(r, submit=submit)
    if stop >= 4:
        hold_vote(r)
    if stop >= 5:
        close_vote(r)
    return r
