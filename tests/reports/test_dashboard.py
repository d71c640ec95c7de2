"""The manager's dashboard (/khenthuong/reports/): counts per status, step, bloc, unit,
nominee kind and year; time in step in working days; filters; the overdue list; who may
see it; a fixed number of queries whatever the rows."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from accounts import roles
from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from tests.workflows.helpers import YEAR, advance, make_dossier, send
from workdays.calendar import calendar_for
from workflows import selectors as route

from .conftest import place

URL = reverse("khenthuong:reports:index")


def _data(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.context["data"]


def _step(data, code):
    return next(s for s in data["steps"] if s.code == code)


def _status(data, kind, value):
    return next(n for v, _label, n in data["statuses"][kind] if v == value)


def test_manager_sees_dossiers_and_nominations_per_status(world, manager_client):
    make_dossier(world, "CSTD_TINH", "BK_TINH")
    send(world, make_dossier(world, "CSTD_TINH"))
    send(world, make_dossier(world, "BK_TINH", unit=world.other_unit))

    data = _data(manager_client)

    assert _status(data, "dossiers", "draft") == 1
    assert _status(data, "dossiers", "awaiting_signature") == 2
    assert data["dossier_total"] == 3
    assert _status(data, "nominations", "active") == 4
    assert data["nomination_total"] == 4


def test_steps_count_the_dossiers_and_nominations_waiting_at_each(world, manager_client):
    advance(world, make_dossier(world, "CSTD_TINH", "BK_TINH"), "council_review")
    send(world, make_dossier(world, "BK_TINH", unit=world.other_unit))

    data = _data(manager_client)

    council = _step(data, "council_review")
    assert (council.dossiers_waiting, council.nominations_waiting) == (1, 2)
    submit = _step(data, "unit_head_submit")
    assert (submit.dossiers_waiting, submit.times.finished, submit.times.tasks) == (1, 1, 2)


def test_time_in_step_is_counted_in_working_days(world, manager_client):
    """25/4/2025 (Friday) → 5/5/2025: ten calendar days, four working days — Saturday
    26/4 was worked to bridge the holidays, 30/4, 1/5 and 2/5 were off."""
    dossier = make_dossier(world)
    advance(world, dossier, "council_review")
    place(dossier, "unit_head_submit", started=date(2025, 4, 25), finished=date(2025, 5, 5))

    step = _step(_data(manager_client), "unit_head_submit")

    assert (step.times.median, step.times.p90, step.times.mean) == (4, 4, 4.0)


def test_an_open_task_counts_its_working_days_so_far(world, manager_client):
    dossier = make_dossier(world)
    advance(world, dossier, "council_review")
    started = calendar_for(world.province.pk).subtract_working_days(route.today(), 3)
    place(dossier, "council_review", started=started)

    step = _step(_data(manager_client), "council_review")

    assert (step.times.waiting, step.times.median) == (1, 3)


def test_median_and_90th_percentile_of_a_step(world, manager_client):
    """Ten finished tasks of 1…10 working days: median 5, 90th percentile 9, mean 5.5."""
    monday = date(2025, 3, 3)
    for days in range(1, 11):
        dossier = make_dossier(world)
        advance(world, dossier, "council_review")
        place(dossier, "unit_head_submit", started=monday,
              finished=calendar_for(world.province.pk).add_working_days(monday, days))

    step = _step(_data(manager_client), "unit_head_submit")

    assert (step.times.median, step.times.p90, step.times.mean) == (5, 9, 5.5)


def test_breakdowns_per_bloc_unit_kind_and_year(world, manager_client):
    from tests.factories import (
        CollectiveFactory,
        NominationFactory,
        award,
    )

    in_bloc = make_dossier(world, "CSTD_TINH", "BK_TINH")
    NominationFactory(dossier=in_bloc, person=None, award=award("BK_TINH"),
                      collective=CollectiveFactory(unit=world.unit))
    make_dossier(world, "BK_TINH", unit=world.other_unit)
    older = make_dossier(world, "BK_TINH", unit=world.other_unit)
    older.year = YEAR - 1
    older.save()

    data = _data(manager_client)

    blocs = {r.label: (r.dossiers, r.nominations) for r in data["blocs"]}
    assert blocs == {world.bloc.name: (1, 3), "Không thuộc khối / cụm": (1, 1)}
    units = {r.label: r.dossiers for r in data["units"]}
    assert units == {world.unit.name: 1, world.other_unit.name: 1}
    kinds = {r.key: (r.dossiers, r.nominations) for r in data["kinds"]}
    assert kinds == {"individual": (2, 3), "collective": (1, 1)}
    assert {r.key: r.dossiers for r in data["years"]} == {YEAR: 2, YEAR - 1: 1}


@pytest.mark.parametrize(("params", "expected"), [
    ({"year": str(YEAR - 1)}, 1),
    ({"year": "all"}, 4),
    ({"unit": "other"}, 1),
    ({"bloc": "bloc"}, 2),
    ({"kind": "collective"}, 1),
    ({"step": "unit_head_submit"}, 1),
])
def test_filters_narrow_the_dossiers_counted(world, manager_client, params, expected):
    from tests.factories import (
        CollectiveFactory,
        NominationFactory,
        award,
    )

    send(world, make_dossier(world, "CSTD_TINH"))
    mine = make_dossier(world, "BK_TINH")
    NominationFactory(dossier=mine, person=None, award=award("BK_TINH"),
                      collective=CollectiveFactory(unit=world.unit))
    make_dossier(world, "BK_TINH", unit=world.other_unit)
    older = make_dossier(world, "BK_TINH", unit=world.other_unit)
    older.year = YEAR - 1
    older.save()
    ids = {"other": str(world.other_unit.pk), "bloc": str(world.bloc.pk)}
    params = {k: ids.get(v, v) for k, v in params.items()}

    assert _data(manager_client, **params)["dossier_total"] == expected


def test_a_unit_of_another_province_in_the_filter_is_ignored(world, manager_client):
    make_dossier(world)
    foreign = UnitFactory(province=ProvinceFactory())

    response = manager_client.get(URL, {"unit": foreign.pk})

    assert response.context["filter"].unit_id is None
    assert response.context["data"]["dossier_total"] == 1


def test_overdue_list_shows_open_tasks_past_due_most_overdue_first(world, manager_client):
    today = route.today()
    late = make_dossier(world, title="Hồ sơ trễ 5 ngày")
    later = make_dossier(world, title="Hồ sơ trễ 30 ngày", unit=world.other_unit)
    on_time = make_dossier(world, title="Hồ sơ còn hạn")
    for dossier, due in ((late, today - timedelta(days=5)), (later, today - timedelta(days=30)),
                         (on_time, today + timedelta(days=3))):
        send(world, dossier)
        place(dossier, "unit_head_submit", started=due - timedelta(days=7), due=due)

    response = manager_client.get(URL)

    titles = [r["dossier__title"] for r in response.context["overdue"]]
    assert titles == ["Hồ sơ trễ 30 ngày", "Hồ sơ trễ 5 ngày"]
    days_late = calendar_for(world.province.pk).working_days_between(
        today - timedelta(days=5), today)
    assert response.context["overdue"][1]["days_late"] == days_late
    assert "Hồ sơ trễ 30 ngày" in response.content.decode()


def test_overdue_list_is_paginated_with_the_filters_kept(world, manager_client):
    today = route.today()
    for _ in range(3):
        dossier = make_dossier(world)
        send(world, dossier)
        place(dossier, "unit_head_submit", started=today - timedelta(days=20),
              due=today - timedelta(days=2))
    from reports.views import DashboardView

    DashboardView.paginate_by = 2
    try:
        first = manager_client.get(URL, {"year": YEAR})
        second = manager_client.get(URL, {"year": YEAR, "page": 2})
    finally:
        DashboardView.paginate_by = 50

    assert len(first.context["overdue"]) == 2 and first.context["overdue"].has_next()
    assert f"year={YEAR}&amp;page=2" in first.content.decode()
    assert len(second.context["overdue"]) == 1


@pytest.mark.parametrize("who", ["officer", "head", "bloc_leader", "secretary", "committee"])
def test_users_outside_the_managers_and_the_board_are_refused(world, client, who):
    client.force_login(getattr(world, who))

    for name in ("index", "print", "export", "export_overdue"):
        assert client.get(reverse(f"khenthuong:reports:{name}")).status_code == 403, name


@pytest.mark.parametrize("who", ["manager", "board_head", "specialist"])
def test_the_manager_and_the_board_open_the_dashboard(world, client, who):
    client.force_login(getattr(world, who))

    assert client.get(URL).status_code == 200


def test_the_menu_shows_the_dashboard_to_the_manager_only(world, client):
    link = f'href="{URL}"'
    client.force_login(world.manager)
    assert link in client.get(reverse("khenthuong:dossiers:index")).content.decode()

    client.force_login(world.officer)
    assert link not in client.get(reverse("khenthuong:dossiers:index")).content.decode()


def test_a_manager_sees_only_the_dossiers_of_their_province(world, manager_client):
    make_dossier(world)
    province = ProvinceFactory()
    elsewhere = UnitFactory(province=province)
    officer = UserFactory(roles=[roles.UNIT_OFFICER], unit=elsewhere, province=province)
    from tests.factories import DossierFactory

    DossierFactory(unit=elsewhere, year=YEAR, created_by=officer)

    data = _data(manager_client)

    assert data["dossier_total"] == 1
    assert {r.label for r in data["units"]} == {world.unit.name}


def _build(world, n: int) -> None:
    from tests.factories import (
        CollectiveFactory,
        NominationFactory,
        attach_required_documents,
        award,
    )

    today = route.today()
    for i in range(n):
        unit = world.unit if i % 2 else world.other_unit
        dossier = make_dossier(world, "CSTD_TINH", "BK_TINH", unit=unit, documents=False)
        NominationFactory(dossier=dossier, person=None, award=award("BK_TINH"),
                          collective=CollectiveFactory(unit=unit))
        attach_required_documents(dossier)
        advance(world, dossier, "council_review" if i % 3 else "board_appraisal")
        place(dossier, "unit_head_submit", started=today - timedelta(days=40),
              finished=today - timedelta(days=30))
        if i % 2:
            place(dossier, "council_review" if i % 3 else "board_appraisal",
                  started=today - timedelta(days=25), due=today - timedelta(days=1))


def test_the_dashboard_runs_the_same_queries_for_few_and_for_many_dossiers(
        world, client, django_assert_max_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.manager)
    _build(world, 2)
    client.get(URL)  # per-process caches (calendar, content types)
    cache.clear()  # the years table is cached: count its queries too
    with CaptureQueriesContext(connection) as few:
        assert client.get(URL).status_code == 200

    _build(world, 12)

    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.context["data"]["dossier_total"] == 14


def test_the_years_table_is_read_from_the_cache_for_a_while(world, manager_client):
    make_dossier(world)
    assert [(r.key, r.dossiers) for r in _data(manager_client)["years"]] == [(YEAR, 1)]

    make_dossier(world)

    data = _data(manager_client)
    assert data["dossier_total"] == 2  # live
    assert [(r.key, r.dossiers) for r in data["years"]] == [(YEAR, 1)]  # cached
