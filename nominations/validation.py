"""Bounds on what people type, shared by forms (first answer) and services (the rule).

Free text is bounded so one request cannot store megabytes in a row that every page of the
dossier then renders; dates of decisions and letters cannot lie in the future, nor before
the year whose achievements they reward (docs/architecture.md § Input bounds)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

SUMMARY_MAX_LENGTH = 5000  # a nomination's achievement summary (the report is a file)
TEXT_MAX_LENGTH = 2000  # reasons, opinions, notes of one step
LONG_TEXT_MAX_LENGTH = 10000  # a bloc covenant's content, a unit's registered targets


def check_length(value: str | None, *, limit: int, label: str | Callable[[], str],
                 field: str | None = None) -> str:
    """`value` (None as ""), or ValidationError (on `field`) when longer than `limit`.
    `label` may be a callable, built only for the error (e.g. it names a nominee)."""
    value = value or ""
    if len(value) > limit:
        message = _("%(label)s dài %(length)d ký tự, tối đa %(limit)d ký tự.") % {
            "label": label() if callable(label) else label, "length": len(value),
            "limit": limit}
        raise ValidationError({field: message} if field else message)
    return value


def date_error(value: date, *, year: int | None = None) -> str | None:
    """Why `value` cannot date a decision or letter: after today, or before `year`."""
    today = timezone.localdate()
    if value > today:
        return _("Ngày %(date)s chưa đến (hôm nay là %(today)s).") % {
            "date": value.strftime("%d/%m/%Y"), "today": today.strftime("%d/%m/%Y")}
    if year is not None and value.year < year:
        return _("Ngày %(date)s trước năm thành tích %(year)d của hồ sơ.") % {
            "date": value.strftime("%d/%m/%Y"), "year": year}
    return None


def not_in_future(value: date | None) -> None:
    """Form field validator: a date that has not come yet is refused."""
    if value is not None and (message := date_error(value)):
        raise ValidationError(message)
