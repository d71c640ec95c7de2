"""Reads of `notifications`: what a person sees in the notification centre."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Notice, Preference


def unread_count(user) -> int:
    """One indexed COUNT (partial index on unread notices) — used on every page's toolbar."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


def notices_for(user, *, unread_only: bool = False) -> QuerySet[Notice]:
    qs = Notice.objects.filter(recipient=user).order_by("-created_at", "-id")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs


def notice_for(user, notice_id: int) -> Notice | None:
    return Notice.objects.filter(recipient=user, pk=notice_id).first()


def preference_for(user) -> Preference:
    """The person's preference, or the defaults (immediately, e-mail on) when never set."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)
