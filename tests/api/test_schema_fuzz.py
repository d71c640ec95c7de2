"""Schema-driven fuzzing (schemathesis): every operation of the OpenAPI schema is called
with data generated from the schema — valid and invalid — through the WSGI application,
signed in with a token of a province administrator on a small route (dossiers waiting at
each step, one decided). No answer may be a server error, and every answer must be one the
schema documents, in its documented shape and content type.

Bounded: FUZZ_EXAMPLES cases in all (default 200, about ten per operation), derandomized
so a run is repeatable; well under a minute on an idle machine."""

from __future__ import annotations

import json
import os
from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.settings import api_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts import roles
from api import services as tokens
from api.models import ApiToken
from tests.factories import UserFactory
from tests.workflows.helpers import advance, make_dossier, send, sign
from workflows import services

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture
def demo_route(world):
    """A dossier waiting at each step, one returned to its unit, one decided."""
    for step in ("unit_head_submit", "bloc_vote", "council_review", "board_appraisal",
                 "committee_decision"):
        advance(world, make_dossier(world, "BK_TINH", "CSTD_TINH"), step)
    returned = make_dossier(world, "CSTD_TINH", unit=world.other_unit)
    task = advance(world, returned, "council_review")
    services.complete_review(user=world.secretary, task=task, action="returned",
                             return_reason="Bổ sung biên bản")
    decided = make_dossier(world, "BK_TINH")
    task = advance(world, decided, "committee_decision")
    services.complete_decision(user=world.committee, task=task, number="3/QĐ-UBND",
                               date=date(2025, 12, 1), signer="Chủ tịch",
                               awarded_ids={n.pk for n in decided.nominations.all()})
    sign(world, decided)
    send(world, make_dossier(world, "CSTD_TINH"))
    return world


def _load_schema():
    """The schema the application serves (/api/schema/), generated the same way, with the
    application called in-process (WSGI) for every case."""
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    generated = SchemaGenerator().get_schema(request=None, public=True)
    # through JSON, as a client reads it (lazy strings, dates become plain values)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(generated)))
    loaded.app = get_wsgi_application()
    return loaded


@pytest.fixture
def in_process(demo_route, settings):
    """Requests share the test's database transaction, so Django must not close the
    connection at the end of each request (its test client does the same); the throttles
    are opened wide for the fuzzer."""
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {
        **api_settings.DEFAULT_THROTTLE_RATES, "user": "100000/hour", "anon": "100000/hour",
        "eligibility": "100000/hour"}}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(demo_route):
    admin = UserFactory(username="fuzz-admin", is_superuser=True, roles=[roles.MANAGER],
                        province=demo_route.province)
    token, key = tokens.create_token(user=admin, name="fuzz")
    return token, key


schema = _load_schema()


# Valid and invalid data for every operation (hypothesis picks the operation, then the
# data): one test, so the route above is built once.
CASES = (schema.as_strategy(GenerationMode.POSITIVE)
         | schema.as_strategy(GenerationMode.NEGATIVE))


def test_the_schema_has_every_v1_operation():
    operations = {result.ok().label for result in schema.get_all_operations()}

    assert len(operations) >= 18, operations


@given(case=CASES)
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented_and_never_with_a_server_error(
        in_process, fuzz_token, case):
    token, key = fuzz_token
    # the fuzzer may revoke its own token (tokens_revoke with a small id): keep it alive
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=None)
    case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)
