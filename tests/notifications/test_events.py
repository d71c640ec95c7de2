"""Route and domain events become notices for the right people (in-app, and e-mail)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts import roles
from nominations import signals as domain
from nominations.choices import DossierStatus
from notifications.models import Notice, Preference
from tests.factories import DossierFactory, NominationFactory, UnitFactory, UserFactory
from workflows import signals as route

from .conftest import make_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def emit(django_capture_on_commit_callbacks):
    """Send a signal and run what its listeners queued after commit (eager Celery here)."""

    def send(signal, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            signal.send(sender=None, **kwargs)

    return send


def unit_staff(unit):
    officer = UserFactory(unit=unit, roles=[roles.UNIT_OFFICER], email="tdkt@donvi.test")
    head = UserFactory(unit=unit, roles=[roles.UNIT_HEAD], email="thutruong@donvi.test")
    return officer, head


def future_deadline(**kwargs):
    return make_deadline(due_on=timezone.localdate() + timedelta(days=40), **kwargs)


def test_task_created_gives_each_recipient_an_in_app_notice_and_an_email(emit):
    a, b = UserFactory(), UserFactory()
    deadline = future_deadline()

    emit(route.task_created, task=deadline.task, deadline=deadline,
                            recipients=[a, b])

    assert set(Notice.objects.values_list("recipient_id", "kind")) == {
        (a.pk, "task_created"), (b.pk, "task_created")}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])


def test_the_same_task_created_event_twice_makes_one_notice(emit):
    user = UserFactory()
    deadline = future_deadline()

    for _ in range(2):
        emit(route.task_created, task=deadline.task, deadline=deadline,
                                recipients=[user])

    assert Notice.objects.count() == 1
    assert len(mail.outbox) == 1


def test_email_is_vietnamese_with_plain_text_html_and_a_link_to_the_notice(emit):
    user = UserFactory(full_name="Phạm Thu Hà")
    deadline = future_deadline()

    emit(route.task_created, task=deadline.task, deadline=deadline,
                            recipients=[user])

    message = mail.outbox[0]
    notice = Notice.objects.get()
    assert message.subject.startswith("[Khen thưởng Flow] Công việc mới:")
    assert "Kính gửi Phạm Thu Hà," in message.body
    assert f"/khenthuong/notifications/{notice.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Xem chi tiết" in html
    assert message.extra_headers["Message-ID"].startswith(f"<notice-{notice.pk}@")


def test_task_assigned_by_the_head_notifies_the_new_assignee(emit):
    head, specialist = UserFactory(full_name="Trưởng Ban"), UserFactory()
    deadline = future_deadline()
    deadline.assigned_to, deadline.assigned_at = specialist, timezone.now()

    emit(route.task_assigned, task=deadline.task, deadline=deadline,
                             user=specialist, by="head", actor=head)

    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind) == (specialist, "task_assigned")
    assert "Trưởng Ban" in notice.body
    assert mail.outbox[0].to == [specialist.email]


def test_taking_a_task_yourself_sends_no_notice(emit):
    user = UserFactory()
    deadline = future_deadline()

    emit(route.task_assigned, task=deadline.task, deadline=deadline, user=user,
                             by="self", actor=user)

    assert Notice.objects.count() == 0 and mail.outbox == []


def test_returned_dossier_tells_the_unit_officer_and_head_the_reason_and_due_date(emit):
    unit = UnitFactory()
    officer, head = unit_staff(unit)
    other_unit_officer = UserFactory(unit=UnitFactory(), roles=[roles.UNIT_OFFICER])
    dossier = DossierFactory(unit=unit, created_by=officer, status=DossierStatus.RETURNED,
                             return_due=date(2030, 3, 8))

    emit(domain.dossier_returned, dossier=dossier, actor=None,
                                 step="board_appraisal", reason="Thiếu biên bản họp",
                                 due=date(2030, 3, 8))

    told = set(Notice.objects.filter(kind="dossier_returned").values_list("recipient",
                                                                         flat=True))
    assert told == {officer.pk, head.pk}
    assert other_unit_officer.pk not in told
    body = Notice.objects.filter(recipient=officer).get().body
    assert "Thiếu biên bản họp" in body and "08/03/2030" in body


def test_decided_dossier_tells_the_unit(emit):
    unit = UnitFactory()
    officer, head = unit_staff(unit)
    dossier = DossierFactory(unit=unit, created_by=officer, status=DossierStatus.DECIDED)

    emit(domain.dossier_decided, dossier=dossier, decision=None, outcome="decided")

    assert set(Notice.objects.values_list("recipient", "kind")) == {
        (officer.pk, "dossier_decided"), (head.pk, "dossier_decided")}


def test_rejected_nomination_tells_the_unit_with_the_reason(emit):
    unit = UnitFactory()
    officer, _head = unit_staff(unit)
    nomination = NominationFactory(dossier=DossierFactory(unit=unit, created_by=officer))

    emit(domain.nomination_rejected, nomination=nomination, actor=None,
                                    step="council_review", reason="Chưa đủ 80% phiếu")

    notice = Notice.objects.filter(recipient=officer).get()
    assert notice.kind == "nomination_rejected" and "Chưa đủ 80% phiếu" in notice.body


def test_person_who_turned_email_off_gets_only_the_in_app_notice(emit):
    user = UserFactory()
    Preference.objects.create(user=user, email_enabled=False)
    deadline = future_deadline()

    emit(route.task_created, task=deadline.task, deadline=deadline,
                            recipients=[user])

    assert Notice.objects.get().email_state == Notice.Email.SKIPPED
    assert mail.outbox == []


def test_nothing_outside_notifications_imports_it():
    import subprocess

    hits = subprocess.run(
        ["grep", "-rlE", r"^\s*(from|import) notifications", "--include=*.py",
         "accounts", "nominations", "workflows", "workdays", "blocs", "config"],
        capture_output=True, text=True).stdout.split()
    assert hits in ([], ["config/site.py"])  # the site registers the centre's pages


def test_the_dossier_creator_is_told_even_without_a_unit_role(emit):
    unit = UnitFactory()
    creator = UserFactory(unit=unit)
    dossier = DossierFactory(unit=unit, created_by=creator, status=DossierStatus.DECIDED)

    emit(domain.dossier_decided, dossier=dossier, decision=None, outcome="decided")

    assert list(Notice.objects.values_list("recipient", flat=True)) == [creator.pk]
