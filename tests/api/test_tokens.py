"""Token sign-in: a token made on the user's page (or over the API) signs API requests in
as that user until it is revoked; only its digest is stored."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api import services
from api.models import ApiToken
from tests.factories import UserFactory
from tests.workflows.helpers import make_dossier

pytestmark = pytest.mark.django_db

DOSSIERS = "/api/v1/dossiers/"


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_token_signs_requests_in_as_its_user(world):
    mine = make_dossier(world, "CSTD_TINH")
    make_dossier(world, "CSTD_TINH", unit=world.other_unit)
    _token, key = services.create_token(user=world.officer, name="Phần mềm văn bản")

    response = _client(key).get(DOSSIERS)

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_a_revoked_token_no_longer_signs_in(world):
    token, key = services.create_token(user=world.officer, name="Cũ")
    services.revoke_token(user=world.officer, token=token)

    response = _client(key).get(DOSSIERS)

    assert response.status_code == 403
    [error] = response.json()["errors"]
    assert error["error"] == "authentication_failed"
    assert "thu hồi" in error["message"]


def test_an_unknown_token_is_refused_in_vietnamese(world):
    response = _client("kt_khong-phai-ma-that").get(DOSSIERS)

    assert response.status_code == 403
    assert response.json()["errors"][0]["message"] == (
        "Mã truy cập không hợp lệ hoặc đã bị thu hồi.")


def test_a_token_of_a_deactivated_user_is_refused(world):
    _token, key = services.create_token(user=world.officer, name="Nghỉ việc")
    world.officer.is_active = False
    world.officer.save(update_fields=["is_active"])

    assert _client(key).get(DOSSIERS).status_code == 403


def test_no_credentials_is_refused_with_a_vietnamese_hint():
    response = APIClient().get(DOSSIERS)

    assert response.status_code == 403
    [error] = response.json()["errors"]
    assert error["error"] == "not_authenticated"
    assert "Authorization: Token" in error["message"]


def test_only_the_digest_of_a_token_is_stored(world):
    token, key = services.create_token(user=world.officer, name="Lưu trữ")

    row = ApiToken.objects.get(pk=token.pk)
    assert key not in (row.key_hash, row.prefix, row.name)
    assert row.key_hash == services.digest(key)
    assert key.startswith(row.prefix)


def test_the_token_page_shows_a_new_token_once_and_it_works(world, client):
    client.force_login(world.officer)

    created = client.post(reverse("khenthuong:api_tokens:index"), {"name": "Kết nối"})
    listed = client.get(reverse("khenthuong:api_tokens:index"))

    key = created.context["new_key"]
    assert key in created.content.decode()
    assert key not in listed.content.decode()
    assert "Kết nối" in listed.content.decode()
    assert _client(key).get(DOSSIERS).status_code == 200


def test_revoking_on_the_token_page_stops_the_token(world, client):
    token, key = services.create_token(user=world.officer, name="Thu hồi")
    client.force_login(world.officer)

    client.post(reverse("khenthuong:api_tokens:revoke", args=[token.pk]))

    assert _client(key).get(DOSSIERS).status_code == 403


def test_another_users_token_cannot_be_revoked_from_the_page(world, client):
    token, key = services.create_token(user=world.other_officer, name="Của người khác")
    client.force_login(world.officer)

    response = client.post(reverse("khenthuong:api_tokens:revoke", args=[token.pk]))

    assert response.status_code == 404
    assert _client(key).get(DOSSIERS).status_code == 200


def test_a_token_created_over_the_api_works_and_revokes_over_the_api(world, api_as):
    client = api_as(world.officer)

    created = client.post("/api/v1/tokens/", {"name": "Tích hợp"}, format="json")
    new = created.json()
    revoked = _client(new["key"]).post(f"/api/v1/tokens/{new['token']['id']}/revoke/")

    assert created.status_code == 201
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert _client(new["key"]).get(DOSSIERS).status_code == 403


def test_a_token_without_a_name_is_refused_with_a_field_error(world, api_as):
    response = api_as(world.officer).post("/api/v1/tokens/", {"name": " "}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "name"


def test_the_admin_creates_a_token_for_a_user_and_shows_it_once(world, client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)

    response = client.post(reverse("admin:api_apitoken_add"),
                           {"user": world.officer.pk, "name": "Do quản trị cấp"}, follow=True)

    [message] = [str(m) for m in response.context["messages"] if "kt_" in str(m)]
    key = message.split(": ", 1)[1].split(" ")[0]
    assert _client(key).get(DOSSIERS).status_code == 200
    assert ApiToken.objects.get(user=world.officer).name == "Do quản trị cấp"
