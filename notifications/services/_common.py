"""Small pieces the service modules share: settings read as integers, the claim lease, the
retry backoff, calendars per province, reminder keys. Private to `notifications.services`."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings

from workdays.calendar import WorkingCalendar, calendar_for
from workflows.models import TaskDeadline

from ..models import Reminder

Kind = Reminder.Kind
RETURN_STEP = "unit_revise"
INTAKE_KINDS = (Kind.INTAKE_BEFORE, Kind.INTAKE_DUE)


def int_setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def claim_lease() -> timedelta:
    return timedelta(seconds=int_setting("NOTIFICATIONS_CLAIM_LEASE_SECONDS", 600))


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failed attempt, at most one hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


def province_id_of(deadline: TaskDeadline) -> int | None:
    """The province whose calendar counts the task's days: the task's own (province steps),
    else its dossier's unit's."""
    return deadline.province_id or deadline.dossier.unit.province_id


class Calendars(dict):
    def of(self, province_id: int | None) -> WorkingCalendar:
        if province_id not in self:
            self[province_id] = calendar_for(province_id)
        return self[province_id]


def task_key(deadline_id: int, due: date, kind: str, send_on: date | None = None) -> str:
    tail = f":{send_on:%Y%m%d}" if send_on else ""
    return f"t{deadline_id}:{due:%Y%m%d}:{kind}{tail}"


def return_key(dossier_id: int, due: date, kind: str, send_on: date) -> str:
    return f"r{dossier_id}:{due:%Y%m%d}:{kind}:{send_on:%Y%m%d}"
