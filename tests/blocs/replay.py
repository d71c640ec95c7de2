"""The Tiền Giang 2022 replay (shared/seeds/004): Khối các đơn vị ngành dọc quản lý, 9 units,
year-end conference 04/01/2023.

What the seed says and what this builder reproduces:
- 9 member units; 4 of them take part in the province's administrative reform and so can
  earn a bonus criterion (the seed's complaint: that bonus skewed the ranking);
- the conference proposed the Cờ thi đua của UBND tỉnh for NHNN – CN Tiền Giang and a Bằng
  khen for 8 units; it elected NHNN – CN Tiền Giang Khối phó for 2023.
What the seed does not say (invented, fictional): which 4 units earn the bonus, the criteria
and points, the vote counts, the 2023 Khối trưởng (Cục THADS, as in the demo data), people.

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
from blocs.models import Covenant, Criterion, VoteSession
from nominations import services as nomination_services
from nominations.choices import DossierStatus
from nominations.models import Bloc, BlocMembership, Collective, Dossier, Nomination, Unit
from tests.factories import ProvinceFactory, UserFactory, award

YEAR = 2022
CONFERENCE_DAY = date(2023, 1, 4)
CONFERENCE_PLACE = "Cục Thi hành án dân sự tỉnh Tiền Giang"
BLOC_NAME = "Khối các đơn vị ngành dọc quản lý"

# key -> unit name (order as in nominations/demo/data.py "tg-vertical")
UNITS = {
    "nhnn": "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang",
    "thads": "Cục Thi hành án dân sự tỉnh Tiền Giang",
    "thue": "Cục Thuế tỉnh Tiền Giang",
    "kbnn": "Kho bạc Nhà nước Tiền Giang",
    "bhxh": "Bảo hiểm xã hội tỉnh Tiền Giang",
    "thongke": "Cục Thống kê tỉnh Tiền Giang",
    "qltt": "Cục Quản lý thị trường tỉnh Tiền Giang",
    "haiquan": "Chi cục Hải quan Tiền Giang",
    "dienluc": "Công ty Điện lực Tiền Giang",
}
LEADER_2022, DEPUTY_2022 = "thue", "thads"  # demo data; the seed names the Khối phó (THADS)
LEADER_2023, DEPUTY_2023 = "thads", "nhnn"  # the seed: NHNN elected Khối phó 2023
FLAG_UNIT = "nhnn"  # Cờ thi đua của UBND tỉnh
BONUS_UNITS = ("thue", "kbnn", "bhxh", "haiquan")  # administrative-reform bonus (4 units)

# code, name, max points, bonus
CRITERIA = (
    ("TC1", "Thực hiện nhiệm vụ chính trị, chuyên môn được giao", 50, False),
    ("TC2", "Công tác thi đua, khen thưởng và hoạt động của Khối", 20, False),
    ("TC3", "Xây dựng tổ chức Đảng, đoàn thể trong sạch, vững mạnh", 15, False),
    ("TC4", "Thực hiện chế độ thông tin, báo cáo", 15, False),
    ("CCHC", "Tham gia công tác cải cách hành chính của tỉnh (điểm thưởng)", 10, True),
)
# average points each unit receives per criterion (TC1..TC4, CCHC or None)
PROFILE = {
    "nhnn": (48, 19, 14, 14, None),    # 95 / 100  -> fair 95.00, raw 95
    "thue": (46, 18, 14, 14, 9),       # 101 / 110 -> fair 91.82, raw 101
    "thads": (46, 18, 14, 13, None),   # 91 / 100  -> fair 91.00
    "kbnn": (45, 18, 14, 13, 8),       # 98 / 110  -> fair 89.09
    "bhxh": (44, 18, 13, 13, 9),       # 97 / 110  -> fair 88.18
    "thongke": (44, 18, 13, 13, None),  # 88 / 100 -> fair 88.00 (tied)
    "qltt": (44, 17, 14, 13, None),    # 88 / 100  -> fair 88.00 (tied)
    "haiquan": (44, 17, 13, 13, 8),    # 95 / 110  -> fair 86.36, raw 95 (tied with NHNN)
    "dienluc": (43, 17, 13, 13, None),  # 86 / 100 -> fair 86.00
}
# each scorer shifts TC1 by these (per position among the 8 peers); they cancel out
TC1_SPREAD = (1, -1, 0, 1, -1, 0, 1, -1)

EXPECTED_FAIR_ORDER = ["nhnn", "thue", "thads", "kbnn", "bhxh", "qltt", "thongke", "haiquan",
                       "dienluc"]  # qltt/thongke tied at rank 6 (alphabetical inside the tie)
EXPECTED_FAIR = {"nhnn": "95.00", "thue": "91.82", "thads": "91.00", "kbnn": "89.09",
                 "bhxh": "88.18", "thongke": "88.00", "qltt": "88.00", "haiquan": "86.36",
                 "dienluc": "86.00"}
EXPECTED_RAW = {"nhnn": "95.00", "thue": "101.00", "thads": "91.00", "kbnn": "98.00",
                "bhxh": "97.00", "thongke": "88.00", "qltt": "88.00", "haiquan": "95.00",
                "dienluc": "86.00"}

# Nominations: NHNN for the flag; Cục Thuế (the 2022 leader) also proposes itself for the
# flag; Bằng khen for the 8 other units. Only one flag per bloc (CO_TINH-1).
NOMINATIONS = [("nhnn", "CO_TINH"), ("thue", "CO_TINH")] + [
    (key, "BK_TINH") for key in UNITS if key != FLAG_UNIT]
# Secret ballots: who disagrees with what (everything else: agree).
DISAGREE = {
    ("thue", "CO_TINH"): {"nhnn", "thads", "thongke", "dienluc"},  # 5 agree of 9: majority
    ("dienluc", "BK_TINH"): {"qltt"},
}


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
            targets="Hoàn thành xuất sắc nhiệm vụ chính trị; 100% cán bộ hoàn thành nhiệm vụ.")
    return r.covenant


def sheet_points(r: Replay, scorer: str, scored: str) -> dict[int, Decimal]:
    """What `scorer` gives `scored`: the profile, with TC1 spread by the scorer's position."""
    peers = [k for k in UNITS if k != scored]
    spread = TC1_SPREAD[peers.index(scorer)]
    tc1, tc2, tc3, tc4, bonus = PROFILE[scored]
    points = {r.criteria["TC1"].pk: Decimal(tc1 + spread), r.criteria["TC2"].pk: Decimal(tc2),
              r.criteria["TC3"].pk: Decimal(tc3), r.criteria["TC4"].pk: Decimal(tc4)}
    if bonus is not None:
        points[r.criteria["CCHC"].pk] = Decimal(bonus)
    return points


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
    return {n.pk: voter not in DISAGREE.get(k, set()) for k, n in r.nominations.items()}


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
