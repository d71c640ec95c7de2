"""`python manage.py check_eligibility FILE`: the contract on the command line."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from eligibility.models import EligibilitySettings
from tests.factories import ProvinceFactory

ROOT = Path(__file__).resolve().parents[2]

CASE = {
    "award": "LDTT", "year": 2024, "as_of": "2025-03-01",
    "nominee": {"kind": "individual", "months_in_service": 12,
                "years": [{"year": 2024, "rating": "HTT", "titles": []}]},
}
GIAY_KHEN = {
    "award": "GIAY_KHEN", "year": 2024, "as_of": "2025-03-01",
    "nominee": {"kind": "individual", "years": [{"year": 2024, "rating": "HTT"}]},
}


def _write(tmp_path, data, name="case.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def _run(*args) -> dict | list:
    out = StringIO()
    call_command("check_eligibility", *args, stdout=out)
    return json.loads(out.getvalue())


def _results(verdict: dict) -> dict[str, str]:
    return {r["id"]: r["result"] for r in verdict["rules"]}


def test_one_case_prints_its_verdict(tmp_path):
    verdict = _run(_write(tmp_path, CASE))

    assert verdict["award"] == "LDTT"
    assert verdict["rule_set"] == "luat-06-2022+nd-98-2023"
    assert verdict["eligible"] is None
    assert _results(verdict)["LDTT-1"] == "pass"


def test_a_list_of_cases_prints_the_verdicts_in_order(tmp_path):
    failing = {**CASE, "nominee": {**CASE["nominee"],
                                   "years": [{"year": 2024, "rating": "HT"}]}}

    verdicts = _run(_write(tmp_path, [CASE, failing]))

    assert [v["eligible"] for v in verdicts] == [None, False]


def test_output_keeps_vietnamese_letters(tmp_path):
    out = StringIO()
    call_command("check_eligibility", _write(tmp_path, CASE), stdout=out)

    assert "Luật" in out.getvalue()
    assert "\\u" not in out.getvalue()


def test_malformed_case_exits_2_naming_the_field(tmp_path):
    bad = {**CASE, "nominee": {**CASE["nominee"], "years": [{"year": 2024, "rating": "TOT"}]}}

    with pytest.raises(CommandError) as raised:
        call_command("check_eligibility", _write(tmp_path, bad), stdout=StringIO())

    assert raised.value.returncode == 2
    assert "nominee.years[0].rating" in str(raised.value)


def test_malformed_item_of_a_list_names_its_position(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("check_eligibility", _write(tmp_path, [CASE, {**CASE, "award": "XYZ"}]),
                     stdout=StringIO())

    assert raised.value.returncode == 2
    assert "[1].award" in str(raised.value)


def test_as_of_before_2024_exits_2_saying_no_rule_set(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("check_eligibility", _write(tmp_path, {**CASE, "as_of": "2023-12-31"}),
                     stdout=StringIO())

    assert raised.value.returncode == 2
    assert "as_of" in str(raised.value)
    assert "no_rule_set" in str(raised.value)


def test_invalid_json_exits_2(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"award": ', encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("check_eligibility", str(path), stdout=StringIO())

    assert raised.value.returncode == 2
    assert "JSON không hợp lệ" in str(raised.value)


def test_province_option_uses_that_provinces_settings(tmp_path):
    province = ProvinceFactory(code="hung-yen")
    EligibilitySettings.objects.create(province=province, giay_khen_min_rating="HTXS")
    path = _write(tmp_path, GIAY_KHEN)

    assert _results(_run(path))["GIAY_KHEN"] == "manual"
    assert _results(_run(path, "--province", "hung-yen"))["GIAY_KHEN"] == "fail"


def _process(*args, stdin: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check_eligibility", "--settings-only", *args],
        input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60, encoding="utf-8",
    )


def test_dash_reads_the_case_from_standard_input():
    done = _process("-", stdin=json.dumps(CASE))

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["award"] == "LDTT"


def test_the_process_exits_with_status_2_on_a_malformed_case():
    done = _process("-", stdin=json.dumps({**CASE, "year": "2024"}))

    assert done.returncode == 2
    assert done.stdout == ""
    assert '"field": "year"' in done.stderr
