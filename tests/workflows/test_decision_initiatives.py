"""GEN-ONE-USE on real data: the committee's decision marks the initiatives an award rests
on as used (`used_for`, `used_for_honour`), says so in the dossier's timeline, and the
nominee's other open nominations are re-checked without them."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from eligibility import services as eligibility_services
from eligibility.models import EligibilityResult
from nominations.models import DossierEvent, Honour, Initiative
from tests.factories import (
    AttachmentFactory,
    DossierFactory,
    HonourFactory,
    InitiativeFactory,
    NominationFactory,
    award,
)
from workflows import services

from .helpers import YEAR, advance, make_dossier, sign

DECIDED_ON = date(2025, 12, 20)


def _decide(world, dossier, awarded=()):
    task = advance(world, dossier, "committee_decision")
    services.complete_decision(user=world.committee, task=task, number="88/QĐ-UBND",
                               date=DECIDED_ON, signer="Chủ tịch UBND tỉnh",
                               awarded_ids={n.pk for n in awarded})
    sign(world, dossier)


def _cstdcs_years(person, *years):
    for year in years:
        HonourFactory(person=person, award=award("CSTDCS"), year=year)


def _rules(nomination) -> dict[str, dict]:
    result = EligibilityResult.objects.get(nomination=nomination)
    assert result.state == "done", (result.state, result.error)
    return {r["id"]: r for r in result.rules}


def test_awarding_cstd_tinh_marks_the_initiative_it_rests_on_as_used(
        world, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "CSTD_TINH")
    nomination = dossier.nominations.get()
    person = nomination.person
    _cstdcs_years(person, 2023, 2024, 2025)
    old = InitiativeFactory(person=person, year=2024, scope="tinh", code="SK-CU")
    new = InitiativeFactory(person=person, year=2025, scope="tinh", code="SK-MOI")
    before = InitiativeFactory(person=person, year=2024, scope="tinh", code="SK-DA-DUNG",
                               used_for=award("BK_TINH"))

    with django_capture_on_commit_callbacks(execute=True):
        _decide(world, dossier, awarded=[nomination])

    honour = Honour.objects.get(nomination=nomination)
    old.refresh_from_db()
    new.refresh_from_db()
    before.refresh_from_db()
    assert (old.used_for.code, old.used_for_honour) == ("CSTD_TINH", honour)
    assert (new.used_for, new.used_for_honour) == (None, None)  # one is all the rule needs
    assert (before.used_for.code, before.used_for_honour) == ("BK_TINH", None)  # untouched
    event = DossierEvent.objects.get(nomination=nomination, action="nomination_awarded")
    assert event.data == {"decision": "88/QĐ-UBND", "initiatives": ["SK-CU"]}
    assert event.reason == "Sáng kiến, đề tài đã dùng để xét khen thưởng này: SK-CU."

    # Re-checking the decided nomination still counts its own initiative.
    eligibility_services.check_nominations([nomination.pk])
    rules = _rules(nomination)
    assert rules["CSTD_TINH-2"]["result"] == "pass"
    assert "SK-CU (2024)" in rules["CSTD_TINH-2"]["message"]
    assert rules["GEN-ONE-USE"]["result"] == "pass"


def test_next_years_nomination_no_longer_counts_the_used_initiative(
        world, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "CSTD_TINH")
    nomination = dossier.nominations.get()
    person = nomination.person
    _cstdcs_years(person, 2023, 2024, 2025, 2026)
    InitiativeFactory(person=person, year=2025, scope="tinh", code="SK-TINH")
    InitiativeFactory(person=person, year=2026, scope="co_so", code="SK-2026")
    next_year = NominationFactory(
        dossier=DossierFactory(unit=world.unit, year=YEAR + 1, created_by=world.officer),
        person=person, award=award("BK_TINH"))
    eligibility_services.check_nominations([next_year.pk])
    rules = _rules(next_year)
    assert rules["BK_TINH-I"]["result"] == "pass"  # SK-TINH and SK-2026 both count
    assert rules["GEN-ONE-USE"]["result"] == "pass"

    with django_capture_on_commit_callbacks(execute=True):
        _decide(world, dossier, awarded=[nomination])

    # history_changed marked the open nomination stale and re-checked it (eager Celery).
    # Point d of Điều 74 khoản 1 is no longer met: the board weighs points a–c (manual).
    rules = _rules(next_year)
    assert rules["GEN-ONE-USE"]["result"] == "manual"
    assert "SK-TINH (2025) đã dùng để xét Chiến sĩ thi đua cấp tỉnh" in (
        rules["GEN-ONE-USE"]["message"])
    assert rules["BK_TINH-I"]["result"] == "manual"
    assert "chỉ có 1/2 sáng kiến, đề tài" in rules["BK_TINH-I"]["message"]
    assert EligibilityResult.objects.get(nomination=next_year).eligible is None


def test_a_nomination_not_awarded_marks_nothing(world, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "CSTD_TINH")
    nomination = dossier.nominations.get()
    person = nomination.person
    _cstdcs_years(person, 2023, 2024, 2025)
    initiative = InitiativeFactory(person=person, year=2025, scope="tinh")

    with django_capture_on_commit_callbacks(execute=True):
        _decide(world, dossier, awarded=[])

    initiative.refresh_from_db()
    assert (initiative.used_for, initiative.used_for_honour) == (None, None)
    event = DossierEvent.objects.get(nomination=nomination, action="nomination_not_awarded")
    assert event.data == {"decision": "88/QĐ-UBND"}
    assert event.reason == ""


def test_two_awards_of_one_decision_never_share_an_initiative(
        world, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "CSTD_TINH")
    first = dossier.nominations.get()
    person = first.person
    second = NominationFactory(dossier=dossier, person=person, award=award("BK_TINH"))
    AttachmentFactory(dossier=dossier, nomination=second, kind="report")
    _cstdcs_years(person, 2023, 2024, 2025)
    InitiativeFactory(person=person, year=2024, scope="tinh", code="SK-1")
    InitiativeFactory(person=person, year=2025, code="SK-2")
    InitiativeFactory(person=person, year=2025, code="SK-3")

    with django_capture_on_commit_callbacks(execute=True):
        _decide(world, dossier, awarded=[first, second])

    used = dict(Initiative.objects.filter(person=person).values_list("code", "used_for__code"))
    assert used == {"SK-1": "CSTD_TINH", "SK-2": "BK_TINH", "SK-3": "BK_TINH"}
    events = {e.nomination_id: e.data["initiatives"] for e in DossierEvent.objects.filter(
        dossier=dossier, action="nomination_awarded")}
    assert events == {first.pk: ["SK-1"], second.pk: ["SK-2", "SK-3"]}


def _initiative_selects(world, size: int) -> int:
    dossier = make_dossier(world, *["CSTD_TINH"] * size)
    for n in dossier.nominations.all():
        _cstdcs_years(n.person, 2023, 2024, 2025)
        InitiativeFactory(person=n.person, year=2025, scope="tinh")
    task = advance(world, dossier, "committee_decision")
    services.complete_decision(user=world.committee, task=task, number="1/QĐ",
                               date=DECIDED_ON, signer="Chủ tịch",
                               awarded_ids=set(dossier.nominations.values_list("pk",
                                                                               flat=True)))
    with CaptureQueriesContext(connection) as queries:
        sign(world, dossier)
    assert Initiative.objects.filter(person__nominations__dossier=dossier,
                                     used_for__code="CSTD_TINH").count() == size
    table = Initiative._meta.db_table
    return sum(1 for q in queries.captured_queries if f'"{table}"' in q["sql"])


def test_marking_costs_the_same_initiative_queries_for_one_or_many_awards(world):
    assert _initiative_selects(world, 1) == _initiative_selects(world, 4) == 3
