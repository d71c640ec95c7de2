"""The Tiền Giang vertical-agencies bloc's year (shared/seeds/004): the seed data, and the
demo's bloc history loaded by `manage.py load_demo` through the real services.

Khối các đơn vị ngành dọc quản lý, 9 units, year-end conference 04/01/2023. What the seed
says: 4 units take part in the province's administrative reform and so can earn a bonus
criterion (the seed's complaint: that bonus skewed the ranking); the conference proposed the
Cờ thi đua của UBND tỉnh for NHNN – CN Tiền Giang and a Bằng khen for 8 units; it elected
NHNN – CN Tiền Giang Khối phó for 2023. What the seed does not say (invented, fictional):
which 4 units earn the bonus, the criteria and points, the vote counts, the 2023 Khối
trưởng (Cục THADS, as in nominations/demo/data.py), people.

tests/blocs/replay.py replays the same year on a fresh bloc for the tests; `load_history`
writes it into the demo (2022 as history: the dossiers go the whole route through the real
services, to the UBND tỉnh's decision) and `load_current_year` the current year's covenant
with scoring under way. Tiền Giang was merged into Đồng Tháp from 01/07/2025: the 2022 bloc
is Tiền Giang's, the current year's is the bloc of the same name in Đồng Tháp
(nominations/demo/data.py, MERGERS; docs/architecture.md, "Sáp nhập tỉnh").
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import BLOC_LEADER, UNIT_HEAD, UNIT_OFFICER
from nominations import services as nomination_services
from nominations.choices import BlocRole
from nominations.demo import password_hash
from nominations.models import Award, Bloc, BlocMembership, Collective, Unit

from . import services, signals
from .models import BlocResult, Covenant, VoteSession

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

# Nominations: NHNN for the flag; Cục Thuế (the 2022 leader) also proposes itself for the
# flag; Bằng khen for the 8 other units. Only one flag per bloc (CO_TINH-1).
NOMINATIONS = [("nhnn", "CO_TINH"), ("thue", "CO_TINH")] + [
    (key, "BK_TINH") for key in UNITS if key != FLAG_UNIT]
# Secret ballots: who disagrees with what (everything else: agree).
DISAGREE = {
    ("thue", "CO_TINH"): {"nhnn", "thads", "thongke", "dienluc"},  # 5 agree of 9: majority
    ("dienluc", "BK_TINH"): {"qltt"},
}
TARGETS = "Hoàn thành xuất sắc nhiệm vụ chính trị; 100% cán bộ hoàn thành nhiệm vụ."

# The 2022 dossiers' route, as the demo dates it (invented: the seed gives the conference
# day and its proposals only): sent, signed, the bloc's conference, the council, the
# board's appraisal, and the UBND tỉnh's decision — Cờ thi đua for NHNN – CN Tiền Giang,
# Bằng khen for the 8 other units, as the conference proposed.
ROUTE_DAYS_2022 = {
    "sent": date(2022, 12, 12),
    "signed": date(2022, 12, 15),
    "bloc": CONFERENCE_DAY,
    "council": date(2023, 1, 13),
    "board": date(2023, 2, 3),
    "decided": date(2023, 2, 10),
}
DECISION_2022 = {"number": "312/QĐ-UBND", "date": date(2023, 2, 10),
                 "signer": "Chủ tịch UBND tỉnh Tiền Giang"}

# ---------------------------------------------------------------- the demo's current year

# The year the demo dossiers and the browser test use: its covenant is signed and scoring is
# under way; its vote session is NOT opened here (the bloc leader opens it in the demo).
CURRENT_YEAR = 2025
# Units that have scored every peer, the one half-way through (scored its first 4 peers),
# and the ones that have not started (Cục THADS: the demo's `canbo` can score live).
CURRENT_COMPLETE = ("nhnn", "thue", "kbnn", "bhxh", "thongke", "qltt")
CURRENT_PARTIAL = {"haiquan": 4}
CURRENT_NOT_STARTED = ("thads", "dienluc")

# The demo's unit officers of the bloc (Cục THADS has the demo user `canbo`), and the 2022
# Khối phó's bloc-leader account (Cục THADS), who held the 2022 conference. Fictional people.
HOME_KEY = "thads"
OFFICERS = {
    "nhnn": ("canbo-nhnn", "Lâm Thị Ngọc Hân"),
    "thue": ("canbo-thue", "Đoàn Minh Khôi"),
    "kbnn": ("canbo-kbnn", "Tô Thị Bích Vân"),
    "bhxh": ("canbo-bhxh", "Mai Văn Lộc"),
    "thongke": ("canbo-thongke", "Châu Thị Diễm"),
    "qltt": ("canbo-qltt", "Lưu Quốc Trung"),
    "haiquan": ("canbo-haiquan", "Kiều Thị Thảo"),
    "dienluc": ("canbo-dienluc", "Tạ Văn Nghĩa"),
}
DEPUTY_2022_USER = ("khoipho-thads", "Lương Văn Hiếu")
# The other units' heads (Cục THADS has the demo user `thutruong`), who sign their dossiers.
HEADS = {
    "nhnn": ("thutruong-nhnn", "Hồ Văn Thắng"),
    "thue": ("thutruong-thue", "Dương Thị Kim Loan"),
    "kbnn": ("thutruong-kbnn", "Phan Quốc Bảo"),
    "bhxh": ("thutruong-bhxh", "Vũ Thị Thanh Tâm"),
    "thongke": ("thutruong-thongke", "Lý Minh Nhựt"),
    "qltt": ("thutruong-qltt", "Đỗ Văn Lợi"),
    "haiquan": ("thutruong-haiquan", "Trịnh Thị Mỹ Hạnh"),
    "dienluc": ("thutruong-dienluc", "Nguyễn Hữu Phước"),
}
# After the merger the bloc of the merged province signs its covenant again (invented date).
CURRENT_SIGNED_ON = date(CURRENT_YEAR, 8, 15)


def sheet_points(criteria: dict, scorer: str, scored: str) -> dict[int, Decimal]:
    """What `scorer` gives `scored` (criteria: code -> Criterion): the profile, with TC1
    spread by the scorer's position among the scored unit's peers."""
    peers = [k for k in UNITS if k != scored]
    spread = TC1_SPREAD[peers.index(scorer)]
    tc1, tc2, tc3, tc4, bonus = PROFILE[scored]
    points = {criteria["TC1"].pk: Decimal(tc1 + spread), criteria["TC2"].pk: Decimal(tc2),
              criteria["TC3"].pk: Decimal(tc3), criteria["TC4"].pk: Decimal(tc4)}
    if bonus is not None:
        points[criteria["CCHC"].pk] = Decimal(bonus)
    return points


def agrees(voter: str, nomination: tuple[str, str]) -> bool:
    """Whether `voter`'s ballot agrees with the nomination (unit key, award code)."""
    return voter not in DISAGREE.get(nomination, set())


