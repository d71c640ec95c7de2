"""The route's small province (tests/workflows/conftest.py `world`) and API clients signed
in with a token, as a program calling the API would be."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from api import services
from tests.workflows.conftest import signals_seen, world  # noqa: F401 - fixtures, shared


@pytest.fixture
def api_as():
    """api_as(user) -> an APIClient sending that user's new token."""

    def make(user) -> APIClient:
        _token, key = services.create_token(user=user, name="tests")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
