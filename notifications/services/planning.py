"""Planning `Reminder` rows: a task's reminders when it opens, a returned dossier's around
its return due date, the units' reminders of the province's intake date; and cancelling the
pending ones. The sweep (`sweep.py`) turns the due rows into notices."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from nominations.models import Dossier, Province, Unit
from nominations.selectors import intake_deadlines
from workdays.calendar import calendar_for
from workflows.models import TaskDeadline

from ..models import Reminder
from ._common import Calendars, Kind, int_setting, province_id_of, return_key, task_key


def schedule_task_reminders(*, deadline: TaskDeadline, today: date | None = None) -> int:
    """Plan an open task's reminders: N working days before the due date, on it, on the first
    late day (each late reminder plans the next), and the escalation after M late days.
    Idempotent (unique keys); returns the number of rows planned."""
    if deadline.finished_at is not None:
        return 0
    today = today or timezone.localdate()
    cal = calendar_for(province_id_of(deadline))
    due = deadline.due_on
    first_possible = cal.next_working_day(today)
    rows: list[Reminder] = []

    def add(kind: str, send_on: date, key: str) -> None:
        rows.append(Reminder(key=key, kind=kind, deadline=deadline,
                             dossier_id=deadline.dossier_id, due_on=due, send_on=send_on))

    days_before = int_setting("REMINDER_DAYS_BEFORE", 2)
    if days_before > 0:
        before = cal.subtract_working_days(due, days_before)
        if before > deadline.started_on and before >= today:
            add(Kind.BEFORE, before, task_key(deadline.pk, due, Kind.BEFORE, before))
    if due >= today:
        add(Kind.DUE, due, task_key(deadline.pk, due, Kind.DUE, due))
    first_late = max(cal.add_working_days(due, 1), first_possible)
    add(Kind.LATE, first_late, task_key(deadline.pk, due, Kind.LATE, first_late))
    late_days = int_setting("ESCALATE_AFTER_LATE_DAYS", 3)
    if late_days > 0:
        escalate_on = max(cal.add_working_days(due, late_days), first_possible)
        add(Kind.ESCALATE, escalate_on, task_key(deadline.pk, due, Kind.ESCALATE))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _delete_pending(reminders) -> int:
    """Delete pending reminders in one statement. No notice points at a pending reminder
    (a reminder's notices are written in the transaction that marks it sent), so the
    ORM's cascade (select the rows, null the notices' link, then delete) is not needed."""
    return reminders.filter(sent_at__isnull=True)._raw_delete(reminders.db)


def cancel_task_reminders(*, deadline: TaskDeadline) -> int:
    """A closed task is reminded of no more (pending rows are deleted)."""
    return _delete_pending(Reminder.objects.filter(deadline=deadline))


def schedule_return_reminders(*, dossier, due: date, today: date | None = None) -> int:
    """Plan the unit's reminders of a returned dossier's `return_due` (DL-RETURN)."""
    today = today or timezone.localdate()
    cal = calendar_for(dossier.unit.province_id)
    rows: list[Reminder] = []

    def add(kind: str, send_on: date) -> None:
        rows.append(Reminder(key=return_key(dossier.pk, due, kind, send_on), kind=kind,
                             dossier=dossier, due_on=due, send_on=send_on))

    days_before = int_setting("REMINDER_DAYS_BEFORE", 2)
    if days_before > 0:
        before = cal.subtract_working_days(due, days_before)
        if before > today:
            add(Kind.RETURN_BEFORE, before)
    if due >= today:
        add(Kind.RETURN_DUE, due)
    add(Kind.RETURN_LATE, max(cal.add_working_days(due, 1), cal.next_working_day(today)))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def cancel_return_reminders(*, dossier) -> int:
    return _delete_pending(Reminder.objects.filter(dossier=dossier, deadline__isnull=True))


# ---------------------------------------------------------------- the province's intake date


def _intake_key(unit_id: int, year: int, kind: str) -> str:
    """One reminder per unit, achievement year and kind — whatever the date becomes."""
    return f"i{unit_id}:{year}:{kind}"


def _sent_dossier(year: int):
    return Dossier.objects.filter(unit=OuterRef("pk"), year=year, submitted_at__isnull=False)


def plan_intake_reminders(*, today: date | None = None) -> int:
    """Plan today's reminders of the provinces' intake dates (DL-PROVINCE): for each unit
    that has not sent a dossier of the year, `INTAKE_REMINDER_DAYS_BEFORE` (5) working days
    before its province's date and on the date itself. Only provinces whose date is near are
    looked at; units are selected in one query per (year, kind, date) — never one per unit.
    Idempotent: one row per unit/year/kind (unique key), and rows already planned are not
    selected again. Returns the number of rows written. A run missed on the "before" day is
    caught up until the date (the row keeps its planned `send_on`)."""
    today = today or timezone.localdate()
    days_before = int_setting("INTAKE_REMINDER_DAYS_BEFORE", 5)
    horizon = today + timedelta(days=2 * max(days_before, 0) + 31)  # enough for Tết
    province_ids = list(Province.objects.values_list("pk", flat=True))
    cals = Calendars()
    groups: dict[tuple[int, str, date, date], list[int]] = defaultdict(list)
    for year in sorted({today.year, horizon.year}):
        for pid, due in intake_deadlines(province_ids, year).items():
            if pid is None or due is None or not today <= due <= horizon:
                continue
            if due == today:
                groups[(year, Kind.INTAKE_DUE, due, due)].append(pid)
            elif days_before > 0:
                before = cals.of(pid).subtract_working_days(due, days_before)
                if before <= today:
                    groups[(year, Kind.INTAKE_BEFORE, due, before)].append(pid)
    rows: list[Reminder] = []
    for (year, kind, due, send_on), pids in groups.items():
        planned = Reminder.objects.filter(unit=OuterRef("pk"), kind=kind, due_on__year=year)
        unit_ids = (Unit.objects.filter(province_id__in=pids)
                    .exclude(Exists(_sent_dossier(year))).exclude(Exists(planned))
                    .values_list("pk", flat=True))
        rows += [Reminder(key=_intake_key(uid, year, kind), kind=kind, unit_id=uid,
                          due_on=due, send_on=send_on) for uid in unit_ids]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)
