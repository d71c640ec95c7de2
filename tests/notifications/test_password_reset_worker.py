"""The password-reset e-mail is sent by the worker, not inside the request: the request for
an address with an account then does the same work as one for an address without (the SMTP
round trip told them apart)."""

import pytest
from django.core import mail
from django.test import Client

from tests.factories import UserFactory

from .test_worker import wait_until

pytestmark = pytest.mark.worker

RESET = "/accounts/password_reset/"


def test_reset_mail_for_a_known_address_is_sent_by_the_worker_not_by_the_request(
        smtp_worker, smtp_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    UserFactory(email="quenmatkhau@example.test")

    response = Client().post(RESET, {"email": "quenmatkhau@example.test"})

    assert response.status_code == 302
    assert mail.outbox == []  # nothing went out of this (the web) process
    messages = smtp_server.handler.wait_for(1, timeout=30)
    assert [rcpt for rcpt, _ in messages] == [["quenmatkhau@example.test"]]
    assert "/accounts/reset/" in messages[0][1].get_body(("plain",)).get_content()


def test_reset_for_an_unknown_address_is_answered_alike_and_sends_nothing(
        smtp_worker, smtp_server):
    UserFactory(email="cobiet@example.test")

    unknown = Client().post(RESET, {"email": "khongco@example.test"})
    known = Client().post(RESET, {"email": "cobiet@example.test"})

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert wait_until(lambda: len(smtp_server.messages) == 1)
    assert [rcpt for rcpt, _ in smtp_server.messages] == [["cobiet@example.test"]]
