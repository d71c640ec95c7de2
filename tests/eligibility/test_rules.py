"""Every rule id of LAW-2022.md: at least one pass and one fail (or manual), with the
boundaries named in the issue (70 % / 69 %, a gap year, an initiative from another year, a
used initiative, discipline overlapping the window)."""

from __future__ import annotations

from eligibility.engine import EligibilityConfig, check

from .factories import (
    disc,
    members,
    person,
    prior,
    rule,
    run,
    sk,
    unit,
    yr,
)

# ---------------------------------------------------------------- GEN-PENDING


def test_pending_review_fails_gen_pending():
    result = rule(person("LDTT", years=[yr(2024)], pending_review=True), "GEN-PENDING")
    assert result.result == "fail"
    assert "xem xét kỷ luật" in result.message


def test_no_pending_review_passes_gen_pending():
    assert rule(person("LDTT", years=[yr(2024)]), "GEN-PENDING").result == "pass"


def test_pending_review_of_a_collective_fails_gen_pending():
    case = unit("TTLDTT", years=[yr(2024, members=members())], pending_review=True)
    assert rule(case, "GEN-PENDING").result == "fail"


# ---------------------------------------------------------------- GEN-DISCIPLINE


def test_discipline_overlapping_the_evaluation_year_fails_gen_discipline():
    case = person("LDTT", years=[yr(2024)], disciplines=[disc("2024-03-01", "2024-08-31")])
    result = rule(case, "GEN-DISCIPLINE")
    assert result.result == "fail"
    assert "khiển trách từ 01/03/2024 đến 31/08/2024 trùng năm 2024" in result.message
    assert "thành tích chỉ được tính từ 01/09/2024" in result.message


def test_discipline_ended_before_the_window_passes_gen_discipline_with_a_note():
    case = person("LDTT", years=[yr(2024)], disciplines=[disc("2023-02-01", "2023-12-31")])
    result = rule(case, "GEN-DISCIPLINE")
    assert result.result == "pass"
    assert "đã hết trước thời gian xét 2024" in result.message
    assert "01/01/2024" in result.message


def test_discipline_in_the_first_of_three_cstdcs_years_fails_cstd_tinh():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTXS", "LDTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2024, "tinh")],
                  disciplines=[disc("2021-10-01", "2022-04-01")])
    result = rule(case, "GEN-DISCIPLINE")
    assert result.result == "fail"
    assert "2022–2024" in result.message and "trùng năm 2022" in result.message


def test_discipline_still_in_force_fails_gen_discipline_without_a_resume_date():
    case = person("LDTT", years=[yr(2024)], disciplines=[
        disc("2024-01-05", "2024-02-05"), disc("2023-06-01", None, "canh_cao")])
    result = rule(case, "GEN-DISCIPLINE")
    assert result.result == "fail"
    assert "cảnh cáo từ 01/06/2023 (chưa hết thời hạn) trùng năm 2024" in result.message
    assert "thành tích chỉ được tính từ" not in result.message


def test_discipline_starting_after_the_evaluation_year_passes_gen_discipline():
    case = person("LDTT", years=[yr(2024)], disciplines=[disc("2025-02-01", "2025-08-01")])
    result = rule(case, "GEN-DISCIPLINE")
    assert result.result == "pass"
    assert "sau năm 2024" in result.message


def test_ended_discipline_inside_the_years_after_the_prior_award_leaves_bk_ttg_to_review():
    case = person("BK_TTG", years=run(2018, 2024, "HTT", "LDTT", "CSTDCS"),
                  awards=[prior("BK_TINH", 2017)], disciplines=[disc("2019-05-01", "2019-11-01")])
    discipline = rule(case, "GEN-DISCIPLINE")
    # it blocks point b's years; points other than b are the reviewer's
    assert discipline.result == "manual"
    assert "2018–2024" in discipline.message and "trùng năm 2019" in discipline.message
    bk_ttg = rule(case, "BK_TTG-I")
    assert bk_ttg.result == "manual"
    assert "năm 2018–2019 chưa được tính vì thành tích chỉ tính từ khi hết kỷ luật" in (
        bk_ttg.message)


def test_discipline_still_in_force_fails_bk_ttg_outright():
    case = person("BK_TTG", years=run(2018, 2024, "HTT", "LDTT", "CSTDCS"),
                  awards=[prior("BK_TINH", 2017)], disciplines=[disc("2024-05-01", None)])
    assert rule(case, "GEN-DISCIPLINE").result == "fail"
    assert check(case).eligible is False


