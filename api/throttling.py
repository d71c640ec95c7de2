"""API throttles: the client is identified by config.client_ip (the same rule as the login
lockout), and rates are read from settings on each request, so a test can lower them."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from rest_framework import throttling
from rest_framework.settings import api_settings

from config.client_ip import client_ip


class _SettingsRate:
    def get_ident(self, request) -> str:
        return client_ip(request)

    def get_rate(self) -> str | None:
        try:
            return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
        except KeyError:
            raise ImproperlyConfigured(
                f"No default throttle rate set for {self.scope!r} scope") from None


class AnonRateThrottle(_SettingsRate, throttling.AnonRateThrottle):
    """Requests without a session, per client IP."""


class UserRateThrottle(_SettingsRate, throttling.UserRateThrottle):
    """Requests of a signed-in user (per IP for anonymous ones)."""


class ScopedRateThrottle(_SettingsRate, throttling.ScopedRateThrottle):
    """Per view `throttle_scope` (e.g. "eligibility"), per user or IP."""
