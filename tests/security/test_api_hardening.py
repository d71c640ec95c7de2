"""The API's answers under pressure: throttled, malformed or failing requests get JSON in
the API's error shape, with Vietnamese messages; only a session signs a request in."""

import base64

import pytest
from django.test import Client, override_settings
from django.urls import include, path
from rest_framework.settings import api_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/eligibility/check"
CASE = {
    "award": "LDTT", "year": 2024, "as_of": "2025-03-01",
    "nominee": {"kind": "individual", "months_in_service": 12,
                "years": [{"year": 2024, "rating": "HTT"}]},
}


def _rates(**changed):
    return {**api_settings.DEFAULT_THROTTLE_RATES, **changed}


def _post(client, body, **extra):
    return client.post(URL, body, content_type="application/json", **extra)


@pytest.fixture
def signed_in(client):
    client.force_login(UserFactory())
    return client


def test_http_basic_credentials_do_not_sign_a_request_in(client):
    UserFactory(username="canbo-api", password="mat-khau-dung-1")
    token = base64.b64encode(b"canbo-api:mat-khau-dung-1").decode()

    response = _post(client, CASE, HTTP_AUTHORIZATION=f"Basic {token}")

    assert response.status_code == 403
    assert "rules" not in response.json()


def test_a_session_still_signs_a_request_in(signed_in):
    response = _post(signed_in, CASE)

    assert response.status_code == 200


def test_eligibility_checks_beyond_the_scoped_rate_are_refused_in_vietnamese(signed_in, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": _rates(eligibility="2/minute")}

    answers = [_post(signed_in, CASE) for _ in range(3)]

    assert [r.status_code for r in answers] == [200, 200, 429]
    [error] = answers[2].json()["errors"]
    assert error["error"] == "throttled"
    assert "Quá nhiều yêu cầu" in error["message"]
    assert int(answers[2]["Retry-After"]) > 0


def test_user_rate_applies_to_every_api_request_of_a_user(signed_in, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": _rates(user="1/minute")}

    first = signed_in.get("/api/schema/")
    second = signed_in.get("/api/schema/")

    assert (first.status_code, second.status_code) == (200, 429)


def test_anonymous_rate_counts_per_client_ip(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": _rates(anon="1/minute")}

    first = Client(REMOTE_ADDR="203.0.113.5").get("/api/schema/")
    again = Client(REMOTE_ADDR="203.0.113.5").get("/api/schema/")
    other = Client(REMOTE_ADDR="203.0.113.6").get("/api/schema/")

    assert [first.status_code, again.status_code, other.status_code] == [200, 429, 200]


def test_a_forged_forwarded_for_header_does_not_reset_the_anonymous_rate(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK,
                               "DEFAULT_THROTTLE_RATES": _rates(anon="1/minute")}
    client = Client(REMOTE_ADDR="203.0.113.5")

    client.get("/api/schema/", HTTP_X_FORWARDED_FOR="198.51.100.1")
    again = client.get("/api/schema/", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert again.status_code == 429


def test_a_body_nested_thousands_deep_gives_400_json_in_vietnamese(signed_in):
    response = _post(signed_in, "[" * 5000 + "]" * 5000)

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["error"] == "invalid_json"
    assert "lồng nhau quá sâu" in error["message"]


def test_a_body_deeper_than_any_case_gives_400_before_the_check(signed_in):
    response = _post(signed_in, '{"nominee": ' * 30 + "{}" + "}" * 30)

    assert response.status_code == 400
    assert response.json()["errors"][0]["error"] == "invalid_json"


def test_a_body_over_the_upload_limit_answers_json_400(signed_in, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = _post(signed_in, {**CASE, "award": "x" * 2000})

    assert response.status_code == 400
    assert response.json()["errors"][0]["error"] == "bad_request"


def test_an_unknown_api_address_answers_json_404(signed_in):
    response = signed_in.get("/api/v1/khong-co")

    assert response.status_code == 404
    assert response.json()["errors"][0]["error"] == "not_found"


def _broken_view(request):
    raise RuntimeError("lỗi bất ngờ")


urlpatterns = [
    path("api/v1/broken", _broken_view),
    path("", include("config.urls")),
]
from config.urls import handler500  # noqa: E402,F401 - the project's own wiring


@override_settings(ROOT_URLCONF=__name__)
def test_an_unexpected_exception_under_api_answers_json_500():
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/broken")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["errors"]
    assert error["error"] == "server_error"
    assert "Lỗi máy chủ" in error["message"]
