"""Every API list runs a fixed number of queries whatever its rows: 3 rows and 15."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workflows.helpers import advance, make_dossier, sign
from workflows import services

pytestmark = pytest.mark.django_db

LISTS = ["/api/v1/dossiers/", "/api/v1/nominations/", "/api/v1/tasks/queue/",
         "/api/v1/tasks/inbox/", "/api/v1/decisions/"]


def _decided(world, n: int) -> None:
    """`n` dossiers of both units decided, `n` waiting at appraisal (claimed and not)."""
    for i in range(n):
        unit = world.unit if i % 2 else world.other_unit
        decided = make_dossier(world, "BK_TINH", "CSTD_TINH", unit=unit)
        task = advance(world, decided, "committee_decision")
        services.complete_decision(user=world.committee, task=task, number=f"{i}/QĐ",
                                   date=date(2025, 12, 1), signer="Chủ tịch",
                                   awarded_ids={m.pk for m in decided.nominations.all()})
        sign(world, decided)
        waiting = make_dossier(world, "BK_TINH", "CSTD_TINH", unit=unit)
        task = advance(world, waiting, "board_appraisal")
        if i % 2:
            services.claim_task(user=world.specialist, task=task)


def _queries(client, url: str) -> tuple[int, int]:
    client.get(url)  # per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.json()["results"]), len(ctx.captured_queries)


def test_every_list_runs_the_same_queries_for_3_rows_as_for_15(world, api_as):
    client = api_as(world.specialist)
    _decided(world, 3)
    few = {url: _queries(client, url) for url in LISTS}

    _decided(world, 12)
    many = {url: _queries(client, url) for url in LISTS}

    assert all(many[url][0] > few[url][0] > 0 for url in LISTS), (few, many)
    assert {url: q for url, (_rows, q) in many.items()} == {
        url: q for url, (_rows, q) in few.items()}


def test_a_page_number_past_any_list_is_not_found(world, api_as):
    client = api_as(world.officer)

    response = client.get("/api/v1/dossiers/", {"page": "99999999999999999999"})

    assert response.status_code == 404
