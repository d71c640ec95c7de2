"""The JSON contract: defaults, the verdict's exact shape, and malformed cases answered with
an error that names the field (never with a verdict)."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from eligibility.engine import (
    CaseError,
    NoRuleSet,
    case_to_dict,
    check,
    check_json,
    error_to_dict,
    parse_case,
    parse_cases,
    verdict_to_dict,
)

from .factories import example_case_json, members, person, unit, yr


def _error(data, today: date | None = None) -> CaseError:
    with pytest.raises(CaseError) as err:
        parse_case(data, today=today)
    return err.value


def _with(path: str, value) -> dict:
    """The example case with one value replaced (path like "nominee.years.2.rating")."""
    data = copy.deepcopy(example_case_json())
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return data


def _without(path: str) -> dict:
    data = _with(path, None)
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    del node[last]
    return data


# ---------------------------------------------------------------- good cases


def test_the_example_case_round_trips_to_the_contracts_verdict_shape():
    verdict = check_json(example_case_json())
    assert list(verdict) == ["award", "year", "rule_set", "eligible", "rules"]
    assert verdict["award"] == "BK_TTG" and verdict["year"] == 2024
    assert verdict["rule_set"] == "luat-06-2022+nd-152-2025"
    assert verdict["eligible"] is True
    assert all(list(r) == ["id", "result", "citation", "message", "confidence"]
               for r in verdict["rules"])
    assert verdict["rules"][-1]["id"] == "BK_TTG-I"
    assert verdict["rules"][-1]["result"] == "pass"
    json.dumps(verdict)  # plain JSON types only


def test_as_of_defaults_to_today():
    case = parse_case(_without("as_of"), today=date(2025, 7, 1))
    assert case.as_of == date(2025, 7, 1)


def test_as_of_defaults_to_the_real_today_without_a_given_today():
    assert parse_case(_without("as_of")).as_of == date.today()


def test_basis_defaults_to_cong_trang():
    assert parse_case(_without("basis")).basis == "cong_trang"


def test_optional_nominee_fields_default_to_false_empty_or_unknown():
    case = parse_case({"award": "LDTT", "year": 2024, "as_of": "2025-01-10",
                       "nominee": {"kind": "individual"}})
    n = case.nominee
    assert (n.deceased, n.pending_review, n.months_in_service) == (False, False, None)
    assert n.years == n.awards == n.initiatives == n.disciplines == ()


def test_a_prior_awards_basis_defaults_to_cong_trang():
    data = _with("nominee.awards.0", {"award": "BK_TINH", "year": 2019})
    assert parse_case(data).nominee.awards[0].basis == "cong_trang"


def test_collective_member_figures_and_bloc_leader_are_read():
    data = {"award": "TTLDTT", "year": 2024, "as_of": "2025-02-01", "nominee": {
        "kind": "collective",
        "years": [{"year": 2024, "rating": "HTT", "titles": [], "bloc_leader": True,
                   "members": {"total": 20, "at_least_ht": 20, "ldtt": 14, "cstdcs": 1,
                               "disciplined_canh_cao_or_above": 0}}]}}
    verdict = check_json(data)
    assert verdict["eligible"] is True
    assert "14/20" in verdict["rules"][-2]["message"]


def test_a_list_of_cases_gives_a_list_of_verdicts_in_order():
    second = _with("award", "BK_TINH")
    verdicts = check_json([example_case_json(), second])
    assert [v["award"] for v in verdicts] == ["BK_TTG", "BK_TINH"]


def test_parse_cases_reads_each_case():
    assert [c.award for c in parse_cases([example_case_json()] * 2)] == ["BK_TTG", "BK_TTG"]


def test_case_to_dict_reads_back_to_the_same_case():
    cases = [
        parse_case(example_case_json()),
        unit("BK_TINH", years=[yr(2024, "HTXS", "TTLDXS", members=members(), bloc_leader=True)]),
        person("LDTT", years=[yr(2024, None)], months=None),
    ]
    for case in cases:
        assert parse_case(json.loads(json.dumps(case_to_dict(case)))) == case


def test_verdict_to_dict_matches_the_verdict():
    verdict = check(parse_case(example_case_json()))
    data = verdict_to_dict(verdict)
    assert [r["id"] for r in data["rules"]] == [r.id for r in verdict.rules]


# ---------------------------------------------------------------- malformed cases


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (_with("award", "BK_XYZ"), "award"),
        (_with("award", 5), "award"),
        (_without("year"), "year"),
        (_with("year", "2024"), "year"),
        (_with("year", True), "year"),
        (_with("as_of", "10/09/2025"), "as_of"),
        (_with("as_of", "2025-02-30"), "as_of"),
        (_with("basis", "thuong_xuyen"), "basis"),
        (_without("nominee"), "nominee"),
        (_with("nominee", []), "nominee"),
        (_with("nominee.kind", "group"), "nominee.kind"),
        (_without("nominee.kind"), "nominee.kind"),
        (_with("nominee.deceased", "no"), "nominee.deceased"),
        (_with("nominee.months_in_service", "120"), "nominee.months_in_service"),
        (_with("nominee.months_in_service", -1), "nominee.months_in_service"),
        (_with("nominee.years", {}), "nominee.years"),
        (_with("nominee.years.2.rating", "TOT"), "nominee.years[2].rating"),
        (_without("nominee.years.1.year"), "nominee.years[1].year"),
        (_with("nominee.years.3.year", 2022), "nominee.years[3].year"),
        (_with("nominee.years.0.titles", ["LDTT", 7]), "nominee.years[0].titles[1]"),
        (_with("nominee.years.0.titles", ["TTLDXS"]), "nominee.years[0].titles"),
        (_with("nominee.years.0.titles", ["BK_TINH"]), "nominee.years[0].titles"),
        (_with("nominee.years.0.bloc_leader", True), "nominee.years[0].bloc_leader"),
        (_with("nominee.years.0.members", {"total": 1, "at_least_ht": 1, "ldtt": 1,
                                           "cstdcs": 0, "disciplined_canh_cao_or_above": 0}),
         "nominee.years[0].members"),
        (_with("nominee.years.0.rank", "HTT"), "nominee.years[0].rank"),
        (_with("nominee.yeras", []), "nominee.yeras"),
        (_with("nominee.awards.0.award", "CSTDCS"), "nominee.awards[0].award"),
        (_with("nominee.awards.0.award", "BK"), "nominee.awards[0].award"),
        (_with("nominee.awards.0.basis", "thuong"), "nominee.awards[0].basis"),
        (_without("nominee.awards.0.year"), "nominee.awards[0].year"),
        (_with("nominee.initiatives.0.scope", "huyen"), "nominee.initiatives[0].scope"),
        (_with("nominee.initiatives.0.kind", "bai_bao"), "nominee.initiatives[0].kind"),
        (_without("nominee.initiatives.0.id"), "nominee.initiatives[0].id"),
        (_with("nominee.initiatives.0.year", 20240), "nominee.initiatives[0].year"),
        (_with("nominee.disciplines.0.form", "nhac_nho"), "nominee.disciplines[0].form"),
        (_with("nominee.disciplines.0.start", "2018-13-01"), "nominee.disciplines[0].start"),
        (_with("nominee.disciplines.0.end", "2017-01-01"), "nominee.disciplines[0].end"),
        (_with("extra", 1), "extra"),
    ],
)
def test_a_malformed_case_names_the_field(data, field):
    err = _error(data)
    assert err.field == field
    assert err.message.startswith(f"{field}: ")
    assert str(err) == err.message


def test_an_unknown_award_message_lists_the_codes_in_vietnamese():
    err = _error(_with("award", "BK_XYZ"))
    assert "mã khen thưởng" in err.message and "không hợp lệ" in err.message
    assert "BK_TINH" in err.message


def test_a_missing_required_field_says_so():
    assert "thiếu trường bắt buộc" in _error(_without("year")).message


def test_a_duplicate_year_says_which_entry_it_repeats():
    err = _error(_with("nominee.years.3.year", 2022))
    assert "năm 2022 bị lặp" in err.message and "nominee.years[2]" in err.message


def test_a_duplicate_initiative_id_is_refused():
    data = example_case_json()
    data["nominee"]["initiatives"].append({"id": "SK-2024-07", "year": 2023, "scope": "co_so"})
    assert _error(data).field == "nominee.initiatives[1].id"


def test_an_award_for_the_wrong_kind_names_nominee_kind():
    err = _error(_with("award", "TTLDTT"))
    assert err.field == "nominee.kind"
    assert "Tập thể lao động tiên tiến" in err.message


def test_a_title_on_another_basis_than_cong_trang_names_basis():
    data = _with("award", "LDTT")
    data["basis"] = "dot_xuat"
    err = _error(data)
    assert err.field == "basis" and "danh hiệu thi đua" in err.message


def test_a_deceased_collective_is_refused():
    data = {"award": "TTLDTT", "year": 2024, "as_of": "2025-01-10",
            "nominee": {"kind": "collective", "deceased": True}}
    assert _error(data).field == "nominee.deceased"


def test_member_figures_above_the_total_name_the_figure():
    data = {"award": "TTLDTT", "year": 2024, "as_of": "2025-01-10", "nominee": {
        "kind": "collective", "years": [{"year": 2024, "rating": "HTT", "members": {
            "total": 10, "at_least_ht": 10, "ldtt": 11, "cstdcs": 0,
            "disciplined_canh_cao_or_above": 0}}]}}
    err = _error(data)
    assert err.field == "nominee.years[0].members.ldtt"
    assert "lớn hơn tổng số thành viên (10)" in err.message


def test_a_missing_member_figure_is_named():
    data = {"award": "TTLDTT", "year": 2024, "as_of": "2025-01-10", "nominee": {
        "kind": "collective", "years": [{"year": 2024, "members": {"total": 10}}]}}
    assert _error(data).field == "nominee.years[0].members.at_least_ht"


def test_as_of_before_2024_is_a_no_rule_set_error():
    err = _error(_with("as_of", "2023-12-31"))
    assert isinstance(err, NoRuleSet)
    assert err.field == "as_of"
    assert "không thuộc bộ quy tắc nào" in err.message and "01/01/2024" in err.message


def test_a_default_as_of_before_2024_is_refused_too():
    assert isinstance(_error(_without("as_of"), today=date(2023, 6, 1)), NoRuleSet)


def test_a_case_that_is_not_an_object_is_refused():
    err = _error(["BK_TTG"])
    assert err.field == "" and "đối tượng JSON" in err.message


def test_an_error_in_a_list_names_the_item():
    with pytest.raises(CaseError) as err:
        check_json([example_case_json(), _with("nominee.years.2.rating", "X")])
    assert err.value.field == "[1].nominee.years[2].rating"
    assert err.value.message.startswith("[1].nominee.years[2].rating: ")


def test_a_list_error_keeps_its_no_rule_set_kind():
    with pytest.raises(NoRuleSet) as err:
        parse_cases([_with("as_of", "2020-01-01")])
    assert err.value.field == "[0].as_of"


def test_error_to_dict_gives_kind_field_and_message():
    assert error_to_dict(_error(_with("award", "X"))) == {
        "error": "invalid_case", "field": "award",
        "message": _error(_with("award", "X")).message,
    }
    assert error_to_dict(_error(_with("as_of", "2023-01-01")))["error"] == "no_rule_set"
