"""Every list page runs a fixed number of queries whatever its rows (issue 10): the status
list, the dossier list, the process list, the archive and the case page, with 3 rows and
with 15 (dossiers of several units, with several nominations and events)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations.pagination import CappedPaginator
from workflows import selectors, services

from .helpers import advance, make_dossier


def waiting_at_appraisal(world, n: int) -> list:
    dossiers = []
    for i in range(n):
        unit = world.unit if i % 2 else world.other_unit
        dossier = make_dossier(world, "CSTD_TINH", "BK_TINH", unit=unit)
        advance(world, dossier, "board_appraisal")
        dossiers.append(dossier)
    return dossiers


def queries(client, url: str) -> int:
    client.get(url)  # per-process caches (content types, URL patterns, calendar)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["status", "process_list", "archive"])
def test_route_list_runs_the_same_queries_for_3_rows_as_for_15(world, client, page):
    url = reverse(f"khenthuong:route:{page}")
    client.force_login(world.specialist)
    for dossier in waiting_at_appraisal(world, 3):
        task = selectors.open_deadlines(dossier).get().task
        services.complete_review(user=world.specialist, task=task, action="forward")
    few = queries(client, url)

    for dossier in waiting_at_appraisal(world, 12):
        task = selectors.open_deadlines(dossier).get().task
        services.complete_review(user=world.specialist, task=task, action="forward")

    assert queries(client, url) == few


def test_dossier_list_runs_the_same_queries_for_3_dossiers_as_for_15(world, client):
    url = reverse("khenthuong:dossiers:index")
    client.force_login(world.manager)
    waiting_at_appraisal(world, 3)
    few = queries(client, url)

    waiting_at_appraisal(world, 12)

    assert queries(client, url) == few


def test_case_page_runs_the_same_queries_for_a_short_and_a_long_timeline(world, client):
    short, long = waiting_at_appraisal(world, 2)
    task = selectors.open_deadlines(long).get().task
    services.complete_review(user=world.specialist, task=task, action="returned",
                             return_reason="Bổ sung biên bản")
    services.resubmit(user=world.officer if long.unit == world.unit else world.other_officer,
                      task=selectors.open_deadlines(long).get().task, note="Đã bổ sung")
    client.force_login(world.manager)
    assert long.events.count() > short.events.count() + 3

    assert (queries(client, reverse("khenthuong:route:case", args=[long.pk]))
            == queries(client, reverse("khenthuong:route:case", args=[short.pk])))


def test_a_list_past_the_count_cap_says_more_than_the_cap_and_still_pages_on(
        world, client, monkeypatch):
    from workflows.views.lists import RouteProcessListView

    monkeypatch.setattr(CappedPaginator, "cap", 2)
    monkeypatch.setattr(RouteProcessListView, "paginate_by", 1)
    waiting_at_appraisal(world, 4)
    client.force_login(world.manager)
    url = reverse("khenthuong:route:process_list")

    first = client.get(url)
    third = client.get(url, {"page": 3})
    fourth = client.get(url, {"page": 4})

    assert "hơn 2" in first.content.decode()
    assert third.context["page_obj"].has_next()  # past the counted rows, a fourth follows
    assert not fourth.context["page_obj"].has_next()
    assert client.get(url, {"page": 5}).status_code == 404


def test_status_list_counts_dossiers_per_status_of_the_chosen_year(world, client):
    from nominations.models import Dossier

    this_year, older = waiting_at_appraisal(world, 2)
    Dossier.objects.filter(pk=older.pk).update(year=this_year.year - 1)
    client.force_login(world.manager)
    url = reverse("khenthuong:route:status")

    both = client.get(url, {"year": this_year.year}).context["per_status"]
    before = client.get(url, {"year": this_year.year - 1}).context["per_status"]

    assert both == {"board_appraisal": 1}
    assert before == {"board_appraisal": 1}
    assert client.get(url, {"year": "abc"}).status_code == 200


@pytest.mark.parametrize("url_name", ["khenthuong:dossiers:index",
                                      "khenthuong:route:process_list"])
def test_a_page_number_past_any_list_is_not_found_rather_than_a_server_error(
        world, client, url_name):
    client.force_login(world.manager)

    response = client.get(reverse(url_name), {"page": "99999999999999999999"})

    assert response.status_code == 404