def test_discipline_cuts_a_bk_tinh_run_so_an_initiative_before_it_no_longer_counts():
    years = run(2021, 2024, "HTXS", "LDTT")
    inits = [sk("SK-1", 2021), sk("SK-2", 2024)]
    clean = person("BK_TINH", years=years, initiatives=inits)
    assert rule(clean, "BK_TINH-I").result == "pass"
    disciplined = person("BK_TINH", years=years, initiatives=inits,
                         disciplines=[disc("2022-01-10", "2022-06-10")])
    assert rule(disciplined, "GEN-DISCIPLINE").result == "pass"  # window 2023–2024 is clear
    result = rule(disciplined, "BK_TINH-I")
    assert result.result == "manual"
    assert "2023–2024" in result.message and "SK-1 (2021) ngoài thời gian" in result.message


# ---------------------------------------------------------------- GEN-POSTHUMOUS


def test_deceased_person_fails_gen_posthumous_for_a_title():
    result = rule(person("CSTDCS", years=[yr(2024, "HTXS", "LDTT")], deceased=True),
                  "GEN-POSTHUMOUS")
    assert result.result == "fail"
    assert result.message.startswith("(Diễn giải của hệ thống) ")
    assert "Chiến sĩ thi đua cơ sở" in result.message


def test_deceased_person_passes_gen_posthumous_for_a_bang_khen():
    result = rule(person("BK_TINH", years=[yr(2024)], deceased=True), "GEN-POSTHUMOUS")
    assert result.result == "pass"
    assert "truy tặng" in result.message


def test_living_person_passes_gen_posthumous_for_a_title():
    assert rule(person("LDTT", years=[yr(2024)]), "GEN-POSTHUMOUS").result == "pass"


def test_gen_posthumous_does_not_apply_to_a_collective_but_is_listed():
    result = rule(unit("TTLDTT", years=[yr(2024, members=members())]), "GEN-POSTHUMOUS")
    assert result.result == "pass"
    assert "Không áp dụng" in result.message


def test_deceased_person_leaves_a_giay_khen_to_the_reviewer():
    result = rule(person("GIAY_KHEN", years=[yr(2024)], deceased=True), "GEN-POSTHUMOUS")
    assert result.result == "manual"
    assert "Cần người thẩm định xem xét: " in result.message


# ---------------------------------------------------------------- GEN-BASIS


def _bk_ttg_years():
    return [yr(y, "HTT", "LDTT", "CSTDCS") for y in range(2019, 2025)]


def test_prior_bk_tinh_on_dot_xuat_basis_leaves_gen_basis_and_bk_ttg_to_the_reviewer():
    case = person("BK_TTG", years=_bk_ttg_years(), awards=[prior("BK_TINH", 2018, "dot_xuat")])
    basis = rule(case, "GEN-BASIS")
    assert basis.result == "manual"  # it only decides point b of Điều 73 khoản 1
    assert "2018 (đột xuất)" in basis.message
    assert "điểm b Điều 73 khoản 1" in basis.message
    assert rule(case, "BK_TTG-I").result == "manual"
    assert rule(case, "GEN-LOWER").result == "pass"  # a BK_TINH exists; its basis is the issue


def test_prior_bk_tinh_on_chuyen_de_basis_does_not_count_for_gen_basis():
    case = person("BK_TTG", years=_bk_ttg_years(), awards=[prior("BK_TINH", 2018, "chuyen_de")])
    result = rule(case, "GEN-BASIS")
    assert result.result == "manual"
    assert "2018 (chuyên đề) không phải khen theo công trạng" in result.message


def test_prior_bk_tinh_on_cong_trang_passes_gen_basis_and_notes_the_excluded_one():
    case = person("BK_TTG", years=_bk_ttg_years(),
                  awards=[prior("BK_TINH", 2018), prior("BK_TINH", 2016, "dot_xuat")])
    result = rule(case, "GEN-BASIS")
    assert result.result == "pass"
    assert "2018 theo công trạng được tính" in result.message
    assert "2016 (đột xuất)" in result.message


def test_prior_bk_ttg_on_chuyen_de_basis_does_not_count_for_hcld3():
    case = person("HCLD3", years=[yr(y, "HTXS", "LDTT", "CSTDCS") for y in range(2019, 2025)],
                  awards=[prior("BK_TTG", 2018, "chuyen_de")])
    assert rule(case, "GEN-BASIS").result == "manual"
    hcld3 = rule(case, "HCLD3-I")
    assert hcld3.result == "manual"
    assert "chưa có Bằng khen của Thủ tướng theo công trạng" in hcld3.message