# ---------------------------------------------------------------- loading the demo


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def bloc_units(bloc) -> dict:
    """The bloc's demo units by key, wherever they are now (a merger moves units)."""
    return {key: Unit.objects.filter(name=name, bloc_memberships__bloc=bloc).distinct().get()
            for key, name in UNITS.items()}


def load_history(*, password: str) -> None:
    """Write the bloc's 2022 year (history) into the demo, through the real services, with
    the 2022 dossiers taken along the route to the decision. Idempotent: left as it is when
    the year is there. Runs after the demo's memberships and users exist, before the
    province's merger (the route of 2022 runs in Tiền Giang)."""
    with transaction.atomic():
        bloc = Bloc.objects.get(province__code="tien-giang", name=BLOC_NAME)
        units = bloc_units(bloc)
        officers = officers_of(units, password)
        _history(bloc, units, officers, password)


def load_current_year(*, bloc, password: str) -> None:
    """The current year's covenant and scoring, in `bloc` (the province's bloc that year).
    Idempotent."""
    with transaction.atomic():
        units = bloc_units(bloc)
        officers = officers_of(units, password)
        _current_year(bloc, units, officers)


def _user(username: str, full_name: str, unit, role: str, password: str):
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"full_name": full_name, "email": f"{username}@khenthuong.local",
                  "province": unit.province, "unit": unit})
    if created:
        user.password = password_hash(password)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=role))
    return user


def officers_of(units: dict, password: str) -> dict:
    officers = {key: _user(username, name, units[key], UNIT_OFFICER, password)
                for key, (username, name) in OFFICERS.items()}
    officers[HOME_KEY] = User.objects.get(username="canbo", unit=units[HOME_KEY])
    for key, (username, name) in HEADS.items():
        _user(username, name, units[key], UNIT_HEAD, password)
    return officers


def _covenant(bloc, year: int, leader, units: dict, officers: dict,
              signed_on: date | None = None):
    covenant = services.create_covenant(
        user=leader, bloc=bloc, year=year, title=f"Giao ước thi đua năm {year}",
        signed_on=signed_on or date(year, 2, 15),
        content="Các đơn vị cùng giao ước thực hiện 5 nội dung.")
    criteria = {}
    for order, (code, name, max_points, bonus) in enumerate(CRITERIA, start=1):
        criteria[code] = services.add_criterion(
            user=leader, covenant=covenant, code=code, name=name, max_points=max_points,
            is_bonus=bonus, order=order,
            eligible_units=[units[k] for k in BONUS_UNITS] if bonus else ())
    for key in UNITS:
        services.register_targets(user=officers[key], covenant=covenant, targets=TARGETS)
    return covenant, criteria


def _score(covenant, criteria: dict, units: dict, officers: dict, scorer: str,
           limit: int | None = None) -> None:
    peers = [k for k in UNITS if k != scorer][:limit]
    for scored in peers:
        services.submit_scores(user=officers[scorer], covenant=covenant,
                               scored_unit=units[scored],
                               points=sheet_points(criteria, scorer, scored))


