"""People who chose the daily digest get one e-mail a morning instead of many."""

from datetime import date, timedelta

import pytest
from django.core import mail

from notifications.models import Notice, Preference
from notifications.services.centre import set_preference
from notifications.services.email import RESENT_NOTE, send_due_digests
from notifications.services.notices import notify_task_created
from notifications.services.sweep import sweep
from tests.factories import UserFactory

from .conftest import at, make_deadline

pytestmark = pytest.mark.django_db
DAY = date(2025, 6, 18)


@pytest.fixture
def reader():
    user = UserFactory(full_name="Nguyễn Thị Tổng Hợp")
    set_preference(user=user, email_enabled=True, delivery=Preference.Delivery.DIGEST)
    return user


def three_tasks_for(user, now):
    for _ in range(3):
        d = make_deadline(due_on=DAY + timedelta(days=30))
        notify_task_created(task=d.task, deadline=d, recipients=[user], now=now)


def test_digest_reader_gets_no_email_during_the_day_but_sees_the_notices(reader):
    three_tasks_for(reader, at(DAY, 10))

    sweep(now=at(DAY, 16))

    assert mail.outbox == []
    assert Notice.objects.filter(recipient=reader, read_at__isnull=True).count() == 3


def test_digest_reader_gets_one_email_listing_every_notice_next_morning(reader):
    three_tasks_for(reader, at(DAY, 10))

    send_due_digests(now=at(DAY + timedelta(days=1), 6, 59))
    assert mail.outbox == []
    send_due_digests(now=at(DAY + timedelta(days=1), 7, 0))
    send_due_digests(now=at(DAY + timedelta(days=1), 7, 10))

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "3 thông báo mới" in message.subject
    assert message.body.count("Công việc mới:") == 3
    assert not Notice.objects.exclude(email_state=Notice.Email.SENT).exists()


def test_immediate_readers_are_not_held_for_the_digest(reader):
    other = UserFactory()
    three_tasks_for(other, at(DAY, 10))

    assert Notice.objects.filter(recipient=other, email_state="pending").count() == 3


def test_digest_whose_250_was_lost_is_sent_again_whole_under_its_message_id(
        reader, smtp_settings, settings):
    settings.EMAIL_TIMEOUT = 1
    three_tasks_for(reader, at(DAY, 10))
    morning = at(DAY + timedelta(days=1), 7, 0)
    smtp_settings.handler.take_and_hold({reader.email})  # taken; the "250" never comes
    try:
        assert send_due_digests(now=morning) == 0
    finally:
        smtp_settings.handler.release()
    three_tasks_for(reader, morning + timedelta(hours=2))  # arrive meanwhile: tomorrow's

    sweep(now=morning + timedelta(minutes=2))  # after the first backoff
    send_due_digests(now=at(DAY + timedelta(days=2), 7, 0))

    first, again, tomorrow = [msg for _rcpt, msg in smtp_settings.messages]
    assert first["Message-ID"] == again["Message-ID"] != tomorrow["Message-ID"]
    assert first.get_body(("plain",)).get_content() == again.get_body(("plain",)).get_content()
    assert not Notice.objects.exclude(email_state=Notice.Email.SENT).exists()
    assert Notice.objects.filter(email_error=RESENT_NOTE).count() == 3