def test_gen_basis_does_not_apply_to_a_title_but_is_listed():
    result = rule(person("LDTT", years=[yr(2024)]), "GEN-BASIS")
    assert result.result == "pass"
    assert result.message.startswith("Không áp dụng")


# ---------------------------------------------------------------- GEN-ONE-USE


def test_used_initiative_fails_gen_one_use_and_cstdcs_2():
    case = person("CSTDCS", years=[yr(2024, "HTT", "LDTT")],
                  initiatives=[sk("SK-1", 2024, used_for="BK_TINH")])
    one_use = rule(case, "GEN-ONE-USE")
    assert one_use.result == "fail"
    assert "SK-1 (2024) đã dùng để xét Bằng khen của Chủ tịch UBND tỉnh" in one_use.message
    assert "0/1" in one_use.message
    assert rule(case, "CSTDCS-2").result == "fail"


def test_used_initiative_counts_when_the_province_turns_one_use_off():
    case = person("CSTDCS", years=[yr(2024, "HTT", "LDTT")],
                  initiatives=[sk("SK-1", 2024, used_for="BK_TINH")])
    config = EligibilityConfig(one_use_initiatives=False)
    assert rule(case, "GEN-ONE-USE", config).result == "pass"
    assert rule(case, "CSTDCS-2", config).result == "pass"


def test_used_initiative_beside_enough_unused_ones_passes_gen_one_use():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2023), sk("SK-2", 2024), sk("SK-3", 2024, used_for="X")])
    result = rule(case, "GEN-ONE-USE")
    assert result.result == "pass"
    assert "SK-3 (2024) đã dùng" in result.message
    assert rule(case, "BK_TINH-I").result == "pass"


def test_used_initiative_is_irrelevant_when_htxs_carries_cstdcs():
    case = person("CSTDCS", years=[yr(2024, "HTXS", "LDTT")],
                  initiatives=[sk("SK-1", 2024, used_for="BK_TINH")])
    result = rule(case, "GEN-ONE-USE")
    assert result.result == "pass"
    assert "không cần sáng kiến" in result.message


def test_used_initiative_that_bk_tinh_point_d_needs_leaves_gen_one_use_to_the_reviewer():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2023), sk("SK-2", 2024, used_for="CSTDCS")])
    result = rule(case, "GEN-ONE-USE")
    assert result.result == "manual"  # only point d counts initiatives
    assert "1/2" in result.message and "điểm d Điều 74 khoản 1" in result.message
    assert rule(case, "BK_TINH-I").result == "manual"


def test_gen_one_use_does_not_apply_to_ldtt_but_is_listed():
    result = rule(person("LDTT", years=[yr(2024)]), "GEN-ONE-USE")
    assert result.result == "pass"
    assert result.message.startswith("Không áp dụng")


# ---------------------------------------------------------------- GEN-LOWER


def test_bk_ttg_without_any_bk_tinh_leaves_gen_lower_to_the_reviewer():
    result = rule(person("BK_TTG", years=_bk_ttg_years()), "GEN-LOWER")
    assert result.result == "manual"  # only point b names the prior award
    assert "chưa có trước năm 2024" in result.message
    assert "Hội đồng xem xét các tiêu chuẩn còn lại" in result.message


def test_bk_ttg_with_a_bk_tinh_passes_gen_lower():
    result = rule(person("BK_TTG", years=_bk_ttg_years(), awards=[prior("BK_TINH", 2018)]),
                  "GEN-LOWER")
    assert result.result == "pass"
    assert "2018" in result.message


def test_higher_award_without_a_named_prior_passes_gen_lower():
    result = rule(person("CSTD_TINH", years=[yr(2024)]), "GEN-LOWER")
    assert result.result == "pass"
    assert "Không bắt buộc" in result.message


# ---------------------------------------------------------------- LDTT


def test_ldtt_1_passes_htt():
    result = rule(person("LDTT", years=[yr(2024, "HTT")]), "LDTT-1")
    assert result.result == "pass"
    assert "Năm 2024" in result.message


def test_ldtt_1_fails_ht():
    result = rule(person("LDTT", years=[yr(2024, "HT")]), "LDTT-1")
    assert result.result == "fail"
    assert "Năm 2024 chỉ xếp loại hoàn thành nhiệm vụ" in result.message


