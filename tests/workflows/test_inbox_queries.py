"""The inbox and the queue run a fixed number of queries whatever their rows: 5 tasks or 50,
dossiers with several nominations, of several units and blocs, some overdue."""

from __future__ import annotations

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles
from tests.factories import BlocFactory, BlocMembershipFactory, UnitFactory, UserFactory
from workflows import services
from workflows.models import TaskDeadline

from .helpers import YEAR, make_dossier, open_task

AWARDS = itertools.cycle([("CSTD_TINH",), ("BK_TINH", "CSTD_TINH"), ("BK_TINH", "CSTDTQ",
                                                                      "CSTD_TINH")])


def board_tasks(world, n: int, *, claim: bool) -> None:
    """`n` dossiers waiting at appraisal, from units of different blocs; every other one
    overdue; claimed by the specialist when `claim`."""
    for i in range(n):
        unit = world.unit if i % 2 else UnitFactory(province=world.province)
        if unit != world.unit:
            BlocMembershipFactory(bloc=BlocFactory(province=world.province), unit=unit,
                                  year=YEAR)
            head = UserFactory(roles=[roles.UNIT_HEAD], unit=unit, province=world.province)
            officer = UserFactory(roles=[roles.UNIT_OFFICER], unit=unit,
                                  province=world.province)
        else:
            head, officer = world.head, world.officer
        dossier = make_dossier(world, *next(AWARDS), unit=unit)
        services.send_dossier(user=officer, dossier=dossier)
        services.complete_review(user=head, task=open_task(dossier, "unit_head_submit"),
                                 action="forward")
        bloc_task = TaskDeadline.objects.filter(dossier=dossier, step="bloc_vote").first()
        if bloc_task is not None:
            services.apply_bloc_vote(bloc_id=bloc_task.bloc_id, year=YEAR, session_id=None,
                                     results={})
        services.complete_review(user=world.secretary,
                                 task=open_task(dossier, "council_review"), action="forward")
        task = open_task(dossier, "board_appraisal")
        if i % 2 == 0:
            TaskDeadline.objects.filter(task=task).update(due_on=f"{YEAR - 1}-01-02")
        if claim:
            services.claim_task(user=world.specialist, task=task)


def queries_for(client, url: str, rows: int) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("/board_appraisal/") >= rows  # every task is on the page
    assert 'data-overdue="1"' in page
    return len(ctx.captured_queries)


def test_inbox_runs_the_same_queries_for_5_tasks_as_for_50(world, client):
    url = reverse("khenthuong:route:inbox")
    client.force_login(world.specialist)
    board_tasks(world, 5, claim=True)
    client.get(url)  # warm the per-process caches (content types, flow nodes)

    five = queries_for(client, url, 5)
    board_tasks(world, 45, claim=True)
    fifty = queries_for(client, url, 50)

    assert fifty == five


def test_queue_runs_the_same_queries_for_5_tasks_as_for_50(world, client):
    url = reverse("khenthuong:route:queue")
    client.force_login(world.specialist)
    board_tasks(world, 5, claim=False)
    client.get(url)

    five = queries_for(client, url, 5)
    board_tasks(world, 45, claim=False)
    fifty = queries_for(client, url, 50)

    assert fifty == five
