"""The engine: which rules a verdict lists and in what order, how `eligible` is gathered,
and which rule set judges a date (the 01/07/2025 switch, nothing before 2024)."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, timedelta

import pytest

from eligibility.engine import (
    AWARD_KINDS,
    CATALOGUE,
    RULE_VERSIONS,
    RULES_BY_ID,
    CaseError,
    NoRuleSet,
    RuleBook,
    check,
    parse_case,
    rule_set_for,
    rules_in_force,
)
from eligibility.engine.rules import PASS

from .factories import example_case_json, ids, members, person, rule, unit, yr

GEN = ["GEN-PENDING", "GEN-DISCIPLINE", "GEN-POSTHUMOUS", "GEN-BASIS", "GEN-ONE-USE",
       "GEN-LOWER"]

ALL_RULE_IDS = GEN + [
    "LDTT-1", "LDTT-2", "LDTT-3", "CSTDCS-1", "CSTDCS-2", "CSTD_TINH-1", "CSTD_TINH-2",
    "CSTDTQ-1", "CSTDTQ-2", "TTLDTT-1", "TTLDTT-2", "TTLDTT-3", "TTLDXS-1", "TTLDXS-2",
    "TTLDXS-3", "TTLDXS-4", "CO_TINH-1", "CO_TINH-2", "CO_CP-1", "CO_CP-2", "BK_TINH-I",
    "BK_TINH-C", "BK_TTG-I", "BK_TTG-C", "HCLD3-I", "HCLD3-C", "GIAY_KHEN",
]


# ---------------------------------------------------------------- the catalogue


@pytest.mark.parametrize("day", [date(2024, 1, 1), date(2025, 6, 30), date(2025, 7, 1)])
def test_catalogue_holds_every_rule_id_once_a_day_in_law_order(day):
    assert [rule.id for rule in rules_in_force(day)] == ALL_RULE_IDS


def test_every_rule_cites_a_vietnamese_text_and_declares_its_confidence():
    for entry in CATALOGUE:
        assert "Điều" in entry.citation, entry.id
        assert entry.confidence in ("L", "P", "I", None), entry.id
        assert entry.effective_from in (date(2024, 1, 1), date(2025, 7, 1)), entry.id


def test_versions_of_a_rule_follow_each_other_without_gap_or_overlap():
    for versions in RULE_VERSIONS.values():
        assert versions[0].effective_from == date(2024, 1, 1)
        assert versions[-1].effective_to is None
        for old, new in itertools.pairwise(versions):
            assert old.effective_to + timedelta(days=1) == new.effective_from


def test_unverified_rules_have_no_confidence_and_are_manual():
    assert RULES_BY_ID["BK_TTG-C"].confidence is None
    assert RULES_BY_ID["HCLD3-C"].confidence is None


# ---------------------------------------------------------------- what a verdict lists


def test_verdict_lists_gen_rules_then_the_awards_own_rules():
    assert ids(person("LDTT", years=[yr(2024)])) == GEN + ["LDTT-1", "LDTT-2", "LDTT-3"]


def test_bk_tinh_for_a_person_applies_the_individual_variant_only():
    assert ids(person("BK_TINH", years=[yr(2024)])) == GEN + ["BK_TINH-I"]


def test_bk_tinh_for_a_collective_applies_the_collective_variant_only():
    assert ids(unit("BK_TINH", years=[yr(2024)])) == GEN + ["BK_TINH-C"]


def test_giay_khen_applies_to_both_kinds():
    assert ids(person("GIAY_KHEN", years=[yr(2024)]))[-1] == "GIAY_KHEN"
    assert ids(unit("GIAY_KHEN", years=[yr(2024)]))[-1] == "GIAY_KHEN"


def test_every_rule_is_still_evaluated_after_the_first_failure():
    verdict = check(person("CSTDCS", years=[yr(2024, "HT")], pending_review=True))
    assert verdict.rules[0].result == "fail"
    assert [r.id for r in verdict.rules] == GEN + ["CSTDCS-1", "CSTDCS-2"]
    assert verdict.rules[-1].result == "fail"


def test_verdict_lists_no_vote_deadline_or_dossier_rules():
    for award, kinds in AWARD_KINDS.items():
        for kind in kinds:
            case = (person if kind == "individual" else unit)(award, years=[yr(2024)])
            assert not [i for i in ids(case) if i.startswith(("VOTE", "DL-"))]


def test_an_award_for_the_wrong_kind_of_nominee_is_a_case_error_on_nominee_kind():
    with pytest.raises(CaseError) as err:
        check(unit("LDTT", years=[yr(2024)]))
    assert err.value.field == "nominee.kind"
    assert "Lao động tiên tiến" in err.value.message and "cá nhân" in err.value.message


def test_a_collective_title_for_a_person_is_a_case_error_on_nominee_kind():
    with pytest.raises(CaseError) as err:
        check(person("TTLDXS", years=[yr(2024)]))
    assert err.value.field == "nominee.kind"


def test_an_unknown_award_is_a_case_error_on_award():
    with pytest.raises(CaseError) as err:
        check(person("HCLD1", years=[yr(2024)]))
    assert err.value.field == "award"


# ---------------------------------------------------------------- eligible


def test_eligible_is_true_when_every_rule_passes():
    verdict = check(person("CSTDCS", years=[yr(2024, "HTXS", "LDTT")]))
    assert all(r.result == "pass" for r in verdict.rules)
    assert verdict.eligible is True


def test_eligible_is_none_when_nothing_fails_and_a_rule_needs_a_reviewer():
    verdict = check(unit("CO_TINH", years=[yr(2024, "HTXS", bloc_leader=True)]))
    assert {r.result for r in verdict.rules} == {"pass", "manual"}
    assert verdict.eligible is None


def test_eligible_is_false_when_a_fixed_manual_rule_meets_a_failure():
    verdict = check(unit("BK_TTG", years=[yr(2024)], pending_review=True))
    assert verdict.eligible is False


def test_interpretation_rules_are_flagged_and_others_are_not():
    verdict = check(person("CSTDTQ", years=[yr(2024, "HTXS")]))
    flagged = {r.id for r in verdict.rules if r.message.startswith("(Diễn giải của hệ thống) ")}
    # CSTDTQ-2 counts initiatives in y-5..y: our window, flagged in every verdict
    assert flagged == {"GEN-POSTHUMOUS", "CSTDTQ-1", "CSTDTQ-2"}
    assert {r.id for r in verdict.rules if r.confidence == "I"} == flagged


def test_the_contracts_example_case_is_eligible_with_bk_ttg_i_passing():
    verdict = check(parse_case(example_case_json()))
    assert verdict.eligible is True
    assert verdict.rule_set == "luat-06-2022+nd-152-2025"
    bk_ttg = verdict.rules[-1]
    assert bk_ttg.id == "BK_TTG-I" and bk_ttg.result == "pass"
    assert bk_ttg.citation == "Luật TĐKT 2022, Điều 73 khoản 1 điểm b"
    assert bk_ttg.message == (
        "Đã có Bằng khen cấp tỉnh (2019); 5 năm liên tục 2020–2024 hoàn thành tốt nhiệm vụ trở"
        " lên; 3 lần CSTĐCS (2021, 2022, 2024)."
    )


def test_outcomes_fixed_at_compile_time_equal_what_the_rule_itself_returns():
    from eligibility.engine.config import DEFAULT_CONFIG
    from eligibility.engine.rules import Ctx

    for award, kinds in AWARD_KINDS.items():
        for kind in kinds:
            case = (person if kind == "individual" else unit)(award, years=[yr(2024)])
            verdict = check(case)
            for entry in rules_in_force(case.as_of):
                if award not in entry.awards or kind not in entry.kinds:
                    continue
                result, message, *reading = entry.check(Ctx(case, DEFAULT_CONFIG))
                shown = next(r for r in verdict.rules if r.id == entry.id)
                assert shown.result == result
                assert message in shown.message
                if reading:
                    assert shown.message.endswith(f"{reading[0]}.")


# ---------------------------------------------------------------- rule sets by date


def test_the_law_in_force_on_its_first_day_uses_decree_98():
    assert rule_set_for(date(2024, 1, 1)) == "luat-06-2022+nd-98-2023"


def test_30_june_2025_is_judged_under_decree_98():
    case = person("LDTT", years=[yr(2024)], as_of=date(2025, 6, 30))
    verdict = check(case)
    assert verdict.rule_set == "luat-06-2022+nd-98-2023"
    assert rule(case, "GEN-PENDING").citation == "NĐ 98/2023/NĐ-CP, Điều 4 khoản 4"


def test_1_july_2025_is_judged_under_decree_152():
    case = person("LDTT", years=[yr(2024)], as_of=date(2025, 7, 1))
    verdict = check(case)
    assert verdict.rule_set == "luat-06-2022+nd-152-2025"
    assert rule(case, "GEN-LOWER").citation == "NĐ 152/2025/NĐ-CP, Điều 4 khoản 1"
    # NĐ 152's own numbering: a clause not checked against the decree's text says so
    assert rule(case, "GEN-PENDING").citation == (
        "NĐ 152/2025/NĐ-CP, Điều 4 (số khoản chưa đối chiếu)"
    )
    assert rule(case, "LDTT-2").citation == (
        "Thông tư 01/2024/TT-BNV, Điều 1 khoản 5; NĐ 152/2025/NĐ-CP, Điều 4 (số khoản chưa"
        " đối chiếu)"
    )


def test_law_citations_do_not_change_at_the_switch():
    before = person("LDTT", years=[yr(2024)], as_of=date(2025, 6, 30))
    after = person("LDTT", years=[yr(2024)], as_of=date(2025, 7, 1))
    assert rule(before, "LDTT-1").citation == rule(after, "LDTT-1").citation


def test_a_date_before_2024_has_no_rule_set():
    with pytest.raises(NoRuleSet) as err:
        check(person("LDTT", years=[yr(2023)], year=2023, as_of=date(2023, 12, 31)))
    assert isinstance(err.value, CaseError)
    assert err.value.field == "as_of"
    assert "31/12/2023" in err.value.message and "01/01/2024" in err.value.message


def _book_with(extra) -> RuleBook:
    return RuleBook([*CATALOGUE, extra])


def _extra_rule(**dates):
    return dataclasses.replace(
        RULES_BY_ID["LDTT-3"], id="LDTT-NEW", fixed=None,
        check=lambda ctx: (PASS, "quy định mới"), **dates)


def test_a_rule_effective_from_1_july_2025_is_excluded_on_30_june():
    book = _book_with(_extra_rule(effective_from=date(2025, 7, 1)))
    before = book.check(person("LDTT", years=[yr(2024)], as_of=date(2025, 6, 30)))
    after = book.check(person("LDTT", years=[yr(2024)], as_of=date(2025, 7, 1)))
    assert "LDTT-NEW" not in [r.id for r in before.rules]
    assert [r.id for r in after.rules][-1] == "LDTT-NEW"


def test_a_rule_effective_until_30_june_2025_is_excluded_from_1_july():
    book = _book_with(_extra_rule(effective_to=date(2025, 6, 30)))
    before = book.check(person("LDTT", years=[yr(2024)], as_of=date(2025, 6, 30)))
    after = book.check(person("LDTT", years=[yr(2024)], as_of=date(2025, 7, 1)))
    assert "LDTT-NEW" in [r.id for r in before.rules]
    assert "LDTT-NEW" not in [r.id for r in after.rules]


def test_collective_member_figures_are_read_for_the_evaluation_year_only():
    years = [yr(2023, "HTT", members=members(10, ldtt=2)), yr(2024, "HTT", members=members(10))]
    assert rule(unit("TTLDTT", years=years), "TTLDTT-2").result == "pass"
