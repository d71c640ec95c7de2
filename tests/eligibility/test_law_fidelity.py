"""Law fidelity (issue 13): awards granted on ONE of several criteria, our readings shown as
[I] in the verdict, TTLDXS-4, NĐ 152/2025's own citations from 01/07/2025 and dossiers
lodged before the switch."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from eligibility.engine import (
    CaseError,
    NoRuleSet,
    check,
    check_json,
    parse_case,
    rules_in_force,
)

from .factories import (
    AS_OF,
    disc,
    example_case_json,
    members,
    person,
    prior,
    rule,
    run,
    sk,
    unit,
    yr,
)

I_FLAG = "(Diễn giải của hệ thống) "


# ---------------------------------------------------------------- one of several criteria


def test_bk_tinh_without_point_d_is_manual_naming_points_a_b_c():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT"), initiatives=[sk("SK-1", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.result == "manual"
    assert "không đạt điểm d Điều 74 khoản 1" in result.message
    assert "Hội đồng xem xét các điểm a, b, c" in result.message
    assert check(case).eligible is None


def test_bk_tinh_meeting_point_d_passes():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2023), sk("SK-2", 2024)])
    assert rule(case, "BK_TINH-I").result == "pass"
    assert check(case).eligible is True


def test_bk_ttg_without_point_b_is_manual_naming_the_other_points():
    case = person("BK_TTG", years=run(2019, 2024, "HTT", "LDTT", "CSTDCS"))
    verdict = check(case)
    bk_ttg = rule(case, "BK_TTG-I")
    assert bk_ttg.result == "manual"
    assert "không đạt điểm b Điều 73 khoản 1" in bk_ttg.message
    assert "các tiêu chuẩn còn lại của khoản 1 Điều 73 (ngoài điểm b)" in bk_ttg.message
    assert verdict.eligible is None  # GEN-LOWER (no prior BK_TINH) no longer fails it


def test_bk_ttg_meeting_point_b_passes():
    verdict = check(parse_case(example_case_json()))
    assert verdict.eligible is True


def test_hcld3_without_point_e_is_manual_naming_point_g():
    case = person("HCLD3", years=run(2019, 2024, "HTT", "LDTT", "CSTDCS"),
                  awards=[prior("BK_TTG", 2018)])  # no HTXS year
    result = rule(case, "HCLD3-I")
    assert result.result == "manual"
    assert "không đạt điểm e Điều 44 khoản 1" in result.message
    assert "điểm g: quá trình cống hiến lâu dài" in result.message
    assert check(case).eligible is None


def test_hcld3_meeting_point_e_passes():
    years = [yr(y, "HTXS" if y == 2022 else "HTT", "LDTT", "CSTDCS") for y in range(2019, 2025)]
    case = person("HCLD3", years=years, awards=[prior("BK_TTG", 2018)])
    assert rule(case, "HCLD3-I").result == "pass"
    assert check(case).eligible is True


def test_a_fact_failing_every_point_still_fails_the_one_of_several_award():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT"), pending_review=True)
    assert check(case).eligible is False


# ---------------------------------------------------------------- readings shown as [I]


def test_one_sang_kien_and_one_de_tai_counted_as_two_is_flagged_as_interpretation():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2023), sk("DT-1", 2024, kind="de_tai")])
    result = rule(case, "BK_TINH-I")
    assert result.result == "pass"
    assert result.confidence == "I"
    assert result.message.startswith(I_FLAG)
    assert "[I] Cách hiểu của hệ thống: 1 sáng kiến và 1 đề tài" in result.message


def test_two_sang_kien_for_bk_tinh_carry_the_rules_own_confidence():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2023), sk("SK-2", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.confidence == "L"
    assert "[I]" not in result.message and not result.message.startswith(I_FLAG)


@pytest.mark.parametrize(("award", "rule_id", "window"), [
    ("CSTD_TINH", "CSTD_TINH-2", "3 năm 2022–2024"),
    ("CSTDTQ", "CSTDTQ-2", "6 năm 2019–2024"),
])
def test_initiative_windows_are_flagged_as_interpretation(award, rule_id, window):
    result = rule(person(award, years=[yr(2024, "HTXS", "CSTDCS")]), rule_id)
    assert result.confidence == "I"
    assert f"chỉ tính sáng kiến, đề tài được công nhận trong {window}" in result.message


def test_choosing_among_several_prior_awards_is_flagged_as_interpretation():
    years = run(2013, 2024, "HTT", "LDTT", "CSTDCS")
    several = person("BK_TTG", years=years, awards=[prior("BK_TINH", 2012), prior("BK_TINH", 2018)])
    result = rule(several, "BK_TTG-I")
    assert result.result == "pass" and result.confidence == "I"
    assert "hệ thống tính từ lần gần nhất cách năm 2024 ít nhất 5 năm (2018)" in result.message
    one = person("BK_TTG", years=years, awards=[prior("BK_TINH", 2018)])
    assert rule(one, "BK_TTG-I").confidence == "L"


def test_discipline_blocking_whole_years_is_flagged_in_gen_discipline():
    case = person("LDTT", years=[yr(2024)], disciplines=[disc("2024-01-05", "2024-02-05")])
    result = rule(case, "GEN-DISCIPLINE")
    assert result.result == "fail" and result.confidence == "I"
    assert "chặn trọn các năm" in result.message


def test_discipline_cutting_a_bk_tinh_run_is_flagged_in_bk_tinh_i():
    case = person("BK_TINH", years=run(2021, 2024, "HTXS", "LDTT"),
                  initiatives=[sk("SK-1", 2021), sk("SK-2", 2024)],
                  disciplines=[disc("2022-01-10", "2022-06-10")])
    result = rule(case, "BK_TINH-I")
    assert result.confidence == "I" and "chặn trọn các năm" in result.message


def test_no_discipline_leaves_gen_discipline_unflagged():
    result = rule(person("LDTT", years=[yr(2024)]), "GEN-DISCIPLINE")
    assert result.confidence == "P" and "[I]" not in result.message


# ---------------------------------------------------------------- TTLDXS-4


def test_ttldxs_movement_and_unity_are_left_to_the_reviewer():
    case = unit("TTLDXS", years=[yr(2024, "HTXS", members=members(10, ldtt=8, cstdcs=1))])
    result = rule(case, "TTLDXS-4")
    assert result.result == "manual"
    assert result.citation == "Luật TĐKT 2022, Điều 27 khoản 1"
    assert "phong trào thi đua" in result.message and "nội bộ đoàn kết" in result.message
    assert check(case).eligible is None


# ---------------------------------------------------------------- NĐ 152/2025 citations


def test_from_1_july_2025_no_rule_cites_decree_98():
    for entry in rules_in_force(date(2025, 7, 1)):
        assert "NĐ 98" not in entry.citation and "{nd}" not in entry.citation, entry.id


def test_until_30_june_2025_no_rule_cites_decree_152():
    for entry in rules_in_force(date(2025, 6, 30)):
        assert "NĐ 152" not in entry.citation, entry.id


def test_decree_152_citations_of_unchecked_clauses_say_so():
    case = person("LDTT", years=[yr(2024)], as_of=date(2025, 7, 1))
    for rule_id in ("GEN-PENDING", "GEN-DISCIPLINE", "GEN-BASIS"):
        assert rule(case, rule_id).citation == (
            "NĐ 152/2025/NĐ-CP, Điều 4 (số khoản chưa đối chiếu)")


# ---------------------------------------------------------------- lodging date


def test_a_dossier_lodged_before_the_switch_is_judged_under_decree_98():
    case = person("LDTT", years=[yr(2024)], as_of=AS_OF)
    lodged = dataclasses.replace(case, lodged_on=date(2025, 6, 20))
    verdict = check(lodged)
    assert verdict.rule_set == "luat-06-2022+nd-98-2023"
    assert rule(lodged, "GEN-PENDING").citation == "NĐ 98/2023/NĐ-CP, Điều 4 khoản 4"
    assert check(case).rule_set == "luat-06-2022+nd-152-2025"


def test_a_lodging_date_after_as_of_changes_nothing():
    case = person("LDTT", years=[yr(2024)], as_of=date(2025, 6, 20))
    later = dataclasses.replace(case, lodged_on=date(2025, 7, 2))
    assert check(later) == check(case)


def test_the_contract_reads_lodged_on():
    data = {"award": "LDTT", "year": 2024, "as_of": "2025-09-10", "lodged_on": "2025-06-30",
            "nominee": {"kind": "individual", "months_in_service": 12,
                        "years": [{"year": 2024, "rating": "HTT"}]}}
    assert check_json(data)["rule_set"] == "luat-06-2022+nd-98-2023"


def test_a_lodging_date_before_2024_has_no_rule_set():
    data = {"award": "LDTT", "year": 2023, "as_of": "2024-02-01", "lodged_on": "2023-12-15",
            "nominee": {"kind": "individual", "years": [{"year": 2023, "rating": "HTT"}]}}
    with pytest.raises(NoRuleSet) as err:
        parse_case(data)
    assert err.value.field == "lodged_on" and "15/12/2023" in err.value.message


def test_a_malformed_lodging_date_names_the_field():
    data = {"award": "LDTT", "year": 2024, "lodged_on": "30/06/2025",
            "nominee": {"kind": "individual"}}
    with pytest.raises(CaseError) as err:
        parse_case(data)
    assert err.value.field == "lodged_on"


# ---------------------------------------------------------------- the contract stays compatible


def test_an_old_case_without_the_new_fields_still_gets_a_verdict_with_confidence():
    verdict = check_json(example_case_json())
    assert verdict["eligible"] is True
    assert {r["confidence"] for r in verdict["rules"]} <= {"L", "P", "I", None}
    assert [r["id"] for r in verdict["rules"]][-1] == "BK_TTG-I"
