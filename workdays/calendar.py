"""Working days: Monday–Friday, minus Vietnamese public holidays (the `holidays` package,
Tết included), minus days the province declares off, plus make-up working days it declares.

Due dates are counted like administrative deadlines: the start day does not count; the
deadline is the N-th working day after it.

National make-up working days (a Saturday worked to bridge a holiday, e.g. 26/4/2025 for
2/5/2025) come from the `holidays` package's `weekend_workdays`; a province adds its own
in the admin (DayOverride).
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from functools import lru_cache

import holidays

from nominations.steps import FALLBACK_DAYS, STEPS

# Step code -> (default working days, citation), from the route's step table
# (nominations.steps: appraisal 20, DL-APPRAISE; return 5, DL-RETURN; LAW-2022.md). The admin
# overrides them per step (StepDuration); migration 0002 seeded StepDuration from this.
DEFAULT_STEP_DAYS: dict[str, tuple[int, str]] = {
    code: (step.default_days, step.citation) for code, step in STEPS.items()
}


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.Vietnam(years=year).keys())


@lru_cache(maxsize=64)
def _national_makeup_days(year: int) -> frozenset[date]:
    """Weekend days the government declared working days (làm bù) in `year`."""
    calendar = holidays.Vietnam(years=year)
    return frozenset(d for d in getattr(calendar, "weekend_workdays", ()) if d.year == year)


class WorkingCalendar:
    """A calendar for one province, with its overrides loaded once (two small sets)."""

    def __init__(self, off: set[date] | frozenset[date] = frozenset(),
                 working: set[date] | frozenset[date] = frozenset()):
        self.off = frozenset(off)
        self.working = frozenset(working)

    def is_working_day(self, day: date) -> bool:
        if day in self.working:
            return True
        if day in self.off:
            return False
        if day.weekday() >= 5:
            return day in _national_makeup_days(day.year)
        return day not in _public_holidays(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start` (start itself not counted)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        current = start
        remaining = days
        while remaining:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def subtract_working_days(self, end: date, days: int) -> date:
        """The working day `days` working days before `end` (end itself not counted)."""
        if days < 0:
            raise ValueError("days must be >= 0")
        current = end
        remaining = days
        while remaining:
            current -= timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return current

    def next_working_day(self, day: date) -> date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, current = 0, start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                count += 1
        return count


# The overrides and step durations change a few times a year (admin), but every task the
# route opens needs them: each process keeps them for CACHE_SECONDS; a save or delete in
# this process clears them at once (workdays.apps connects the signals); another process
# sees an admin change within CACHE_SECONDS.
CACHE_SECONDS = 60.0
_cache: dict[tuple, tuple[float, object]] = {}


def clear_cache(*_args, **_kwargs) -> None:
    _cache.clear()


def _cached(key: tuple, load):
    hit = _cache.get(key)
    now = time.monotonic()
    if hit is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    value = load()
    _cache[key] = (now, value)
    return value


def calendar_for(province_id: int | None = None) -> WorkingCalendar:
    """The calendar with the national and (if given) the province's overrides."""

    def load() -> WorkingCalendar:
        from django.db.models import Q

        from .models import DayOverride

        rows = DayOverride.objects.filter(
            Q(province__isnull=True) | Q(province_id=province_id)
        ).values_list("date", "kind")
        off = {d for d, k in rows if k == DayOverride.Kind.OFF}
        working = {d for d, k in rows if k == DayOverride.Kind.WORKING}
        return WorkingCalendar(off=off, working=working)

    return _cached(("calendar", province_id), load)


def step_working_days(step: str) -> int:
    def load() -> dict[str, int]:
        from .models import StepDuration

        return dict(StepDuration.objects.values_list("step", "working_days"))

    configured = _cached(("step_days",), load)
    if step in configured:
        return configured[step]
    return DEFAULT_STEP_DAYS.get(step, (FALLBACK_DAYS, ""))[0]


def step_labels_configured() -> dict[str, str]:
    """Step labels set in the admin (StepDuration.label), cached like the durations."""

    def load() -> dict[str, str]:
        from .models import StepDuration

        return dict(StepDuration.objects.exclude(label="").values_list("step", "label"))

    return _cached(("step_labels",), load)


def due_date_for(step: str, start: date, province_id: int | None = None) -> date:
    """The due date of a route step started on `start`."""
    return calendar_for(province_id).add_working_days(start, step_working_days(step))
