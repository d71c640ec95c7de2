"""Reads of the API app."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import ApiToken


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).order_by("revoked_at", "-created_at", "-pk")
