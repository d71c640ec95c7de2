"""The province's intake date for annual dossiers (LAW-2022.md DL-PROVINCE) as configured in
settings: `PROVINCE_INTAKE_DAY` ("MM-DD", e.g. "12-10"; "" for none). It is the default of a
new `ProvinceSettings` row and what applies when no row exists (selectors.intake_deadlines).
No model imports here: models.py uses it for field defaults."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def settings_intake() -> tuple[int, int] | None:
    """(month, day) of settings.PROVINCE_INTAKE_DAY, or None when it is empty."""
    text = str(getattr(settings, "PROVINCE_INTAKE_DAY", "") or "").strip()
    if not text:
        return None
    try:
        month, day = (int(part) for part in text.split("-"))
    except ValueError:
        raise ImproperlyConfigured(
            f"PROVINCE_INTAKE_DAY = {text!r}: dùng dạng MM-DD, ví dụ 12-10."
        ) from None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        raise ImproperlyConfigured(f"PROVINCE_INTAKE_DAY = {text!r} không hợp lệ.")
    return month, day


def intake_date(month_day: tuple[int, int] | None, year: int) -> date | None:
    """The intake date of achievement year `year`: that day and month in the same year. A
    day past the month's end (31/02) means the month's last day."""
    if not month_day:
        return None
    month, day = month_day
    return date(year, month, min(day, monthrange(year, month)[1]))  # 31/02 → 28 or 29/02
