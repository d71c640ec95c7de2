"""Writes of the notification centre: mark read, mark all read, the person's preferences."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from ..models import Notice, Preference


def mark_read(*, user, notice_id: int, now: datetime | None = None) -> bool:
    return bool(Notice.objects.filter(pk=notice_id, recipient=user, read_at__isnull=True)
                .update(read_at=now or timezone.now()))


def mark_all_read(*, user, now: datetime | None = None) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now or timezone.now())


def set_preference(*, user, email_enabled: bool, delivery: str) -> Preference:
    pref, _ = Preference.objects.update_or_create(
        user=user, defaults={"email_enabled": email_enabled, "delivery": delivery})
    return pref
