"""Properties over generated facts (hypothesis): how `eligible` follows the rules, that the
order of years, awards, initiatives and disciplines never matters, and that the JSON
contract and the objects give the same verdict."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.engine import (
    AWARD_KINDS,
    CATALOGUE,
    Case,
    Discipline,
    EligibilityConfig,
    Initiative,
    MemberFigures,
    Nominee,
    PriorAward,
    YearFacts,
    case_to_dict,
    check,
    check_json,
    validate_case,
    verdict_to_dict,
)
from eligibility.engine.facts import (
    BASES,
    COLLECTIVE_TITLES,
    COMMENDATIONS,
    DISCIPLINE_FORMS,
    INDIVIDUAL_TITLES,
    INITIATIVE_KINDS,
    RATINGS,
    SCOPES,
    TITLES,
)

PAIRS = [(award, kind) for award, kinds in AWARD_KINDS.items() for kind in kinds]
SETTINGS = settings(max_examples=200, deadline=None)  # the two properties the issue names
FEWER = settings(max_examples=60, deadline=None)  # further checks of the same generator


def _members() -> st.SearchStrategy[MemberFigures]:
    return st.integers(0, 40).flatmap(lambda total: st.builds(
        MemberFigures, st.just(total), st.integers(0, total), st.integers(0, total),
        st.integers(0, total), st.integers(0, min(total, 2))))


def _year(kind: str) -> st.SearchStrategy[YearFacts]:
    """A year entry with its year as an offset 0..9 back from the evaluation year (fixed up
    by `cases`)."""
    individual = kind == "individual"
    pool = INDIVIDUAL_TITLES if individual else COLLECTIVE_TITLES
    return st.builds(
        YearFacts,
        st.integers(-1, 8),
        st.none() | st.sampled_from(RATINGS),
        st.frozensets(st.sampled_from(pool), max_size=3),
        st.none() if individual else st.none() | _members(),
        st.just(False) if individual else st.booleans(),
    )


_INITIATIVE = st.builds(
    Initiative, st.sampled_from([f"SK-{i}" for i in range(6)]), st.integers(0, 7),
    st.sampled_from(SCOPES), st.sampled_from(INITIATIVE_KINDS),
    st.none() | st.sampled_from(["BK_TINH", "CSTDCS"]))
_AWARD = st.builds(PriorAward, st.sampled_from(COMMENDATIONS), st.integers(0, 10),
                   st.sampled_from(BASES))


def _discipline(form: str, start: date, days: int | None) -> Discipline:
    return Discipline(form, start, None if days is None else start + timedelta(days=days))


_DISCIPLINE = st.builds(
    _discipline, st.sampled_from(DISCIPLINE_FORMS), st.dates(date(2014, 1, 1), date(2026, 12, 31)),
    st.none() | st.integers(0, 800))


@st.composite
def cases(draw) -> Case:
    award, kind = draw(st.sampled_from(PAIRS))
    y = draw(st.integers(2021, 2026))
    years = tuple(
        dataclasses.replace(f, year=y - f.year)
        for f in draw(st.lists(_year(kind), max_size=9, unique_by=lambda f: f.year))
    )
    initiatives = tuple(
        dataclasses.replace(i, year=y + 1 - i.year)
        for i in draw(st.lists(_INITIATIVE, max_size=4, unique_by=lambda i: i.id))
    )
    awards = tuple(dataclasses.replace(a, year=y - a.year)
                   for a in draw(st.lists(_AWARD, max_size=3)))
    disciplines = tuple(draw(st.lists(_DISCIPLINE, max_size=2)))
    individual = kind == "individual"
    nominee = Nominee(
        kind, years, awards, initiatives, disciplines, individual and draw(st.booleans()),
        draw(st.booleans()), draw(st.none() | st.integers(0, 300)),
    )
    basis = "cong_trang" if award in TITLES else draw(st.sampled_from(BASES))
    as_of = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    return Case(award, y, nominee, as_of, basis)


def _shuffled(draw, case: Case) -> Case:
    n = case.nominee
    return dataclasses.replace(case, nominee=dataclasses.replace(
        n,
        years=tuple(draw(st.permutations(n.years))),
        awards=tuple(draw(st.permutations(n.awards))),
        initiatives=tuple(draw(st.permutations(n.initiatives))),
        disciplines=tuple(draw(st.permutations(n.disciplines))),
    ))


@SETTINGS
@given(cases(), st.booleans(), st.sampled_from([None, "HTT", "HTXS"]))
def test_eligible_is_false_exactly_when_a_rule_fails_and_true_only_when_all_pass(
    case, one_use, giay_khen
):
    config = EligibilityConfig(one_use_initiatives=one_use, giay_khen_min_rating=giay_khen)
    verdict = check(case, config)
    results = {r.result for r in verdict.rules}
    assert results <= {"pass", "fail", "manual"}
    assert (verdict.eligible is False) == ("fail" in results)
    assert (verdict.eligible is True) == (results == {"pass"})
    assert (verdict.eligible is None) == ("fail" not in results and "manual" in results)
    kind = case.nominee.kind
    applicable = [r.id for r in CATALOGUE if case.award in r.awards and kind in r.kinds
                  and r.in_force(case.as_of)]
    assert [r.id for r in verdict.rules] == applicable  # all of them, GEN-* first


@SETTINGS
@given(st.data())
def test_the_order_of_years_awards_initiatives_and_disciplines_does_not_matter(data):
    case = data.draw(cases())
    shuffled = _shuffled(data.draw, case)
    assert verdict_to_dict(check(shuffled)) == verdict_to_dict(check(case))


@FEWER
@given(cases())
def test_the_json_contract_gives_the_same_verdict_as_the_objects(case):
    validate_case(case)
    assert check_json(case_to_dict(case)) == verdict_to_dict(check(case))


@FEWER
@given(cases())
def test_counting_used_initiatives_again_never_adds_a_failure(case):
    strict = {r.id for r in check(case).rules if r.result == "fail"}
    lenient = check(case, EligibilityConfig(one_use_initiatives=False))
    assert {r.id for r in lenient.rules if r.result == "fail"} <= strict


@FEWER
@given(cases())
def test_the_july_2025_switch_changes_rule_set_and_decree_citations_only(case):
    before = check(dataclasses.replace(case, as_of=date(2025, 6, 30)))
    after = check(dataclasses.replace(case, as_of=date(2025, 7, 1)))
    assert before.rule_set != after.rule_set
    assert [(r.id, r.result, r.message, r.confidence) for r in before.rules] == [
        (r.id, r.result, r.message, r.confidence) for r in after.rules]
    for old, new in zip(before.rules, after.rules, strict=True):
        if "NĐ 98/2023/NĐ-CP" in old.citation:
            assert "NĐ 152/2025/NĐ-CP" in new.citation and "NĐ 98" not in new.citation
        else:
            assert old.citation == new.citation
