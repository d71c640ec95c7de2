"""On a real Redis and a real Celery worker process, with a real SMTP server."""

import time
from collections import Counter, defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from notifications import tasks
from notifications.models import Notice, Preference, Reminder
from notifications.services.centre import set_preference
from notifications.services.email import RESENT_NOTE
from notifications.services.notices import notify_task_created
from tests.factories import UserFactory
from workflows import signals as route

from .conftest import WORKER_LEASE_SECONDS, make_deadline

pytestmark = pytest.mark.worker


def wait_until(predicate, timeout: float = 30, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def test_task_created_email_reaches_the_assignee_through_the_worker_and_an_in_app_notice_exists(
        smtp_worker, smtp_server):
    user = UserFactory(full_name="Lê Văn Thẩm Định", email="thamdinh@example.test")
    deadline = make_deadline(due_on=timezone.localdate() + timedelta(days=40), assigned_to=user)

    route.task_created.send(sender=None, task=deadline.task, deadline=deadline, recipients=[user])

    messages = smtp_server.handler.wait_for(1, timeout=30)
    assert len(messages) == 1
    rcpt, msg = messages[0]
    assert rcpt == ["thamdinh@example.test"]
    assert str(msg["Subject"]).strip().startswith("[Khen thưởng Flow] Công việc mới:")
    assert "Kính gửi Lê Văn Thẩm Định" in msg.get_body(("plain",)).get_content()
    assert msg.get_body(("html",)) is not None
    notice = Notice.objects.get(recipient=user)
    assert notice.kind == Notice.Kind.TASK_CREATED and notice.read_at is None
    assert wait_until(lambda: Notice.objects.get(pk=notice.pk).email_state == Notice.Email.SENT)


def test_worker_killed_mid_sweep_loses_no_reminder_and_duplicates_none(smtp_worker, smtp_server):
    yesterday = timezone.localdate() - timedelta(days=1)
    for i in range(8):
        user = UserFactory(email=f"canbo{i}@example.test")
        deadline = make_deadline(due_on=yesterday, assigned_to=user)
        Reminder.objects.create(key=f"kill:{i}", kind=Reminder.Kind.DUE, deadline=deadline,
                                dossier=deadline.dossier, due_on=yesterday, send_on=yesterday)
    smtp_server.handler.hold_after(3)  # the 4th message is cut off mid-SMTP by the kill

    tasks.sweep.apply_async(queue=smtp_worker.queue)
    assert wait_until(lambda: smtp_server.handler.held >= 1
                      and Notice.objects.filter(email_state=Notice.Email.SENT).count() == 3)
    smtp_worker.kill()
    smtp_server.handler.release()

    smtp_worker.restart()
    time.sleep(WORKER_LEASE_SECONDS + 0.5)  # the dead worker's claims expire
    tasks.sweep.apply_async(queue=smtp_worker.queue).get(timeout=60)
    # the sweep hands the e-mails to deliver_emails tasks: wait for the worker to send them
    assert wait_until(lambda: Notice.objects.exclude(email_state=Notice.Email.SENT).count() == 0)
    time.sleep(1)  # a duplicate, if any, would arrive now

    delivered = Counter(msg["Message-ID"] for _rcpt, msg in smtp_server.messages)
    assert len(delivered) == 8 and set(delivered.values()) == {1}
    assert Reminder.objects.filter(sent_at__isnull=True, kind=Reminder.Kind.DUE).count() == 0
    assert Notice.objects.exclude(email_state=Notice.Email.SENT).count() == 0


def test_worker_killed_while_the_server_takes_emails_loses_none_and_resends_only_same_ids(
        smtp_worker, smtp_server):
    """SIGKILL mid-batch, just after the SMTP server took two messages (a notice's and a
    digest's) but before the worker heard "250": those two are sent again under their own
    Message-IDs, the rest of the batch once; nothing is lost."""
    now = timezone.now()
    people = [UserFactory(email=f"nguoinhan{i}@example.test") for i in range(6)]
    for user in people:
        d = make_deadline(due_on=timezone.localdate() + timedelta(days=40), assigned_to=user)
        notify_task_created(task=d.task, deadline=d, recipients=[user], now=now)
    reader = UserFactory(email="tonghop@example.test")
    set_preference(user=reader, email_enabled=True, delivery=Preference.Delivery.DIGEST)
    for _ in range(3):  # notices from two days ago: their digest's hour has passed
        d = make_deadline(due_on=timezone.localdate() + timedelta(days=40), assigned_to=reader)
        notify_task_created(task=d.task, deadline=d, recipients=[reader],
                            now=now - timedelta(days=2))
    smtp_server.handler.take_and_hold({people[2].email, reader.email})

    tasks.sweep.apply_async(queue=smtp_worker.queue)
    assert wait_until(lambda: smtp_server.handler.held == 2)
    smtp_worker.kill()
    smtp_server.handler.release()

    in_flight = set(Notice.objects.filter(email_state=Notice.Email.SENDING)
                    .values_list("recipient__email", flat=True))
    assert in_flight == {people[2].email, reader.email}  # what the admin shows meanwhile
    smtp_worker.restart()
    time.sleep(WORKER_LEASE_SECONDS + 0.5)  # the dead worker's claims expire
    tasks.sweep.apply_async(queue=smtp_worker.queue).get(timeout=60)
    assert wait_until(lambda: Notice.objects.exclude(email_state=Notice.Email.SENT).count() == 0)
    time.sleep(1)  # a duplicate, if any, would arrive now

    ids_by_address = defaultdict(Counter)
    for rcpt, msg in smtp_server.messages:
        ids_by_address[rcpt[0]][msg["Message-ID"]] += 1
    assert set(ids_by_address) == {u.email for u in people} | {reader.email}  # none lost
    assert all(len(ids) == 1 for ids in ids_by_address.values())  # one Message-ID each
    copies = {address: sum(ids.values()) for address, ids in ids_by_address.items()}
    assert copies == {a: 2 if a in in_flight else 1 for a in copies}  # the window: 2 copies
    resent = Notice.objects.filter(email_error=RESENT_NOTE)
    assert set(resent.values_list("recipient__email", flat=True)) == in_flight
