"""`manage.py load_demo`: the seed blocs, their units, fictional people with several years of
history, one demo user per role, the Tiền Giang vertical-agencies bloc's 2022 year (blocs.demo:
closed with its results, its dossiers taken along the route to the UBND tỉnh's decision),
Tiền Giang's merger into Đồng Tháp from 01/07/2025, the current year's covenant with scoring
under way in Đồng Tháp, and live work: dossiers waiting at every step of the route
(workflows.demo, nominations.demo.data.LIVE), some overdue, one returned.
Idempotent: it only creates what is missing."""

from __future__ import annotations

import random
from datetime import date

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User
from blocs import demo as bloc_demo
from nominations.demo import data, password_hash
from nominations.models import (
    Award,
    Bloc,
    BlocMembership,
    Collective,
    Discipline,
    Honour,
    Initiative,
    Person,
    Province,
    Unit,
    YearRecord,
)
from nominations.services import merge_provinces
from nominations.sync import sync_awards, sync_role_groups


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (5 khối/cụm thi đua từ các báo cáo hội nghị, người dùng demo)."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            sync_awards(Award)
            sync_role_groups(Group)
            self.awards = {a.code: a for a in Award.objects.all()}
            provinces = {
                code: Province.objects.get_or_create(code=code, defaults={"name": name})[0]
                for code, name in data.PROVINCES.items()
            }
            units: dict[str, Unit] = {}
            for key, (prov, name, kind, seed_year, members, leadership) in data.BLOCS.items():
                province = provinces[prov]
                successor, merged_on = data.MERGERS.get(prov, (None, None))
                successor = provinces[successor] if successor else None
                bloc, _ = Bloc.objects.get_or_create(province=province, name=name,
                                                     defaults={"kind": kind})
                # from the merger's year on, the units vote in the merged province's bloc
                later_bloc = (Bloc.objects.get_or_create(province=successor, name=name,
                                                         defaults={"kind": kind})[0]
                              if successor else None)
                if later_bloc is not None:
                    self._upgrade(bloc, later_bloc, merged_on.year)
                bloc_units = []
                for member in members:
                    unit = self._unit(member, province, successor)
                    bloc_units.append(unit)
                    units[member] = unit
                years = sorted(set(leadership) | {seed_year})
                for year in years:
                    leader_i, deputy_i = leadership.get(year, (None, None))
                    year_bloc = later_bloc if merged_on and year >= merged_on.year else bloc
                    for i, unit in enumerate(bloc_units):
                        role = ("leader" if i == leader_i else "deputy" if i == deputy_i
                                else "member")
                        BlocMembership.objects.get_or_create(
                            unit=unit, year=year, defaults={"bloc": year_bloc, "role": role}
                        )
                for i, unit in enumerate(bloc_units):
                    self._history(unit, seed=f"{key}-{i}")
            self._users(provinces[data.HOME_PROVINCE], units)
            # the Tiền Giang bloc's 2022 year (history, the route to the decision) ...
            bloc_demo.load_history(password=data.DEMO_PASSWORD)
            # ... Tiền Giang merged into Đồng Tháp from 01/07/2025 ...
            for old, (new, on) in data.MERGERS.items():
                if provinces[old].merged_into_id is None:
                    merge_provinces(province=provinces[old], into=provinces[new], on=on)
            # ... the current year's scoring in the merged province's bloc, and live work
            home, merged_on = data.MERGERS[data.HOME_PROVINCE]
            bloc = Bloc.objects.get(province=provinces[home],
                                    name=data.BLOCS[data.HOME_BLOC][1])
            bloc_demo.load_current_year(bloc=bloc, password=data.DEMO_PASSWORD)
            live = self._live_work(bloc)
        self.stdout.write(self.style.SUCCESS(
            f"Đã nạp dữ liệu mẫu: {Unit.objects.count()} đơn vị, {Person.objects.count()} cá "
            f"nhân, {User.objects.filter(username__in=data.USERS).count()} người dùng demo "
            f"(mật khẩu: {data.DEMO_PASSWORD}); {live} hồ sơ mới đang trên lộ trình xét."
        ))

    def _upgrade(self, bloc: Bloc, later_bloc: Bloc, year: int) -> None:
        """A demo loaded before the merger was modelled kept the years from the merger's on
        in the old province's bloc: they move to the merged province's bloc."""
        from blocs.models import Covenant, VoteSession

        for model in (BlocMembership, Covenant, VoteSession):
            model.objects.filter(bloc=bloc, year__gte=year).update(bloc=later_bloc)

    def _unit(self, name: str, province: Province, successor: Province | None) -> Unit:
        """The unit of that name in `province`, or in the province it was merged into."""
        found = Unit.objects.filter(province__in=[p for p in (province, successor) if p],
                                    name=name).first()
        return found or Unit.objects.create(province=province, name=name)

    def _live_work(self, bloc: Bloc) -> int:
        from workflows import demo as route

        units = bloc_demo.bloc_units(bloc)
        officers = bloc_demo.officers_of(units, data.DEMO_PASSWORD)
        return route.load_live_work(plan=data.LIVE, returned=data.LIVE_RETURN, units=units,
                                    officers=officers, year=bloc_demo.CURRENT_YEAR)

    # ------------------------------------------------------------------ people and history

    def _name(self, rng: random.Random, female: bool) -> str:
        middle = data.MIDDLE_F if female else data.MIDDLE_M
        given = data.GIVEN_F if female else data.GIVEN_M
        return f"{rng.choice(data.FAMILY)} {rng.choice(middle)} {rng.choice(given)}"

    def _history(self, unit: Unit, seed: str) -> None:
        rng = random.Random(seed)
        whole, _ = Collective.objects.get_or_create(
            unit=unit, is_whole_unit=True, defaults={"name": unit.name}
        )
        subs = [
            Collective.objects.get_or_create(unit=unit, name=f"{sub} – {unit.short_name or unit}",
                                             defaults={"parent": whole})[0]
            for sub in data.SUB_COLLECTIVES
        ]
        people, names = [], set()
        for profile in range(5):
            female = profile % 2 == 1
            name = self._name(rng, female)
            while name in names:
                name = self._name(rng, female)
            names.add(name)
            service_start = date(2025, 9, 1) if profile == 4 else date(2005 + profile, 3, 1)
            person, _ = Person.objects.get_or_create(
                unit=unit, full_name=name,
                defaults={
                    "gender": "nu" if female else "nam",
                    "birth_year": 1975 + profile * 3,
                    "position": data.POSITIONS[profile % len(data.POSITIONS)],
                    "service_start": service_start,
                },
            )
            people.append((profile, person))
        years, honours, initiatives = [], [], []
        for profile, person in people:
            self._person_history(profile, person, years, honours, initiatives)
        self._collective_history(whole, subs, years, honours)
        YearRecord.objects.bulk_create(years, ignore_conflicts=True)
        Honour.objects.bulk_create(honours, ignore_conflicts=True)
        Initiative.objects.bulk_create(initiatives, ignore_conflicts=True)

    def _person_history(self, profile, person, years, honours, initiatives) -> None:
        a = self.awards
        code_prefix = f"SK-{person.unit_id}-{profile}"
        for y in data.HISTORY_YEARS:
            if profile == 0:  # outstanding: HTXS every year, CSTDCS 2021–2025, BK_TINH 2020
                rating, titles = "HTXS", ["LDTT"] + (["CSTDCS"] if y >= 2021 else [])
                if y >= 2021:
                    initiatives.append(Initiative(
                        person=person, code=f"{code_prefix}-{y}", year=y,
                        title=f"Sáng kiến cải tiến quy trình nghiệp vụ năm {y}",
                        scope="tinh" if y == 2025 else "co_so"))
            elif profile == 1:  # good, rising: HTXS 2024–2025 with initiatives
                rating = "HTXS" if y >= 2024 else "HTT"
                titles = ["LDTT"] + (["CSTDCS"] if y >= 2024 else [])
                if y >= 2024:
                    initiatives.append(Initiative(
                        person=person, code=f"{code_prefix}-{y}", year=y,
                        title=f"Giải pháp số hóa hồ sơ năm {y}", scope="co_so"))
            elif profile == 2:  # a gap: no evaluation recorded for 2024
                if y == 2024:
                    continue
                rating, titles = "HTXS", ["LDTT", "CSTDCS"] if y >= 2023 else ["LDTT"]
            elif profile == 3:  # disciplined in 2025
                rating, titles = ("HT", []) if y == 2025 else ("HTT", ["LDTT"])
            else:  # recruited September 2025
                if y < 2025:
                    continue
                rating, titles = "HTT", []
            months = 4 if (profile == 4 and y == 2025) else 12
            years.append(YearRecord(person=person, year=y, rating=rating,
                                    months_in_service=months))
            for code in titles:
                honours.append(Honour(person=person, award=a[code], year=y,
                                      decision_number=f"{y % 100:02d}/QĐ-ĐV",
                                      decision_date=date(y + 1, 1, 15)))
        if profile == 0:
            honours.append(Honour(person=person, award=a["BK_TINH"], year=2020,
                                  decision_number="215/QĐ-UBND", decision_date=date(2021, 3, 2)))
        if profile == 3 and not Discipline.objects.filter(person=person).exists():
            Discipline.objects.create(person=person, form="khien_trach", start=date(2025, 3, 1),
                                      end=date(2025, 8, 31), decision_ref="12/QĐ-KL")

    def _collective_history(self, whole, subs, years, honours) -> None:
        a = self.awards
        for y in data.HISTORY_YEARS:
            excellent = y >= 2023
            years.append(YearRecord(
                collective=whole, year=y, rating="HTXS" if excellent else "HTT",
                members_total=40, members_at_least_ht=40, members_ldtt=32, members_cstdcs=5,
                members_disciplined=0))
            honours.append(Honour(collective=whole, award=a["TTLDXS" if excellent else "TTLDTT"],
                                  year=y, decision_number=f"{y % 100:02d}/QĐ-UBND",
                                  decision_date=date(y + 1, 2, 1)))
            for i, sub in enumerate(subs):
                # the first sub-collective sits exactly at 70 % LDTT, the second below it
                years.append(YearRecord(
                    collective=sub, year=y, rating="HTT", members_total=10,
                    members_at_least_ht=10, members_ldtt=7 if i == 0 else 6, members_cstdcs=1,
                    members_disciplined=0))

    # ------------------------------------------------------------------ users

    def _users(self, province: Province, units: dict[str, Unit]) -> None:
        home = units[data.HOME_UNIT]
        leader = units[data.LEADER_UNIT]
        for username, (full_name, role, scope) in data.USERS.items():
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "full_name": full_name,
                    "email": f"{username}@khenthuong.local",
                    "province": province,
                    "unit": home if scope == "unit" else leader if scope == "leader" else None,
                },
            )
            if created:
                user.password = password_hash(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=role))
        admin, created = User.objects.get_or_create(
            username="admin", defaults={"full_name": "Quản trị hệ thống", "is_staff": True,
                                        "is_superuser": True, "email": "admin@khenthuong.local"})
        if created:
            admin.password = password_hash(data.DEMO_PASSWORD)
            admin.save(update_fields=["password"])
