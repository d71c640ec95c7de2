"""POST /api/v1/eligibility/check: the contract over HTTP, and its OpenAPI description."""

import pytest
from django.urls import reverse

from api.examples import CONTRACT_CASE
from eligibility.models import EligibilitySettings
from tests.factories import UnitFactory, UserFactory

URL = "/api/v1/eligibility/check"

CASE = {
    "award": "LDTT", "year": 2024, "as_of": "2025-03-01",
    "nominee": {"kind": "individual", "months_in_service": 12,
                "years": [{"year": 2024, "rating": "HTT"}]},
}


@pytest.fixture
def api(client, officer):
    client.force_login(officer)
    return client


def _post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_url_is_named_in_the_api_namespace():
    assert reverse("api:eligibility-check") == URL


def test_case_is_answered_with_its_verdict(api):
    response = _post(api, CONTRACT_CASE)

    assert response.status_code == 200
    verdict = response.json()
    assert (verdict["award"], verdict["year"]) == ("BK_TTG", 2024)
    assert verdict["rule_set"] == "luat-06-2022+nd-152-2025"
    assert verdict["eligible"] is True
    assert {r["id"]: r["result"] for r in verdict["rules"]}["BK_TTG-I"] == "pass"
    assert all(r["citation"] for r in verdict["rules"])


def test_list_body_is_answered_with_the_verdicts_in_order(api):
    response = _post(api, [CONTRACT_CASE, CASE])

    assert response.status_code == 200
    assert [v["award"] for v in response.json()] == ["BK_TTG", "LDTT"]


def test_malformed_case_gives_400_with_the_field(api):
    bad = {**CASE, "nominee": {"kind": "individual", "years": [{"year": 2024, "rating": "X"}]}}

    response = _post(api, bad)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "nominee.years[0].rating"
    assert error["error"] == "invalid_case"
    assert "xếp loại" in error["message"]


def test_missing_year_gives_400_naming_year(api):
    response = _post(api, {k: v for k, v in CASE.items() if k != "year"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "year"


def test_as_of_before_2024_gives_400_no_rule_set(api):
    response = _post(api, {**CASE, "as_of": "2023-12-31"})

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["error"], error["field"]) == ("no_rule_set", "as_of")


def test_malformed_item_of_a_list_is_named_by_its_position(api):
    response = _post(api, [CASE, {**CASE, "award": "XYZ"}])

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "[1].award"


def test_body_that_is_not_json_gives_400(api):
    response = api.post(URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["error"] == "invalid_json"


def test_unauthenticated_request_is_refused_with_403(client):
    response = _post(client, CASE)

    assert response.status_code == 403
    assert "rules" not in response.json()


def test_the_users_province_settings_apply(client):
    user = UserFactory(unit=UnitFactory(), roles=["unit_officer"])
    EligibilitySettings.objects.create(province=user.unit.province, giay_khen_min_rating="HTT")
    client.force_login(user)

    response = _post(client, {**CASE, "award": "GIAY_KHEN"})

    assert {r["id"]: r["result"] for r in response.json()["rules"]}["GIAY_KHEN"] == "pass"


def test_openapi_schema_documents_the_check_with_contract_examples(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    operation = response.json()["paths"][URL]["post"]
    assert set(operation["responses"]) >= {"200", "400", "403", "429"}
    request_examples = operation["requestBody"]["content"]["application/json"]["examples"]
    assert request_examples["CaseIndividual"]["value"] == CONTRACT_CASE
    verdict_examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert verdict_examples["Verdict"]["value"]["eligible"] is True
