"""/api/docs/ works offline and under the CSP: Swagger UI comes from our static files
(drf-spectacular-sidecar) and its start-up script is a separate same-origin request."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def _sources(html: str) -> list[str]:
    return re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)


def test_swagger_ui_loads_nothing_from_another_host(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    sources = _sources(response.content.decode())
    assert any("swagger-ui-bundle.js" in s for s in sources)
    assert all(s.startswith("/") and not s.startswith("//") for s in sources), sources


def test_swagger_ui_files_are_among_our_static_files(client):
    sources = _sources(client.get("/api/docs/").content.decode())

    static = [s.removeprefix("/static/") for s in sources if s.startswith("/static/")]
    assert static and all(finders.find(path) for path in static)


def test_swagger_ui_page_has_no_inline_script(client):
    html = client.get("/api/docs/").content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_swagger_ui_start_script_points_at_our_schema(client):
    response = client.get("/api/docs/?script")

    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    assert "/api/schema/" in response.content.decode()
