"""Small builders for eligibility facts: a case with sensible defaults, years, prior awards,
initiatives and disciplines, and `rule()` to pick one rule's result out of a verdict."""

from __future__ import annotations

import copy
from datetime import date

from eligibility.engine import (
    Case,
    Discipline,
    EligibilityConfig,
    Initiative,
    MemberFigures,
    Nominee,
    PriorAward,
    RuleResult,
    YearFacts,
    check,
)

AS_OF = date(2025, 9, 10)  # under NĐ 152/2025
AS_OF_98 = date(2025, 3, 1)  # under NĐ 98/2023


def yr(year: int, rating: str | None = "HTT", *titles: str, members: MemberFigures | None = None,
       bloc_leader: bool = False) -> YearFacts:
    return YearFacts(year, rating, frozenset(titles), members, bloc_leader)


def run(first: int, last: int, rating: str = "HTT", *titles: str) -> list[YearFacts]:
    """Years first..last, all with the same rating and titles."""
    return [yr(y, rating, *titles) for y in range(first, last + 1)]


def members(total: int = 20, at_least_ht: int | None = None, ldtt: int | None = None,
            cstdcs: int = 1, disciplined: int = 0) -> MemberFigures:
    return MemberFigures(
        total,
        total if at_least_ht is None else at_least_ht,
        total if ldtt is None else ldtt,
        cstdcs,
        disciplined,
    )


def prior(award: str, year: int, basis: str = "cong_trang") -> PriorAward:
    return PriorAward(award, year, basis)


def sk(ident: str, year: int, scope: str = "co_so", kind: str = "sang_kien",
       used_for: str | None = None) -> Initiative:
    return Initiative(ident, year, scope, kind, used_for)


def disc(start: str, end: str | None, form: str = "khien_trach") -> Discipline:
    return Discipline(form, date.fromisoformat(start), date.fromisoformat(end) if end else None)


def person(award: str, year: int = 2024, *, years=(), awards=(), initiatives=(),
           disciplines=(), deceased: bool = False, pending_review: bool = False,
           months: int | None = 120, as_of: date = AS_OF, basis: str = "cong_trang") -> Case:
    nominee = Nominee("individual", tuple(years), tuple(awards), tuple(initiatives),
                      tuple(disciplines), deceased, pending_review, months)
    return Case(award, year, nominee, as_of, basis)


def unit(award: str, year: int = 2024, *, years=(), awards=(), initiatives=(), disciplines=(),
         pending_review: bool = False, as_of: date = AS_OF, basis: str = "cong_trang") -> Case:
    nominee = Nominee("collective", tuple(years), tuple(awards), tuple(initiatives),
                      tuple(disciplines), False, pending_review, None)
    return Case(award, year, nominee, as_of, basis)


def rule(case: Case, rule_id: str, config: EligibilityConfig | None = None) -> RuleResult:
    """The result of one rule in the verdict on `case`."""
    verdict = check(case, config or EligibilityConfig())
    for result in verdict.rules:
        if result.id == rule_id:
            return result
    raise AssertionError(f"{rule_id} not in verdict: {[r.id for r in verdict.rules]}")


def ids(case: Case) -> list[str]:
    return [r.id for r in check(case).rules]


def example_case_json() -> dict:
    """The case printed in ELIGIBILITY-CONTRACT.md (the API documents the same one)."""
    from api.examples import CONTRACT_CASE

    return copy.deepcopy(CONTRACT_CASE)
