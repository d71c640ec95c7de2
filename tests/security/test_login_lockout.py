"""django-axes: five wrong passwords for one username from one client lock that pair out
for the cool-off, with a Vietnamese page (HTTP 429) that says when to try again. The
client is REMOTE_ADDR unless TRUSTED_PROXY_COUNT says how many proxies stand in front."""

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "mat-khau-dung-1"


@pytest.fixture
def user():
    return UserFactory(username="canbo-khoa", password=PASSWORD)


def _fail(client: Client, times: int, **headers):
    response = None
    for _ in range(times):
        response = client.post(LOGIN, {"username": "canbo-khoa", "password": "sai"}, **headers)
    return response


def _log_in(client: Client, **headers):
    return client.post(LOGIN, {"username": "canbo-khoa", "password": PASSWORD}, **headers)


def test_fifth_wrong_password_answers_429_in_vietnamese_with_when_to_retry(user, settings):
    settings.AXES_COOLOFF_TIME = 0.25  # hours

    response = _fail(Client(), settings.AXES_FAILURE_LIMIT)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "Vui lòng thử lại sau 15 phút" in page
    assert "Account locked" not in page


def test_locked_out_pair_cannot_log_in_even_with_the_right_password(user, settings):
    client = Client()
    _fail(client, settings.AXES_FAILURE_LIMIT)

    response = _log_in(client)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_same_username_from_another_address_still_logs_in(user, settings):
    _fail(Client(REMOTE_ADDR="203.0.113.5"), settings.AXES_FAILURE_LIMIT)

    response = _log_in(Client(REMOTE_ADDR="203.0.113.6"))

    assert response.status_code == 302


def test_forwarded_for_is_ignored_without_trusted_proxies(user, settings):
    client = Client(REMOTE_ADDR="203.0.113.5")
    _fail(client, settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="198.51.100.1")

    response = _log_in(client, HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert response.status_code == 429


def test_behind_one_proxy_an_attacker_does_not_lock_out_colleagues(user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    nginx = "10.0.0.2"  # every request reaches Django from the proxy's address
    _fail(Client(REMOTE_ADDR=nginx), settings.AXES_FAILURE_LIMIT,
          HTTP_X_FORWARDED_FOR="203.0.113.66")

    response = _log_in(Client(REMOTE_ADDR=nginx), HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert response.status_code == 302


def test_behind_one_proxy_a_client_cannot_forge_its_address(user, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client(REMOTE_ADDR="10.0.0.2")
    # the attacker writes a new left-hand address each time; the proxy appends the real one
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "canbo-khoa", "password": "sai"},
                    HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.66")

    response = _log_in(client, HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.66")

    assert response.status_code == 429
