"""Selector: the eligibility facts (a `Case` per nomination) read from the achievement
history, for a whole batch of nominations at once.

One query per table for the whole batch, never per nomination: nominations (with award,
dossier and decision), people, collectives, YearRecord, Honour, Initiative, Discipline,
and the bloc leaderships (BlocMembership) of whole-unit collectives. So checking 30 or
5,000 nominations costs the same handful of queries.

What becomes what (ELIGIBILITY-CONTRACT.md):
- `year` is the dossier's year; `as_of` the nomination's decision date once decided,
  else `today`; `lodged_on` the day the unit sent the dossier (`Dossier.submitted_at`,
  local date), so a dossier lodged before a change of texts (NĐ 98/2023 → NĐ 152/2025 on
  01/07/2025) is judged under the texts of its lodging date; `award`/`basis` from the
  nomination.
- `nominee.years`: one entry per year up to `year` with a YearRecord (its rating) or an
  emulation title (Honour whose award kind is "title"); a year with neither is absent
  (unknown). Collectives get member figures from YearRecord.members_* (when all five are
  recorded) and `bloc_leader` when the collective is the whole unit and that unit was
  its bloc's leader that year.
- `nominee.awards`: Honours whose award kind is "award" (Giấy khen, Bằng khen, Huân
  chương), up to `year`.
- `nominee.initiatives`: up to `year`, `used_for` the award code it already supported.
- A nomination's own Honour (written by the decision) and the initiatives used for it are
  not counted against it, so re-checking a decided nomination gives the same verdict.
- `months_in_service`: YearRecord(year).months_in_service; when not recorded, the whole
  months from Person.service_start to 31/12 of `year` (the first month counts when the
  start is on the 1st).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from django.db.models import Q
from django.utils import timezone

from nominations.choices import AwardKind, BlocRole
from nominations.models import BlocMembership, Collective, Honour, Nomination, Person, YearRecord
from nominations.models import Discipline as DisciplineRow
from nominations.models import Initiative as InitiativeRow

from .engine import (
    Case,
    CaseError,
    Discipline,
    EligibilityConfig,
    Initiative,
    MemberFigures,
    Nominee,
    PriorAward,
    YearFacts,
    case_to_dict,
    validate_case,
)
from .selectors import config_to_dict


class NominationFacts(NamedTuple):
    """The facts of one nomination. `error` is set when they do not make a valid case
    (a CaseError naming the field, e.g. an `as_of` before 2024); `case` is there anyway,
    so an error is hashed and stored like a verdict."""

    nomination_id: int
    province_id: int
    case: Case
    error: CaseError | None


def _months_from(start: date | None, year: int) -> int | None:
    if start is None:
        return None
    if start.year > year:
        return 0
    return (year - start.year) * 12 + (12 - start.month) + (1 if start.day == 1 else 0)


def build_cases(nomination_ids: Iterable[int], *, today: date | None = None
                ) -> list[NominationFacts]:
    """The facts of each existing nomination in `nomination_ids` (in id order; ids of
    deleted nominations are left out). At most 8 queries, whatever the batch size."""
    ids = sorted({int(i) for i in nomination_ids})
    if not ids:
        return []
    today = today or timezone.localdate()
    noms = list(Nomination.objects.filter(pk__in=ids).order_by("pk").values_list(
        "pk", "person_id", "collective_id", "award__code", "basis", "dossier__year",
        "dossier__unit__province_id", "decision__date", "dossier__submitted_at"))
    person_ids = sorted({n[1] for n in noms if n[1] is not None})
    collective_ids = sorted({n[2] for n in noms if n[2] is not None})

    people = {pk: (deceased, pending, start) for pk, deceased, pending, start in
              Person.objects.filter(pk__in=person_ids).values_list(
                  "pk", "deceased", "pending_review", "service_start")}
    collectives = {pk: (pending, whole, unit) for pk, pending, whole, unit in
                   Collective.objects.filter(pk__in=collective_ids).values_list(
                       "pk", "pending_review", "is_whole_unit", "unit_id")}
    whose = Q(person_id__in=person_ids) | Q(collective_id__in=collective_ids)

    # (("p"|"c"), id) -> {year: row}
    records: dict[tuple[str, int], dict[int, tuple]] = defaultdict(dict)
    for row in YearRecord.objects.filter(whose).values_list(
            "person_id", "collective_id", "year", "rating", "months_in_service",
            "members_total", "members_at_least_ht", "members_ldtt", "members_cstdcs",
            "members_disciplined"):
        key = ("p", row[0]) if row[0] is not None else ("c", row[1])
        records[key][row[2]] = row[3:]

    honours: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    for pid, cid, code, kind, yr, basis, from_nomination in Honour.objects.filter(
            whose).values_list("person_id", "collective_id", "award__code", "award__kind",
                               "year", "basis", "nomination_id"):
        key = ("p", pid) if pid is not None else ("c", cid)
        honours[key].append((code, kind, yr, basis, from_nomination))

    initiatives: dict[tuple[str, int], list[tuple]] = defaultdict(list)
    for pid, cid, code, yr, scope, kind, used_for, used_by in InitiativeRow.objects.filter(
            whose).values_list("person_id", "collective_id", "code", "year", "scope", "kind",
                               "used_for__code", "used_for_honour__nomination_id"):
        key = ("p", pid) if pid is not None else ("c", cid)
        initiatives[key].append((code, yr, scope, kind, used_for, used_by))

    disciplines: dict[int, list[Discipline]] = defaultdict(list)
    for pid, form, began, end in DisciplineRow.objects.filter(
            person_id__in=person_ids).order_by("start", "pk").values_list(
                "person_id", "form", "start", "end"):
        disciplines[pid].append(Discipline(form, began, end))

    whole_units = sorted({unit for _pending, whole, unit in collectives.values() if whole})
    led: dict[int, set[int]] = defaultdict(set)  # unit -> years it led its bloc
    for unit, yr in BlocMembership.objects.filter(
            unit_id__in=whole_units, role=BlocRole.LEADER).values_list("unit_id", "year"):
        led[unit].add(yr)

    out = []
    for pk, person_id, collective_id, award, basis, year, province_id, decided, sent in noms:
        individual = person_id is not None
        key = ("p", person_id) if individual else ("c", collective_id)
        try:
            if individual:
                deceased, pending, start = people[person_id]
                leader_years: set[int] = set()
            else:
                pending, whole, unit = collectives[collective_id]
                deceased, start = False, None
                leader_years = led.get(unit, set()) if whole else set()
            own = records.get(key, {})
            titles: dict[int, set[str]] = defaultdict(set)
            awards = []
            for code, kind, yr, h_basis, from_nomination in honours.get(key, ()):
                if yr > year or from_nomination == pk:
                    continue
                if kind == AwardKind.TITLE:
                    titles[yr].add(code)
                else:
                    awards.append(PriorAward(code, yr, h_basis))
            years = []
            for yr in sorted(set(own) | set(titles) | leader_years):
                if yr > year:
                    continue
                rec = own.get(yr)
                members = None
                if not individual and rec is not None and None not in rec[2:7]:
                    members = MemberFigures(*rec[2:7])
                years.append(YearFacts(
                    year=yr,
                    rating=rec[0] if rec is not None else None,
                    titles=frozenset(titles.get(yr, ())),
                    members=members,
                    bloc_leader=yr in leader_years,
                ))
            months = None
            if individual:
                this_year = own.get(year)
                months = this_year[1] if this_year is not None else None
                if months is None:
                    months = _months_from(start, year)
            case = Case(
                award=award,
                year=year,
                as_of=decided or today,
                basis=basis,
                lodged_on=timezone.localdate(sent) if sent is not None else None,
                nominee=Nominee(
                    kind="individual" if individual else "collective",
                    years=tuple(years),
                    awards=tuple(sorted(awards, key=lambda a: (a.year, a.award, a.basis))),
                    initiatives=tuple(
                        Initiative(code, yr, scope, kind, None if used_by == pk else used_for)
                        for code, yr, scope, kind, used_for, used_by in sorted(
                            initiatives.get(key, ()), key=lambda i: (i[1], i[0]))
                        if yr <= year
                    ),
                    disciplines=tuple(disciplines.get(person_id, ())) if individual else (),
                    deceased=deceased,
                    pending_review=pending,
                    months_in_service=months,
                ),
            )
        except KeyError:  # the nominee vanished between the queries
            continue
        try:
            validate_case(case)
        except CaseError as err:
            out.append(NominationFacts(pk, province_id, case, err))
            continue
        out.append(NominationFacts(pk, province_id, case, None))
    return out


def facts_hash(case: Case, config: EligibilityConfig) -> str:
    """sha256 of the canonical JSON of everything a verdict depends on: the case (as the
    contract writes it, `as_of` included) and the province's config."""
    payload = {"case": case_to_dict(case), "config": config_to_dict(config)}
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()