def test_ldtt_1_fails_a_missing_year():
    result = rule(person("LDTT", years=[yr(2023)]), "LDTT-1")
    assert result.result == "fail"
    assert "Không có dữ liệu năm 2024" in result.message


def test_ldtt_1_fails_a_year_without_rating():
    assert rule(person("LDTT", years=[yr(2024, None)]), "LDTT-1").result == "fail"


def test_ldtt_2_passes_exactly_six_months():
    result = rule(person("LDTT", years=[yr(2024)], months=6), "LDTT-2")
    assert result.result == "pass"
    assert "6 tháng" in result.message


def test_ldtt_2_fails_five_months():
    result = rule(person("LDTT", years=[yr(2024)], months=5), "LDTT-2")
    assert result.result == "fail"
    assert "Mới công tác 5 tháng tính đến hết năm 2024" in result.message


def test_ldtt_2_fails_unknown_months():
    assert rule(person("LDTT", years=[yr(2024)], months=None), "LDTT-2").result == "fail"


def test_ldtt_3_is_left_to_the_reviewer():
    result = rule(person("LDTT", years=[yr(2024)]), "LDTT-3")
    assert result.result == "manual"
    assert result.message.startswith("Cần người thẩm định xem xét: ")
    assert "2024" in result.message


# ---------------------------------------------------------------- CSTDCS


def test_cstdcs_1_passes_with_ldtt_held():
    assert rule(person("CSTDCS", years=[yr(2024, "HTT", "LDTT")]), "CSTDCS-1").result == "pass"


def test_cstdcs_1_passes_when_ldtt_criteria_are_met_without_the_title():
    result = rule(person("CSTDCS", years=[yr(2024, "HTXS")]), "CSTDCS-1")
    assert result.result == "pass"
    assert "đủ tiêu chuẩn" in result.message


def test_cstdcs_1_fails_without_ldtt_and_below_htt():
    result = rule(person("CSTDCS", years=[yr(2024, "HT")]), "CSTDCS-1")
    assert result.result == "fail"
    assert "hoàn thành nhiệm vụ" in result.message


def test_cstdcs_2_passes_htxs():
    assert rule(person("CSTDCS", years=[yr(2024, "HTXS", "LDTT")]), "CSTDCS-2").result == "pass"


def test_cstdcs_2_passes_an_initiative_of_the_year():
    case = person("CSTDCS", years=[yr(2024, "HTT", "LDTT")], initiatives=[sk("SK-9", 2024)])
    result = rule(case, "CSTDCS-2")
    assert result.result == "pass"
    assert "SK-9 (2024)" in result.message


def test_cstdcs_2_passes_a_science_project_accepted_in_the_year():
    case = person("CSTDCS", years=[yr(2024, "HTT", "LDTT")],
                  initiatives=[sk("DT-1", 2024, kind="de_tai")])
    assert rule(case, "CSTDCS-2").result == "pass"


def test_cstdcs_2_fails_an_initiative_from_another_year():
    case = person("CSTDCS", years=[yr(2024, "HTT", "LDTT")], initiatives=[sk("SK-8", 2023)])
    result = rule(case, "CSTDCS-2")
    assert result.result == "fail"
    assert "SK-8 (2023) ngoài thời gian 2024" in result.message


# ---------------------------------------------------------------- CSTD_TINH


def test_cstd_tinh_1_passes_three_cstdcs_in_a_row():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTXS", "LDTT", "CSTDCS"))
    result = rule(case, "CSTD_TINH-1")
    assert result.result == "pass"
    assert "2022, 2023, 2024" in result.message


def test_cstd_tinh_1_fails_when_the_last_year_lacks_cstdcs():
    years = [*run(2022, 2023, "HTXS", "LDTT", "CSTDCS"), yr(2024, "HTT", "LDTT")]
    result = rule(person("CSTD_TINH", years=years), "CSTD_TINH-1")
    assert result.result == "fail"
    assert "CSTĐCS năm 2022, 2023 nhưng thiếu năm 2024" in result.message


def test_cstd_tinh_1_fails_a_gap_year():
    years = [yr(2022, "HTXS", "CSTDCS"), yr(2024, "HTXS", "CSTDCS")]
    result = rule(person("CSTD_TINH", years=years), "CSTD_TINH-1")
    assert result.result == "fail"
    assert "thiếu năm 2023 (năm 2023 không có dữ liệu)" in result.message


