"""Reminders are planned when a deadline opens and dropped when it closes."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from nominations import signals as domain
from nominations.choices import DossierStatus
from notifications.models import Reminder
from notifications.services.planning import schedule_return_reminders, schedule_task_reminders
from tests.factories import DossierFactory, UserFactory
from workflows import signals as route

from .conftest import make_deadline

pytestmark = pytest.mark.django_db
K = Reminder.Kind


def planned(**filters) -> dict[str, date]:
    return {r.kind: r.send_on for r in Reminder.objects.filter(sent_at__isnull=True, **filters)}


def test_open_task_gets_reminders_two_days_before_on_the_due_date_first_late_day_and_escalation():
    deadline = make_deadline(due_on=date(2025, 6, 20))  # a Friday

    schedule_task_reminders(deadline=deadline, today=date(2025, 6, 2))

    assert planned(deadline=deadline) == {
        K.BEFORE: date(2025, 6, 18),     # 2 working days before
        K.DUE: date(2025, 6, 20),
        K.LATE: date(2025, 6, 23),       # next working day (Monday)
        K.ESCALATE: date(2025, 6, 25),   # 3 working days late
    }


def test_reminder_offsets_follow_the_settings(settings):
    settings.REMINDER_DAYS_BEFORE, settings.ESCALATE_AFTER_LATE_DAYS = 3, 5
    deadline = make_deadline(due_on=date(2025, 6, 20))

    schedule_task_reminders(deadline=deadline, today=date(2025, 6, 2))

    assert planned(deadline=deadline)[K.BEFORE] == date(2025, 6, 17)
    assert planned(deadline=deadline)[K.ESCALATE] == date(2025, 6, 27)


def test_reminder_dates_skip_tet():
    deadline = make_deadline(due_on=date(2026, 2, 24), started_on=date(2026, 1, 26))

    schedule_task_reminders(deadline=deadline, today=date(2026, 1, 26))

    # Two working days before Tue 24/2/2026 is Fri 13/2 (Tết 16–20/2 skipped).
    assert planned(deadline=deadline)[K.BEFORE] == date(2026, 2, 13)


def test_planning_twice_adds_no_second_row():
    deadline = make_deadline(due_on=date(2025, 6, 20))

    schedule_task_reminders(deadline=deadline, today=date(2025, 6, 2))
    schedule_task_reminders(deadline=deadline, today=date(2025, 6, 2))

    assert Reminder.objects.filter(deadline=deadline).count() == 4


def test_task_created_signal_plans_the_task_reminders():
    deadline = make_deadline(due_on=timezone.localdate() + timedelta(days=60))

    route.task_created.send(sender=None, task=deadline.task, deadline=deadline,
                            recipients=[UserFactory()])

    assert set(planned(deadline=deadline)) == {K.BEFORE, K.DUE, K.LATE, K.ESCALATE}


def test_finished_task_has_no_pending_reminders():
    deadline = make_deadline(due_on=timezone.localdate() + timedelta(days=60))
    schedule_task_reminders(deadline=deadline)

    deadline.finished_at = timezone.now()
    deadline.save()
    route.task_finished.send(sender=None, task=deadline.task, deadline=deadline, user=None)

    assert planned(deadline=deadline) == {}


def returned_dossier(due: date):
    return DossierFactory(status=DossierStatus.RETURNED, return_due=due,
                          returned_from="board_appraisal", return_reason="Thiếu biên bản")


def test_returned_dossier_plans_the_units_reminders_of_the_return_due_date():
    due = timezone.localdate() + timedelta(days=30)
    dossier = returned_dossier(due)

    domain.dossier_returned.send(sender=None, dossier=dossier, actor=None,
                                 step="board_appraisal", reason="Thiếu biên bản", due=due)

    assert set(planned(dossier=dossier, deadline__isnull=True)) == {
        K.RETURN_BEFORE, K.RETURN_DUE, K.RETURN_LATE}


def test_a_unit_revise_task_takes_over_the_return_due_reminders():
    due = timezone.localdate() + timedelta(days=30)
    dossier = returned_dossier(due)
    domain.dossier_returned.send(sender=None, dossier=dossier, actor=None,
                                 step="board_appraisal", reason="", due=due)
    deadline = make_deadline(step="unit_revise", due_on=due, dossier=dossier)

    route.task_created.send(sender=None, task=deadline.task, deadline=deadline, recipients=[])

    assert planned(dossier=dossier, deadline__isnull=True) == {}
    assert K.DUE in planned(deadline=deadline)


def test_resubmitted_dossier_drops_its_return_due_reminders():
    due = timezone.localdate() + timedelta(days=30)
    dossier = returned_dossier(due)
    schedule_return_reminders(dossier=dossier, due=due)

    domain.dossier_resubmitted.send(sender=None, dossier=dossier, actor=None)

    assert planned(dossier=dossier) == {}
