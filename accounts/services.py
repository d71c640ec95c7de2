"""Writes of the accounts app. Password-reset throttle: counters in the Django cache."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _hit(key: str, window_seconds: int) -> int:
    """Count one request under `key`; the count lives `window_seconds` from the first."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def note_password_reset_request(*, ip: str, email: str) -> bool:
    """Count a password-reset request from client `ip` for `email`; False when either is
    over its limit for the window (then no e-mail may be sent). Every submitted address
    counts, known or not, so the answer never tells whether an account has it."""
    window = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
    address = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    per_ip = _hit(f"password-reset:ip:{ip}", window)
    per_email = _hit(f"password-reset:email:{address}", window)
    return (per_ip <= settings.PASSWORD_RESET_LIMIT_PER_IP
            and per_email <= settings.PASSWORD_RESET_LIMIT_PER_EMAIL)
