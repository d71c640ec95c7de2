"""Helpers for the eligibility tests against the database: nominees with a history."""

from __future__ import annotations

from datetime import date

import pytest

from nominations.models import Discipline
from tests.factories import (
    BlocMembershipFactory,
    CollectiveFactory,
    DossierFactory,
    HonourFactory,
    InitiativeFactory,
    NominationFactory,
    PersonFactory,
    UnitFactory,
    UserFactory,
    YearRecordFactory,
    award,
)

TODAY = date(2025, 12, 1)


@pytest.fixture(autouse=True)
def _database(db):
    """Every test here uses the database."""


def person_with_history(unit, **kwargs):
    """A person rated HTXS 2023–2025 with LDTT + CSTDCS each year, a prior Bằng khen,
    two initiatives and an old discipline."""
    person = PersonFactory(unit=unit, service_start=date(2015, 3, 1), **kwargs)
    for year in (2023, 2024, 2025):
        YearRecordFactory(person=person, year=year, rating="HTXS", months_in_service=12)
        HonourFactory(person=person, award=award("LDTT"), year=year)
        HonourFactory(person=person, award=award("CSTDCS"), year=year)
    HonourFactory(person=person, award=award("BK_TINH"), year=2021)
    InitiativeFactory(person=person, code=f"SK-{person.pk}-a", year=2025, scope="tinh")
    InitiativeFactory(person=person, code=f"SK-{person.pk}-b", year=2024, scope="co_so",
                      used_for=award("BK_TINH"))
    Discipline.objects.create(person=person, form="khien_trach", start=date(2018, 2, 1),
                              end=date(2018, 8, 1))
    return person


def whole_unit_with_history(unit, bloc=None):
    """The whole unit as a collective: HTXS 2024–2025, TTLDXS 2024, member figures, and
    (with `bloc`) the bloc's leader in 2025."""
    collective = CollectiveFactory(unit=unit, name=f"{unit.name} (toàn đơn vị)",
                                   is_whole_unit=True)
    for year in (2024, 2025):
        YearRecordFactory(collective=collective, year=year, rating="HTXS", members_total=20,
                          members_at_least_ht=20, members_ldtt=16, members_cstdcs=2,
                          members_disciplined=0)
    HonourFactory(collective=collective, award=award("TTLDXS"), year=2024)
    if bloc is not None:
        BlocMembershipFactory(bloc=bloc, unit=unit, year=2025, role="leader")
    return collective


def individual_nomination(dossier, code="CSTD_TINH", **kwargs):
    return NominationFactory(dossier=dossier, person=person_with_history(dossier.unit),
                             award=award(code), **kwargs)


def collective_nomination(dossier, code="CO_TINH", bloc=None):
    return NominationFactory(dossier=dossier, person=None,
                             collective=whole_unit_with_history(dossier.unit, bloc),
                             award=award(code))


def many_nominations(count: int):
    """`count` nominations, alternately individual and collective, each in its own unit
    (a unit has one whole-unit collective)."""
    out = []
    for i in range(count):
        dossier = DossierFactory(unit=UnitFactory(), year=2025)
        out.append(individual_nomination(dossier) if i % 2 == 0
                   else collective_nomination(dossier))
    return out


@pytest.fixture
def officer():
    return UserFactory(unit=UnitFactory(), roles=["unit_officer"])


@pytest.fixture
def dossier(officer):
    return DossierFactory(unit=officer.unit, year=2025, created_by=officer)
