"""Content-Security-Policy: every page is served with a policy that allows scripts only from
our own origin (no inline script, no eval), and no page of ours relies on an inline script,
an event-handler attribute or a javascript: URL (which the policy would block)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import DossierFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>",
                           re.I)
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def _offences(html: str) -> list[str]:
    return [m.group(0)[:120] for pattern in (INLINE_SCRIPT, HANDLER_ATTRIBUTE, JS_URL)
            for m in pattern.finditer(html)]


def test_pages_carry_a_policy_allowing_scripts_only_from_our_origin(client):
    policy = _policy(client.get("/accounts/login/"))

    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_api_answers_carry_the_policy_too(client):
    response = client.get("/api/docs/")

    assert _policy(response)["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", sorted(
    str(p.relative_to(ROOT)) for d in TEMPLATE_DIRS for p in d.rglob("*.html")
    if "email" not in p.parts))
def test_project_template_has_no_inline_script(path):
    assert _offences((ROOT / path).read_text(encoding="utf-8")) == []


@pytest.fixture
def officer():
    return UserFactory(unit=UnitFactory(), roles=["unit_officer"])


def test_pages_a_unit_officer_opens_have_no_inline_script(client, officer):
    dossier = DossierFactory(unit=officer.unit, created_by=officer)
    client.force_login(officer)
    paths = [
        reverse("khenthuong:dossiers:index"),
        reverse("khenthuong:dossiers:create"),
        reverse("khenthuong:dossiers:detail", args=[dossier.pk]),
        reverse("khenthuong:dossiers:add_nomination", args=[dossier.pk]),
        reverse("khenthuong:route:inbox"),
        reverse("khenthuong:notifications:index"),
        reverse("khenthuong:blocs:index"),
    ]

    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert _offences(response.content.decode()) == [], path


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password_reset/",
                                  "/admin/login/", "/api/docs/"])
def test_public_pages_have_no_inline_script(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert _offences(response.content.decode()) == []
