from __future__ import annotations

import math
from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def from_now(delta: timedelta | None) -> datetime | None:
    """The moment `delta` from now (the end of a login lockout's cool-off)."""
    return timezone.now() + delta if delta else None


@register.filter
def in_minutes(delta: timedelta | None) -> int:
    """`delta` in whole minutes, rounded up (15 minutes, never "14 minutes 59 s")."""
    return math.ceil(delta.total_seconds() / 60) if delta else 0