def test_cstd_tinh_2_passes_a_province_scope_initiative_in_the_window():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTXS", "CSTDCS"),
                  initiatives=[sk("SK-T", 2022, "tinh")])
    assert rule(case, "CSTD_TINH-2").result == "pass"


def test_cstd_tinh_2_fails_a_co_so_scope_initiative():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTXS", "CSTDCS"),
                  initiatives=[sk("SK-C", 2024, "co_so")])
    result = rule(case, "CSTD_TINH-2")
    assert result.result == "fail"
    assert "SK-C (2024) chưa đạt phạm vi tỉnh trở lên" in result.message


def test_cstd_tinh_2_fails_a_province_scope_initiative_before_the_window():
    case = person("CSTD_TINH", years=run(2022, 2024, "HTXS", "CSTDCS"),
                  initiatives=[sk("SK-T", 2021, "tinh")])
    result = rule(case, "CSTD_TINH-2")
    assert result.result == "fail"
    assert "ngoài thời gian 2022–2024" in result.message


# ---------------------------------------------------------------- CSTDTQ


def test_cstdtq_1_passes_cstd_tinh_in_y_minus_3_and_y():
    years = [yr(2021, "HTXS", "CSTDCS", "CSTD_TINH"), yr(2024, "HTXS", "CSTDCS", "CSTD_TINH")]
    result = rule(person("CSTDTQ", years=years), "CSTDTQ-1")
    assert result.result == "pass"
    assert result.message.startswith("(Diễn giải của hệ thống) ")


def test_cstdtq_1_fails_a_single_cstd_tinh():
    years = [yr(2021, "HTXS", "CSTDCS"), yr(2024, "HTXS", "CSTDCS", "CSTD_TINH")]
    result = rule(person("CSTDTQ", years=years), "CSTDTQ-1")
    assert result.result == "fail"
    assert "năm 2024 nhưng thiếu năm 2021" in result.message


def test_cstdtq_2_passes_a_national_scope_project():
    case = person("CSTDTQ", years=[yr(2024, "HTXS")],
                  initiatives=[sk("DT-QG", 2020, "toan_quoc", "de_tai")])
    assert rule(case, "CSTDTQ-2").result == "pass"


def test_cstdtq_2_fails_a_province_scope_initiative():
    case = person("CSTDTQ", years=[yr(2024, "HTXS")], initiatives=[sk("SK-T", 2023, "tinh")])
    result = rule(case, "CSTDTQ-2")
    assert result.result == "fail"
    assert "phạm vi toàn quốc" in result.message


# ---------------------------------------------------------------- TTLDTT


def test_ttldtt_1_passes_htt():
    assert rule(unit("TTLDTT", years=[yr(2024, "HTT", members=members())]),
                "TTLDTT-1").result == "pass"


def test_ttldtt_1_fails_ht():
    assert rule(unit("TTLDTT", years=[yr(2024, "HT", members=members())]),
                "TTLDTT-1").result == "fail"


def test_ttldtt_2_passes_exactly_70_percent():
    result = rule(unit("TTLDTT", years=[yr(2024, members=members(20, ldtt=14))]), "TTLDTT-2")
    assert result.result == "pass"
    assert "14/20" in result.message and "(70 %;" in result.message


def test_ttldtt_2_fails_69_percent():
    result = rule(unit("TTLDTT", years=[yr(2024, members=members(100, ldtt=69))]), "TTLDTT-2")
    assert result.result == "fail"
    assert "69/100" in result.message and "(69 %;" in result.message


def test_ttldtt_2_fails_just_under_70_percent_without_rounding_up():
    # 699/1000 = 69.9 %: integer arithmetic, never rounded to 70 %
    result = rule(unit("TTLDTT", years=[yr(2024, members=members(1000, ldtt=699))]), "TTLDTT-2")
    assert result.result == "fail"
    assert "69,9 %" in result.message


def test_ttldtt_2_fails_without_member_figures():
    result = rule(unit("TTLDTT", years=[yr(2024)]), "TTLDTT-2")
    assert result.result == "fail"
    assert "Không có số liệu thành viên" in result.message


def test_ttldtt_3_passes_no_member_disciplined():
    assert rule(unit("TTLDTT", years=[yr(2024, members=members())]), "TTLDTT-3").result == "pass"


def test_ttldtt_3_fails_a_member_warned_or_worse():
    result = rule(unit("TTLDTT", years=[yr(2024, members=members(disciplined=1))]), "TTLDTT-3")
    assert result.result == "fail"
    assert "Năm 2024 có 1 thành viên" in result.message


