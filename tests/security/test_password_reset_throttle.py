"""Password reset requests are throttled per client IP and per e-mail address; a throttled
request sends nothing and is answered alike for known and unknown addresses, in Vietnamese."""

import pytest
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/accounts/password_reset/"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 2
    settings.PASSWORD_RESET_LIMIT_PER_IP = 5
    settings.PASSWORD_RESET_WINDOW_MINUTES = 60


def _ask(email: str, ip: str = "203.0.113.5"):
    return Client(REMOTE_ADDR=ip).post(RESET, {"email": email})


def test_requests_within_the_limit_send_the_reset_mail():
    UserFactory(email="canbo@example.test")

    responses = [_ask("canbo@example.test") for _ in range(2)]

    assert [r.status_code for r in responses] == [302, 302]
    assert len(mail.outbox) == 2


def test_requests_over_the_per_address_limit_send_nothing_and_say_so_in_vietnamese():
    UserFactory(email="canbo@example.test")
    _ask("canbo@example.test", ip="203.0.113.5")
    _ask("canbo@example.test", ip="203.0.113.6")

    response = _ask("canbo@example.test", ip="203.0.113.7")

    assert response.status_code == 429
    assert "quá nhiều yêu cầu đặt lại mật khẩu" in response.content.decode()
    assert len(mail.outbox) == 2


def test_the_address_limit_ignores_case_and_spaces():
    UserFactory(email="canbo@example.test")
    _ask("canbo@example.test")
    _ask("CanBo@Example.test")

    response = _ask(" CANBO@example.test ")

    assert response.status_code == 429


def test_requests_over_the_per_ip_limit_are_refused_whatever_the_address(settings):
    settings.PASSWORD_RESET_LIMIT_PER_IP = 3
    for n in range(3):
        _ask(f"nguoi{n}@example.test")

    response = _ask("nguoi-khac@example.test")

    assert response.status_code == 429


def test_throttled_answer_is_the_same_for_a_known_and_an_unknown_address():
    UserFactory(email="canbo@example.test")
    for email in ("canbo@example.test", "khong-co@example.test"):
        _ask(email, ip="203.0.113.1")
        _ask(email, ip="203.0.113.2")

    known = _ask("canbo@example.test", ip="203.0.113.3")
    unknown = _ask("khong-co@example.test", ip="203.0.113.4")

    assert known.status_code == unknown.status_code == 429
    assert _message(known) == _message(unknown)


def test_unknown_addresses_get_the_same_done_page_as_known_ones():
    UserFactory(email="canbo@example.test")

    known = _ask("canbo@example.test", ip="203.0.113.1")
    unknown = _ask("khong-co@example.test", ip="203.0.113.2")

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def _message(response) -> str:
    page = response.content.decode()
    start = page.index("Đã có quá nhiều yêu cầu")
    return page[start:page.index("phút", start)]
