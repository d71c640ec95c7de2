"""Throttles hold for token clients on every v1 endpoint, answered in Vietnamese."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, get_resolver
from rest_framework.settings import api_settings

from api.throttling import AnonRateThrottle, UserRateThrottle

pytestmark = pytest.mark.django_db


def test_a_token_client_beyond_the_user_rate_gets_429_in_vietnamese(world, api_as, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **api_settings.DEFAULT_THROTTLE_RATES, "user": "2/minute"}}
    client = api_as(world.officer)

    answers = [client.get("/api/v1/tasks/inbox/") for _ in range(3)]

    assert [r.status_code for r in answers] == [200, 200, 429]
    [error] = answers[2].json()["errors"]
    assert error["error"] == "throttled"
    assert error["message"].startswith("Quá nhiều yêu cầu. Vui lòng thử lại sau")
    assert int(answers[2]["Retry-After"]) > 0


def _api_views():
    resolver = get_resolver()
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) == "api":
            for view in pattern.url_patterns:
                assert isinstance(view, URLPattern)
                yield view.name, view.callback.cls


def test_every_api_view_applies_the_per_user_and_per_ip_rates():
    views = list(_api_views())

    unthrottled = [name for name, cls in views
                   if not {UserRateThrottle, AnonRateThrottle} <= {
                       type(t) for t in cls().get_throttles()}]

    assert len(views) > 15
    assert unthrottled == []