def _history(bloc, units: dict, officers: dict, password: str) -> None:
    """2022: covenant, every unit scores the 8 others, dossiers, the conference of
    04/01/2023 (paper ballots counted, suy tôn), closed with its minutes."""
    if VoteSession.objects.filter(bloc=bloc, year=YEAR).exists():
        return
    deputy = _user(*DEPUTY_2022_USER, units[DEPUTY_2022], BLOC_LEADER, password)
    covenant, criteria = _covenant(bloc, YEAR, deputy, units, officers)
    for scorer in UNITS:
        _score(covenant, criteria, units, officers, scorer)

    from workflows import demo as route
    from workflows import services as route_services
    from workflows.steps import BLOC_VOTE, BOARD_APPRAISAL, COMMITTEE_DECISION

    days = ROUTE_DAYS_2022
    since = timezone.now()
    nominations, dossiers = {}, []
    for key, unit in units.items():
        dossier = nomination_services.create_dossier(
            user=officers[key], unit=unit, year=YEAR,
            title=f"Đề nghị khen thưởng tập thể năm {YEAR}")
        whole = Collective.objects.get(unit=unit, is_whole_unit=True)
        for nkey, code in NOMINATIONS:
            if nkey == key:
                nominations[(key, code)] = nomination_services.add_nomination(
                    user=officers[key], dossier=dossier, award=Award.objects.get(code=code),
                    collective=whole, summary=f"Hoàn thành xuất sắc nhiệm vụ năm {YEAR}.")
        route.attach_required_documents(user=officers[key], dossier=dossier)
        route_services.send_dossier(user=officers[key], dossier=dossier)
        dossiers.append(dossier)
    ids = [d.pk for d in dossiers]
    route.redate(ids, since=since, when=_at(days["sent"]), historic=True)

    since = timezone.now()
    for dossier in dossiers:  # each unit head signs: the dossiers wait for the bloc's vote
        route.advance(dossier, until=BLOC_VOTE)
    route.redate(ids, since=since, when=_at(days["signed"]), historic=True)

    since = timezone.now()
    session = services.open_vote_session(user=deputy, bloc=bloc, year=YEAR,
                                         held_on=CONFERENCE_DAY, place=CONFERENCE_PLACE)
    counts = {}
    for nkey, nomination in nominations.items():
        agree = sum(agrees(voter, nkey) for voter in UNITS)
        counts[nomination.pk] = (agree, len(UNITS) - agree)
    services.record_tally(user=deputy, session=session, voted_units=list(units.values()),
                          counts=counts)
    services.elect_leadership(user=deputy, session=session, leader=units[LEADER_2023],
                              deputy=units[DEPUTY_2023])
    results = services.close_vote_session(user=deputy, session=session)
    _release(session, results)
    route.redate(ids, since=since, when=_at(days["bloc"], 14), historic=True)

    for until, day in ((BOARD_APPRAISAL, "council"), (COMMITTEE_DECISION, "board"),
                       (None, "decided")):
        since = timezone.now()
        for dossier in dossiers:
            route.advance(dossier, until=until, decision=DECISION_2022)
        route.redate(ids, since=since, when=_at(days[day]), historic=True)
    # the decision's and the rejection's notices come after commit: history too
    transaction.on_commit(lambda: route.settle_notices(ids, when=_at(days["decided"], 16)))


def _release(session, results: dict) -> None:
    """The closed vote releases the dossiers waiting for it: `bloc_vote_closed`, which
    close_vote_session sends once its transaction commits, is sent now (the demo loads in
    one transaction and goes on with the released dossiers; the signal sent again at commit
    finds nothing left waiting)."""
    reasons = dict(session.items.filter(result=BlocResult.REJECTED)
                   .values_list("nomination_id", "reason"))
    signals.bloc_vote_closed.send(sender=VoteSession, bloc_id=session.bloc_id,
                                  year=session.year, session_id=session.pk,
                                  results=dict(results), reasons=reasons)


def _current_year(bloc, units: dict, officers: dict) -> None:
    """The current year: covenant, criteria, every unit registered; most units have scored,
    one is half-way, two have not started. No vote session."""
    if Covenant.objects.filter(bloc__name=bloc.name, year=CURRENT_YEAR).exists():
        return
    leading = BlocMembership.objects.get(bloc=bloc, year=CURRENT_YEAR, role=BlocRole.LEADER)
    leader = User.objects.get(username="khoitruong", unit_id=leading.unit_id)
    covenant, criteria = _covenant(bloc, CURRENT_YEAR, leader, units, officers,
                                   signed_on=CURRENT_SIGNED_ON)
    for scorer in CURRENT_COMPLETE:
        _score(covenant, criteria, units, officers, scorer)
    for scorer, limit in CURRENT_PARTIAL.items():
        _score(covenant, criteria, units, officers, scorer, limit)