# ---------------------------------------------------------------- TTLDXS


def test_ttldxs_1_passes_htxs():
    assert rule(unit("TTLDXS", years=[yr(2024, "HTXS", members=members())]),
                "TTLDXS-1").result == "pass"


def test_ttldxs_1_fails_htt():
    result = rule(unit("TTLDXS", years=[yr(2024, "HTT", members=members())]), "TTLDXS-1")
    assert result.result == "fail"
    assert "chưa đạt hoàn thành xuất sắc nhiệm vụ" in result.message


def test_ttldxs_2_passes_all_members_ht_and_70_percent_ldtt():
    assert rule(unit("TTLDXS", years=[yr(2024, "HTXS", members=members(10, ldtt=7))]),
                "TTLDXS-2").result == "pass"


def test_ttldxs_2_fails_one_member_below_ht():
    result = rule(unit("TTLDXS", years=[yr(2024, "HTXS", members=members(10, 9, 9))]),
                  "TTLDXS-2")
    assert result.result == "fail"
    assert "9/10 thành viên hoàn thành nhiệm vụ trở lên" in result.message


def test_ttldxs_2_fails_69_percent_ldtt():
    assert rule(unit("TTLDXS", years=[yr(2024, "HTXS", members=members(100, ldtt=69))]),
                "TTLDXS-2").result == "fail"


def test_ttldxs_3_passes_one_member_cstdcs():
    assert rule(unit("TTLDXS", years=[yr(2024, "HTXS", members=members(cstdcs=1))]),
                "TTLDXS-3").result == "pass"


def test_ttldxs_3_fails_no_member_cstdcs():
    assert rule(unit("TTLDXS", years=[yr(2024, "HTXS", members=members(cstdcs=0))]),
                "TTLDXS-3").result == "fail"


# ---------------------------------------------------------------- CO_TINH, CO_CP


def test_co_tinh_1_passes_the_bloc_leader():
    result = rule(unit("CO_TINH", years=[yr(2024, "HTXS", bloc_leader=True)]), "CO_TINH-1")
    assert result.result == "pass"
    assert "2024" in result.message


def test_co_tinh_1_fails_a_unit_that_did_not_lead_its_bloc():
    assert rule(unit("CO_TINH", years=[yr(2024, "HTXS")]), "CO_TINH-1").result == "fail"


def test_co_tinh_2_is_left_to_the_reviewer():
    result = rule(unit("CO_TINH", years=[yr(2024, "HTXS", bloc_leader=True)]), "CO_TINH-2")
    assert result.result == "manual"
    assert result.message.startswith("Cần người thẩm định xem xét: ")


def test_co_cp_1_passes_a_holder_of_the_province_flag():
    result = rule(unit("CO_CP", years=[yr(2024, "HTXS", "CO_TINH")]), "CO_CP-1")
    assert result.result == "pass"


def test_co_cp_1_passes_a_bloc_leader():
    assert rule(unit("CO_CP", years=[yr(2024, "HTXS", bloc_leader=True)]),
                "CO_CP-1").result == "pass"


def test_co_cp_1_fails_without_flag_or_lead():
    assert rule(unit("CO_CP", years=[yr(2024, "HTXS", "TTLDXS")]), "CO_CP-1").result == "fail"


def test_co_cp_2_is_left_to_the_reviewer():
    assert rule(unit("CO_CP", years=[yr(2024, "HTXS", "CO_TINH")]),
                "CO_CP-2").result == "manual"


# ---------------------------------------------------------------- BK_TINH


