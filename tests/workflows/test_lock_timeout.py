"""A row lock held elsewhere must not hang a request: the database gives up after its lock
timeout and the user gets a 409 in Vietnamese, with nothing written."""

from __future__ import annotations

import time

import psycopg
import pytest
from django.db import connection

from workflows.models import TaskDeadline

from .helpers import advance, execute_url, make_dossier, post_step, review_data

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="row locks of another session: PostgreSQL")


def _lock_row_elsewhere(table: str, pk: int) -> psycopg.Connection:
    s = connection.settings_dict
    other = psycopg.connect(dbname=s["NAME"], user=s["USER"] or "postgres",
                            password=s["PASSWORD"] or None, host=s["HOST"] or "127.0.0.1",
                            port=s["PORT"] or 5432)
    other.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [pk])
    return other


def test_web_connections_wait_for_a_lock_at_most_the_configured_timeout(db, settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == f"{settings.DB_LOCK_TIMEOUT_MS // 1000}s"


def test_completing_a_task_whose_dossier_is_locked_elsewhere_answers_409_in_vietnamese(
        transactional_db, world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    other = _lock_row_elsewhere("viewflow_process", task.process_id)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")  # the test need not wait 5 s
        started = time.monotonic()

        response = post_step(client, world.specialist, task, review_data(dossier))

        elapsed = time.monotonic() - started
    finally:
        other.rollback()
        other.close()
    assert response.status_code == 409
    assert "đang được người khác cập nhật" in response.content.decode()
    assert elapsed < 3
    assert TaskDeadline.objects.get(task=task).finished_at is None
    assert not dossier.events.filter(action="step_completed", step="board_appraisal").exists()

    again = client.post(execute_url(task), review_data(dossier))

    assert again.status_code == 302
    assert TaskDeadline.objects.get(task=task).finished_at is not None


def test_a_lock_timeout_outside_the_route_services_is_a_vietnamese_409_page(
        transactional_db, world, client):
    from django.urls import reverse

    dossier = make_dossier(world, "CSTD_TINH")
    other = _lock_row_elsewhere("nominations_dossier", dossier.pk)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        client.force_login(world.officer)
        response = client.post(reverse("khenthuong:route:send", args=[dossier.pk]),
                               {"confirm": "1"})
    finally:
        other.rollback()
        other.close()

    assert response.status_code == 409
    assert "vui lòng thử lại" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == "draft"
