"""Two reviewers acting on the same task at the same moment, on PostgreSQL: two threads,
each with its own connection and its own logged-in client, lined up by a barrier. Exactly
one transition happens; the other reviewer gets a clear Vietnamese message."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from nominations.models import DossierEvent
from workflows import selectors
from workflows.models import TaskDeadline

from .helpers import advance, execute_url, make_dossier, review_data

# Transactional: the award catalogue comes back after the flush (post_migrate sync).
pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*calls):
    """Run each call in its own thread (own DB connection), released together."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(30)
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - returned to the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "a reviewer's request never finished"
    return results


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_two_specialists_completing_the_same_appraisal_at_once_make_one_transition(world):
    from django.contrib.messages import get_messages

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    url, data = execute_url(task), review_data(dossier)
    first, second = logged_in(world.specialist), logged_in(world.specialist2)

    responses = at_once(lambda: first.post(url, data), lambda: second.post(url, data))

    assert sorted(r.status_code for r in responses) == [302, 409], responses
    loser = next(r for r in responses if r.status_code == 409)
    text = " ".join(str(m) for m in get_messages(loser.wsgi_request))
    assert "đã được" in text and "xử lý xong" in text and "tải lại trang" in text
    assert TaskDeadline.objects.filter(dossier=dossier, step="board_head_approval").count() == 1
    assert DossierEvent.objects.filter(dossier=dossier, step="board_appraisal",
                                       action="step_completed").count() == 1
    assert DossierEvent.objects.filter(dossier=dossier, step="board_appraisal",
                                       action="task_claimed").count() == 1


def test_two_specialists_claiming_the_same_task_at_once_give_it_one_owner(world):
    from django.contrib.messages import get_messages

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "board_appraisal")
    url = selectors.task_url(task, "assign")
    first, second = logged_in(world.specialist), logged_in(world.specialist2)

    responses = at_once(lambda: first.post(url), lambda: second.post(url))

    task.refresh_from_db()
    assert task.owner in (world.specialist, world.specialist2)
    loser = responses[0] if task.owner == world.specialist2 else responses[1]
    text = " ".join(str(m) for m in get_messages(loser.wsgi_request))
    assert "đã được" in text and "nhận" in text, (loser.status_code, text)
    assert DossierEvent.objects.filter(dossier=dossier, step="board_appraisal",
                                       action="task_claimed").count() == 1