def test_bk_tinh_i_passes_two_cstdcs_and_two_initiatives():
    case = person("BK_TINH", years=run(2023, 2024, "HTT", "LDTT", "CSTDCS"),
                  initiatives=[sk("SK-1", 2023), sk("SK-2", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.result == "pass"
    assert "CSTĐCS 2 năm liên tục 2023–2024" in result.message
    assert "SK-1 (2023), SK-2 (2024)" in result.message


def test_bk_tinh_i_passes_a_longer_htxs_run_with_an_initiative_at_its_start():
    case = person("BK_TINH", years=run(2022, 2024, "HTXS"),
                  initiatives=[sk("SK-1", 2022), sk("SK-2", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.result == "pass"
    assert "3 năm liên tục 2022–2024" in result.message


def test_bk_tinh_i_leaves_to_the_reviewer_a_single_cstdcs_year():
    case = person("BK_TINH", years=[yr(2023, "HTT", "LDTT"), yr(2024, "HTT", "CSTDCS")],
                  initiatives=[sk("SK-1", 2024), sk("SK-2", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.result == "manual"
    assert "chưa có 2 năm liên tục đến năm 2024" in result.message


def test_bk_tinh_i_leaves_to_the_reviewer_a_gap_year_in_the_htxs_run():
    case = person("BK_TINH", years=[yr(2022, "HTXS"), yr(2024, "HTXS")],
                  initiatives=[sk("SK-1", 2022), sk("SK-2", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.result == "manual"
    assert "năm 2023 không có dữ liệu" in result.message


def test_bk_tinh_i_leaves_to_the_reviewer_one_initiative():
    case = person("BK_TINH", years=run(2023, 2024, "HTXS"), initiatives=[sk("SK-1", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.result == "manual"
    assert "1/2" in result.message


def test_bk_tinh_i_leaves_to_the_reviewer_an_initiative_from_before_the_run():
    case = person("BK_TINH", years=[yr(2022, "HT"), *run(2023, 2024, "HTXS")],
                  initiatives=[sk("SK-1", 2022), sk("SK-2", 2024)])
    result = rule(case, "BK_TINH-I")
    assert result.result == "manual"
    assert "SK-1 (2022) ngoài thời gian 2023–2024" in result.message


def test_bk_tinh_i_on_another_basis_is_left_to_the_reviewer():
    case = person("BK_TINH", years=[yr(2024)], basis="dot_xuat")
    result = rule(case, "BK_TINH-I")
    assert result.result == "manual"
    assert "đột xuất" in result.message


def test_bk_tinh_c_passes_two_htxs_years():
    case = unit("BK_TINH", years=[yr(2023, "HTXS"), yr(2024, "HTXS")])
    assert rule(case, "BK_TINH-C").result == "pass"


def test_bk_tinh_c_passes_two_ttldxs_years():
    case = unit("BK_TINH", years=[yr(2023, "HTXS", "TTLDXS"), yr(2024, "HTXS", "TTLDXS")])
    assert rule(case, "BK_TINH-C").result == "pass"


def test_bk_tinh_c_fails_htxs_in_the_last_year_only():
    result = rule(unit("BK_TINH", years=[yr(2023, "HTT"), yr(2024, "HTXS")]), "BK_TINH-C")
    assert result.result == "fail"
    assert "năm 2023 hoàn thành tốt nhiệm vụ" in result.message


def test_bk_tinh_c_on_another_basis_is_left_to_the_reviewer():
    case = unit("BK_TINH", years=[yr(2024)], basis="chuyen_de")
    assert rule(case, "BK_TINH-C").result == "manual"


# ---------------------------------------------------------------- BK_TTG


def test_bk_ttg_i_leaves_to_the_reviewer_four_years_after_the_bk_tinh():
    case = person("BK_TTG", years=_bk_ttg_years(), awards=[prior("BK_TINH", 2020)])
    result = rule(case, "BK_TTG-I")
    assert result.result == "manual"
    assert "từ 2021 đến 2024 mới có 4 năm" in result.message


def test_bk_ttg_i_passes_five_years_after_the_bk_tinh():
    case = person("BK_TTG", years=_bk_ttg_years(), awards=[prior("BK_TINH", 2019)])
    result = rule(case, "BK_TTG-I")
    assert result.result == "pass"
    assert "5 năm liên tục 2020–2024" in result.message and "5 lần CSTĐCS" in result.message


def test_bk_ttg_i_leaves_to_the_reviewer_a_gap_year_after_the_bk_tinh():
    years = [y for y in _bk_ttg_years() if y.year != 2022]
    case = person("BK_TTG", years=years, awards=[prior("BK_TINH", 2019)])
    result = rule(case, "BK_TTG-I")
    assert result.result == "manual"
    assert "năm 2022 không có dữ liệu" in result.message


def test_bk_ttg_i_leaves_to_the_reviewer_a_year_below_htt_after_the_bk_tinh():
    years = [yr(y, "HT" if y == 2021 else "HTT", "CSTDCS") for y in range(2020, 2025)]
    result = rule(person("BK_TTG", years=years, awards=[prior("BK_TINH", 2019)]), "BK_TTG-I")
    assert result.result == "manual"
    assert "năm 2021 chỉ hoàn thành nhiệm vụ" in result.message


def test_bk_ttg_i_leaves_to_the_reviewer_two_cstdcs():
    years = [yr(y, "HTT", *(("CSTDCS",) if y in (2021, 2023) else ())) for y in range(2020, 2025)]
    result = rule(person("BK_TTG", years=years, awards=[prior("BK_TINH", 2019)]), "BK_TTG-I")
    assert result.result == "manual"
    assert "chỉ có 2 lần CSTĐCS (2021, 2023), cần ít nhất 3" in result.message


def test_bk_ttg_i_leaves_to_the_reviewer_without_bk_tinh():
    result = rule(person("BK_TTG", years=_bk_ttg_years()), "BK_TTG-I")
    assert result.result == "manual"
    assert "chưa có Bằng khen cấp tỉnh theo công trạng trước năm 2024" in result.message


def test_bk_ttg_i_on_another_basis_is_left_to_the_reviewer():
    case = person("BK_TTG", years=_bk_ttg_years(), basis="dot_xuat")
    assert rule(case, "BK_TTG-I").result == "manual"


def test_bk_ttg_c_is_left_to_the_reviewer():
    result = rule(unit("BK_TTG", years=[yr(2024, "HTXS")]), "BK_TTG-C")
    assert result.result == "manual"
    assert "chưa được đối chiếu" in result.message


# ---------------------------------------------------------------- HCLD3


def _hcld3_years(htxs_year: int | None = 2022):
    return [yr(y, "HTXS" if y == htxs_year else "HTT", "LDTT",
               *(("CSTDCS",) if y % 2 == 0 else ())) for y in range(2019, 2025)]


def test_hcld3_i_passes_bk_ttg_five_years_one_htxs_three_cstdcs():
    case = person("HCLD3", years=_hcld3_years(), awards=[prior("BK_TTG", 2018)])
    result = rule(case, "HCLD3-I")
    assert result.result == "pass"
    assert "6 năm liên tục 2019–2024" in result.message
    assert "3 lần CSTĐCS (2020, 2022, 2024)" in result.message
    assert "1 năm hoàn thành xuất sắc (2022)" in result.message


def test_hcld3_i_leaves_to_the_reviewer_without_an_htxs_year():
    case = person("HCLD3", years=_hcld3_years(htxs_year=None), awards=[prior("BK_TTG", 2018)])
    result = rule(case, "HCLD3-I")
    assert result.result == "manual"
    assert "không có năm nào hoàn thành xuất sắc" in result.message


def test_hcld3_i_leaves_to_the_reviewer_with_only_a_bk_tinh():
    case = person("HCLD3", years=_hcld3_years(), awards=[prior("BK_TINH", 2018)])
    assert rule(case, "HCLD3-I").result == "manual"


def test_hcld3_c_is_left_to_the_reviewer():
    assert rule(unit("HCLD3", years=[yr(2024, "HTXS")]), "HCLD3-C").result == "manual"


# ---------------------------------------------------------------- GIAY_KHEN


def test_giay_khen_is_left_to_the_reviewer_by_default():
    result = rule(person("GIAY_KHEN", years=[yr(2024)]), "GIAY_KHEN")
    assert result.result == "manual"
    assert "do tỉnh, ngành quy định" in result.message


def test_giay_khen_passes_the_rating_the_province_configured():
    config = EligibilityConfig(giay_khen_min_rating="HTT")
    result = rule(person("GIAY_KHEN", years=[yr(2024, "HTT")]), "GIAY_KHEN", config)
    assert result.result == "pass"
    assert result.message.startswith("Theo tiêu chuẩn của tỉnh: năm 2024")


def test_giay_khen_fails_below_the_rating_the_province_configured():
    config = EligibilityConfig(giay_khen_min_rating="HTT")
    case = unit("GIAY_KHEN", years=[yr(2024, "HT", members=members())])
    assert rule(case, "GIAY_KHEN", config).result == "fail"


# ---------------------------------------------------------------- whole verdicts


def test_a_clean_cstdcs_case_is_eligible():
    case = person("CSTDCS", years=[yr(2024, "HTXS", "LDTT")])
    assert check(case).eligible is True


def test_a_manual_rule_makes_an_otherwise_passing_case_undecided():
    assert check(person("LDTT", years=[yr(2024, "HTT")])).eligible is None


def test_one_failing_rule_makes_the_case_ineligible_even_with_manual_rules():
    assert check(person("LDTT", years=[yr(2024, "HT")])).eligible is False
