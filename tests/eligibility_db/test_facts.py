"""The facts selector: the Case built from the achievement history, in a fixed number of
queries per batch."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eligibility.engine import (
    Case,
    Discipline,
    Initiative,
    MemberFigures,
    Nominee,
    PriorAward,
    YearFacts,
    case_to_dict,
)
from eligibility.facts import build_cases
from nominations.models import Decision
from tests.factories import BlocFactory, HonourFactory, InitiativeFactory, award

from .conftest import TODAY, collective_nomination, individual_nomination, many_nominations

pytestmark = pytest.mark.django_db


def test_individual_case_is_built_from_the_persons_history(dossier):
    nomination = individual_nomination(dossier, "CSTD_TINH")
    person = nomination.person
    titles = frozenset({"LDTT", "CSTDCS"})

    [facts] = build_cases([nomination.pk], today=TODAY)

    assert facts.error is None
    assert case_to_dict(facts.case) == case_to_dict(Case(
        award="CSTD_TINH", year=2025, as_of=TODAY, basis="cong_trang",
        nominee=Nominee(
            kind="individual",
            years=(YearFacts(2023, "HTXS", titles), YearFacts(2024, "HTXS", titles),
                   YearFacts(2025, "HTXS", titles)),
            awards=(PriorAward("BK_TINH", 2021, "cong_trang"),),
            initiatives=(Initiative(f"SK-{person.pk}-b", 2024, "co_so", "sang_kien", "BK_TINH"),
                         Initiative(f"SK-{person.pk}-a", 2025, "tinh", "sang_kien", None)),
            disciplines=(Discipline("khien_trach", date(2018, 2, 1), date(2018, 8, 1)),),
            months_in_service=12,
        ),
    ))


def test_collective_case_has_member_figures_and_bloc_leadership(dossier):
    nomination = collective_nomination(dossier, "CO_TINH", bloc=BlocFactory())
    members = MemberFigures(total=20, at_least_ht=20, ldtt=16, cstdcs=2,
                            disciplined_canh_cao_or_above=0)

    [facts] = build_cases([nomination.pk], today=TODAY)

    assert facts.error is None
    assert case_to_dict(facts.case) == case_to_dict(Case(
        award="CO_TINH", year=2025, as_of=TODAY,
        nominee=Nominee(kind="collective", years=(
            YearFacts(2024, "HTXS", frozenset({"TTLDXS"}), members, bloc_leader=False),
            YearFacts(2025, "HTXS", frozenset(), members, bloc_leader=True),
        )),
    ))


def test_history_after_the_evaluation_year_is_left_out(dossier):
    nomination = individual_nomination(dossier, "LDTT")
    nomination.dossier.year = 2024
    nomination.dossier.save()

    [facts] = build_cases([nomination.pk], today=TODAY)

    assert [f.year for f in facts.case.nominee.years] == [2023, 2024]
    assert [i.year for i in facts.case.nominee.initiatives] == [2024]


def test_a_nominations_own_award_and_initiatives_do_not_count_against_it(dossier):
    nomination = individual_nomination(dossier, "BK_TINH")
    own = HonourFactory(person=nomination.person, award=award("BK_TINH"), year=2025,
                        nomination=nomination)
    InitiativeFactory(person=nomination.person, code="SK-own", year=2025,
                      used_for=award("BK_TINH"), used_for_honour=own)

    [facts] = build_cases([nomination.pk], today=TODAY)

    assert [a.year for a in facts.case.nominee.awards] == [2021]
    assert {i.id: i.used_for for i in facts.case.nominee.initiatives}["SK-own"] is None


def test_months_in_service_falls_back_to_the_service_start_date(dossier):
    nomination = individual_nomination(dossier, "LDTT")
    nomination.person.year_records.filter(year=2025).update(months_in_service=None)
    nomination.person.service_start = date(2025, 7, 15)
    nomination.person.save()

    [facts] = build_cases([nomination.pk], today=TODAY)

    assert facts.case.nominee.months_in_service == 5  # August–December


def test_a_decided_nomination_is_judged_on_its_decision_date(dossier, officer):
    nomination = individual_nomination(dossier, "LDTT")
    nomination.decision = Decision.objects.create(
        dossier=dossier, number="12/QĐ-UBND", date=date(2026, 1, 20), signer="Chủ tịch",
        recorded_by=officer)
    nomination.save()

    [facts] = build_cases([nomination.pk], today=TODAY)

    assert facts.case.as_of == date(2026, 1, 20)


def test_a_decision_date_before_2024_gives_a_no_rule_set_error(dossier, officer):
    nomination = individual_nomination(dossier, "LDTT")
    nomination.decision = Decision.objects.create(
        dossier=dossier, number="5/QĐ", date=date(2023, 6, 1), signer="Chủ tịch",
        recorded_by=officer)
    nomination.save()

    [facts] = build_cases([nomination.pk], today=TODAY)

    assert facts.error.field == "as_of"


def test_building_facts_takes_the_same_number_of_queries_for_3_and_30_nominations():
    small = [n.pk for n in many_nominations(3)]
    large = [n.pk for n in many_nominations(30)]

    with CaptureQueriesContext(connection) as few:
        assert len(build_cases(small, today=TODAY)) == 3
    with CaptureQueriesContext(connection) as many:
        assert len(build_cases(large, today=TODAY)) == 30

    assert len(few.captured_queries) == len(many.captured_queries) <= 8
