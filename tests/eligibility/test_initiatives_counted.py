"""`initiatives_counted`: the initiatives an award granted on a case's facts rests on (what
the committee's decision marks as used, GEN-ONE-USE). It reuses the rules' own selection,
so it never names an initiative the rule did not count."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.engine import (
    CATALOGUE,
    CaseError,
    EligibilityConfig,
    NoRuleSet,
    RuleBook,
    check,
    initiatives_counted,
)
from eligibility.engine.rules import cstd_tinh_2

from .factories import person, rule, run, sk, unit, yr
from .test_properties import FEWER, _shuffled, cases

INITIATIVE_RULE_IDS = {"CSTDCS-2": 1, "CSTD_TINH-2": 1, "CSTDTQ-2": 1, "BK_TINH-I": 2}


def test_cstd_tinh_counts_one_province_initiative_earliest_first():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTT", "CSTDCS"),
                  initiatives=[sk("SK-B", 2024, "tinh"), sk("SK-A", 2023, "toan_quoc"),
                               sk("SK-C", 2022, "co_so")])
    assert initiatives_counted(case) == ("SK-A",)
    assert rule(case, "CSTD_TINH-2").result == "pass"


def test_initiatives_outside_the_window_too_small_or_used_are_not_counted():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2021, "tinh"), sk("SK-2", 2023, "co_so"),
                               sk("SK-3", 2022, "tinh", used_for="CSTDCS"),
                               sk("SK-4", 2024, "tinh")])
    assert initiatives_counted(case) == ("SK-4",)


def test_a_used_initiative_counts_again_only_when_the_province_allows_it():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2022, "tinh", used_for="BK_TINH")])
    assert initiatives_counted(case) == ()
    lenient = EligibilityConfig(one_use_initiatives=False)
    assert initiatives_counted(case, lenient) == ("SK-1",)


def test_bk_tinh_counts_two_inside_its_run_and_no_more():
    case = person("BK_TINH", years=run(2022, 2024, "HTT", "CSTDCS"),
                  initiatives=[sk("SK-4", 2024), sk("SK-1", 2021), sk("SK-3", 2023),
                               sk("SK-2", 2022)])
    assert initiatives_counted(case) == ("SK-2", "SK-3")  # SK-1 is before the run


def test_bk_tinh_on_another_basis_or_for_a_collective_counts_none():
    inits = [sk("SK-1", 2023), sk("SK-2", 2024)]
    years = run(2023, 2024, "HTXS", "CSTDCS")
    assert initiatives_counted(person("BK_TINH", years=years, initiatives=inits,
                                      basis="chuyen_de")) == ()
    assert initiatives_counted(unit("BK_TINH", years=run(2023, 2024, "HTXS"),
                                    initiatives=inits)) == ()


def test_cstdcs_carried_by_htxs_uses_no_initiative():
    inits = [sk("SK-1", 2024)]
    assert initiatives_counted(person("CSTDCS", years=[yr(2024, "HTXS", "LDTT")],
                                      initiatives=inits)) == ()
    assert initiatives_counted(person("CSTDCS", years=[yr(2024, "HTT", "LDTT")],
                                      initiatives=inits)) == ("SK-1",)


def test_a_criterion_not_met_returns_the_fewer_it_counted():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2024), sk("SK-2", 2024, used_for="CSTDCS")])
    assert initiatives_counted(case) == ("SK-1",)
    assert rule(case, "BK_TINH-I").result == "manual"  # point d not met: a–c to the reviewer


@pytest.mark.parametrize("award", ["LDTT", "BK_TTG", "HCLD3", "GIAY_KHEN"])
def test_awards_whose_rules_count_no_initiatives_return_nothing(award):
    case = person(award, years=run(2018, 2024, "HTXS", "CSTDCS"),
                  initiatives=[sk("SK-1", 2024, "toan_quoc")])
    assert initiatives_counted(case) == ()


def test_raises_like_check():
    with pytest.raises(NoRuleSet):
        initiatives_counted(person("CSTDCS", as_of=date(2023, 12, 31)))
    with pytest.raises(CaseError):
        initiatives_counted(unit("CSTD_TINH"))


def test_only_rules_in_force_on_as_of_count():
    """A rule book in which CSTD_TINH-2 ends on 30/06/2025: from then on nothing counts."""
    ended = tuple(dataclasses.replace(r, effective_to=date(2025, 6, 30))
                  if r.check is cstd_tinh_2 else r for r in CATALOGUE)
    book = RuleBook(ended)
    case = person("CSTD_TINH", years=run(2022, 2024, "HTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2024, "tinh")], as_of=date(2025, 6, 30))
    assert book.initiatives_counted(case) == ("SK-1",)
    assert book.initiatives_counted(dataclasses.replace(case, as_of=date(2025, 7, 1))) == ()


def test_once_marked_used_the_same_initiative_no_longer_counts_next_year():
    first = person("CSTD_TINH", year=2024, years=run(2022, 2024, "HTT", "CSTDCS"),
                   initiatives=[sk("SK-1", 2024, "tinh")])
    used = initiatives_counted(first)
    assert used == ("SK-1",)
    marked = [sk("SK-1", 2024, "tinh", used_for="CSTD_TINH"), sk("SK-2", 2025)]
    second = person("BK_TINH", year=2025, years=run(2023, 2025, "HTT", "CSTDCS"),
                    initiatives=marked)
    assert initiatives_counted(second) == ("SK-2",)
    assert rule(second, "GEN-ONE-USE").result == "manual"  # only point d needs it
    assert "SK-1 (2024) đã dùng để xét Chiến sĩ thi đua cấp tỉnh" in rule(
        second, "BK_TINH-I").message


@FEWER
@given(cases(), st.booleans())
def test_agrees_with_the_rule_that_counts_initiatives(case, one_use):
    config = EligibilityConfig(one_use_initiatives=one_use)
    counted = initiatives_counted(case, config)
    assert len(set(counted)) == len(counted)
    by_id = {i.id: i for i in case.nominee.initiatives}
    assert set(counted) <= set(by_id)
    if one_use:
        assert not any(by_id[i].used_for for i in counted)
    assert [by_id[i].year for i in counted] == sorted(by_id[i].year for i in counted)
    results = [r for r in check(case, config).rules if r.id in INITIATIVE_RULE_IDS]
    if not results:
        assert counted == ()
        return
    (result,) = results
    needed = INITIATIVE_RULE_IDS[result.id]
    assert len(counted) <= needed
    for ident in counted:  # the rule names every initiative counted, with its year
        assert f"{ident} ({by_id[ident].year})" in result.message
    if counted and result.result == "pass":
        assert len(counted) == needed
    if result.result == "fail":
        assert len(counted) < needed


@FEWER
@given(st.data())
def test_does_not_depend_on_the_order_of_the_facts(data):
    case = data.draw(cases())
    assert initiatives_counted(_shuffled(data.draw, case)) == initiatives_counted(case)
