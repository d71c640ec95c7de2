"""The sweep sends each planned reminder on its working day, to the right people."""

from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from accounts import roles
from nominations.choices import DossierStatus
from notifications.models import Notice, Reminder
from notifications.services.planning import schedule_return_reminders, schedule_task_reminders
from notifications.services.sweep import sweep
from tests.factories import DossierFactory, UnitFactory, UserFactory

from .conftest import at, make_deadline, reassign

pytestmark = pytest.mark.django_db
DUE = date(2025, 6, 20)  # Friday


@pytest.fixture
def assignee():
    return UserFactory(full_name="Chuyên viên A")


@pytest.fixture
def deadline(assignee):
    dossier = DossierFactory()
    d = make_deadline(due_on=DUE, assigned_to=assignee, dossier=dossier,
                      province=dossier.unit.province)
    schedule_task_reminders(deadline=d, today=date(2025, 6, 2))
    return d


def titles(user) -> list[str]:
    return list(Notice.objects.filter(recipient=user).order_by("pk")
                .values_list("title", flat=True))


def test_before_reminder_arrives_two_working_days_ahead_and_not_earlier(deadline, assignee):
    sweep(now=at(date(2025, 6, 17)))
    assert titles(assignee) == []

    sweep(now=at(date(2025, 6, 18)))

    assert [t[:31] for t in titles(assignee)] == ["Sắp đến hạn (20/06/2025): Ban T"]
    assert mail.outbox[0].to == [assignee.email]


def test_due_date_reminder_arrives_on_the_due_date(deadline, assignee):
    sweep(now=at(DUE))

    assert titles(assignee)[-1].startswith("Hôm nay đến hạn:")


def test_late_task_is_reminded_every_working_day_skipping_the_weekend(deadline, assignee):
    for day in (23, 24, 25, 26, 27, 28, 29, 30):  # Mon 23/6 … Mon 30/6/2025
        sweep(now=at(date(2025, 6, day)))

    late = [t for t in titles(assignee) if t.startswith("Quá hạn")]
    assert [t.split(" ngày")[0] for t in late] == [
        "Quá hạn 1", "Quá hạn 2", "Quá hạn 3", "Quá hạn 4", "Quá hạn 5", "Quá hạn 6"]


def test_late_task_escalates_to_the_step_head_after_three_late_working_days(deadline):
    province = deadline.dossier.unit.province
    head = UserFactory(province=province, roles=[roles.BOARD_HEAD], full_name="Trưởng Ban B")
    UserFactory(province=UnitFactory().province, roles=[roles.BOARD_HEAD])  # another province

    sweep(now=at(date(2025, 6, 24)))
    assert Notice.objects.filter(kind="escalation").count() == 0

    sweep(now=at(date(2025, 6, 25)))

    escalation = Notice.objects.get(kind="escalation")
    assert escalation.recipient == head
    assert "3 ngày làm việc" in escalation.body and "Chuyên viên A" in escalation.body


def test_reassigned_task_reminds_the_new_assignee_only(deadline, assignee):
    newcomer = UserFactory()
    reassign(deadline, newcomer)

    sweep(now=at(DUE))

    told = set(Notice.objects.filter(kind="reminder").values_list("recipient", flat=True))
    assert told == {newcomer.pk}


def test_finished_task_is_not_reminded_even_when_its_reminder_is_due(deadline, assignee):
    deadline.finished_at = timezone.now()
    deadline.save()

    sweep(now=at(DUE))

    assert Notice.objects.count() == 0
    assert Reminder.objects.get(kind="due").outcome == "closed"


def test_reminders_of_the_day_wait_for_the_morning_send_hour(deadline, assignee):
    sweep(now=at(DUE, 6, 30))
    assert Notice.objects.filter(kind="reminder").count() == 1  # only the earlier 18/6 one

    sweep(now=at(DUE, 7, 5))

    assert Notice.objects.filter(kind="reminder").count() == 2


def test_unit_is_reminded_of_a_returned_dossiers_due_date():
    unit = UnitFactory()
    officer = UserFactory(unit=unit, roles=[roles.UNIT_OFFICER])
    dossier = DossierFactory(unit=unit, status=DossierStatus.RETURNED, return_due=DUE)
    schedule_return_reminders(dossier=dossier, due=DUE, today=date(2025, 6, 2))

    sweep(now=at(DUE))

    assert any(t.startswith("Hôm nay đến hạn bổ sung hồ sơ") for t in titles(officer))


def test_return_reminder_is_dropped_once_the_dossier_was_resubmitted():
    unit = UnitFactory()
    officer = UserFactory(unit=unit, roles=[roles.UNIT_OFFICER])
    dossier = DossierFactory(unit=unit, status=DossierStatus.RETURNED, return_due=DUE)
    schedule_return_reminders(dossier=dossier, due=DUE, today=date(2025, 6, 2))
    dossier.status = DossierStatus.BOARD_APPRAISAL
    dossier.save()

    sweep(now=at(DUE))

    assert titles(officer) == []
