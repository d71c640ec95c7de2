"""Each reminder is claimed in the database before it is sent: concurrent sweeps, a dead
SMTP server, a crashed sweep or a replay never send it twice, and never lose it."""

import threading
from collections import Counter
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db import connection

from notifications.models import Notice, Reminder
from notifications.services._common import backoff
from notifications.services.email import send_pending_emails
from notifications.services.planning import schedule_task_reminders
from notifications.services.sweep import claim_due_reminders, expand_claimed_reminders, sweep
from tests.factories import UserFactory

from .conftest import SmtpServer, at, free_port, make_deadline

DUE = date(2025, 6, 20)  # a Friday
NOW = at(DUE, 8)


def due_reminders(n: int) -> list[Reminder]:
    rows = []
    for i in range(n):
        user = UserFactory(email=f"nguoi{i}@example.test")
        deadline = make_deadline(due_on=DUE, assigned_to=user)
        rows.append(Reminder.objects.create(key=f"test:{deadline.pk}", kind=Reminder.Kind.DUE,
                                            deadline=deadline, dossier=deadline.dossier,
                                            due_on=DUE, send_on=DUE))
    return rows


def message_ids() -> Counter:
    return Counter(m.extra_headers["Message-ID"] for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_once_send_each_reminder_once():
    reminders = due_reminders(30)
    barrier = threading.Barrier(2)
    errors = []

    def run():
        try:
            barrier.wait()
            sweep(now=NOW, batch=3, email_batch=2)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)

    assert errors == []
    assert len(mail.outbox) == 30
    assert set(message_ids().values()) == {1}
    assert Reminder.objects.filter(pk__in=[r.pk for r in reminders],
                                   sent_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_smtp_down_then_up_sends_the_reminder_once_later(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    due_reminders(1)

    down = sweep(now=NOW)
    notice = Notice.objects.get()
    assert (down.emails_sent, down.emails_failed) == (0, 1)
    assert notice.email_state == Notice.Email.PENDING and notice.emailed_at is None
    wait = notice.email_next_at - NOW  # backoff: one minute after the first failure
    assert timedelta(minutes=1) <= wait < timedelta(minutes=1, seconds=5)

    server = SmtpServer(port).start()
    try:
        too_early = sweep(now=NOW + timedelta(seconds=30))
        later = sweep(now=NOW + timedelta(minutes=2))
        again = sweep(now=NOW + timedelta(minutes=10))
    finally:
        server.stop()

    assert too_early.emails_sent == 0
    assert later.emails_sent == 1 and again.emails_sent == 0
    assert len(server.messages) == 1
    notice.refresh_from_db()
    assert notice.email_state == Notice.Email.SENT and notice.email_attempts == 2


@pytest.mark.django_db
def test_failed_sends_back_off_exponentially():
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4, 8, 20)] == [
        60, 120, 240, 480, 3600, 3600]


@pytest.mark.django_db
def test_reminder_claimed_by_a_dead_sweep_is_taken_over_after_the_lease(settings):
    settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS = 600
    due_reminders(3)
    token, count = claim_due_reminders(now=NOW)  # …and the claimer dies here
    assert count == 3

    within_lease = sweep(now=NOW + timedelta(minutes=5))
    after_lease = sweep(now=NOW + timedelta(minutes=11))

    assert within_lease.reminders == 0
    assert after_lease.reminders == 3 and len(mail.outbox) == 3
    assert expand_claimed_reminders(token=token, now=NOW) == 0  # the old claim is void


@pytest.mark.django_db
def test_email_claimed_by_a_dead_sender_is_sent_once_after_the_lease(settings):
    settings.NOTIFICATIONS_CLAIM_LEASE_SECONDS = 600
    due_reminders(1)
    claim_due_reminders(now=NOW)
    token, _count = claim_due_reminders(now=NOW + timedelta(minutes=11))
    expand_claimed_reminders(token=token, now=NOW + timedelta(minutes=11))
    notice = Notice.objects.get()
    Notice.objects.filter(pk=notice.pk).update(email_claim=token,
                                               email_claimed_at=NOW + timedelta(minutes=11))

    send_pending_emails(now=NOW + timedelta(minutes=12))
    send_pending_emails(now=NOW + timedelta(minutes=30))
    send_pending_emails(now=NOW + timedelta(minutes=40))

    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_replaying_a_sweep_adds_no_second_notice_or_email():
    due_reminders(2)

    sweep(now=NOW)
    Reminder.objects.update(sent_at=None)  # as if the first run's commit had been lost
    sweep(now=NOW)

    assert Notice.objects.count() == 2
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_sweep_queries_do_not_grow_with_open_tasks(django_assert_max_num_queries):
    def queries_for_one_due_reminder() -> int:
        from django.db import connection as conn
        from django.test.utils import CaptureQueriesContext

        from workdays.calendar import clear_cache

        clear_cache()  # both runs start with the calendar and step labels not yet cached
        with CaptureQueriesContext(conn) as ctx:
            sweep(now=NOW)
        return len(ctx.captured_queries)

    due_reminders(1)
    few = queries_for_one_due_reminder()
    due_reminders(1)
    for i in range(40):  # open tasks whose reminders are not due
        d = make_deadline(due_on=DUE + timedelta(days=30 + i))
        schedule_task_reminders(deadline=d, today=DUE)

    many = queries_for_one_due_reminder()

    assert many == few
