"""The dashboard's figures on PostgreSQL come from two GROUPING SETS queries
(`reports.selectors._one_pass`); the per-table queries (`per_step` … `per_year`, what
SQLite runs) stay as the reference. Both must give the same figures, table by table,
whatever the filter, on a small province with every case the tables tell apart: units in
and out of a bloc, two years, individual and collective nominations (a dossier with both,
one with none), awarded and rejected nominations, finished, open and overdue tasks,
several dossiers waiting at one step. And the one-pass page runs the same statements
for few and for many dossiers."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports import selectors
from reports.selectors import ReportFilter
from tests.factories import (
    CollectiveFactory,
    DossierFactory,
    NominationFactory,
    attach_required_documents,
    award,
)
from tests.workflows.helpers import YEAR, advance, make_dossier, send
from workflows import selectors as route

from .conftest import place

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="the one-pass queries are PostgreSQL's")


def _collective(world, dossier, unit, status="active"):
    return NominationFactory(dossier=dossier, person=None, award=award("BK_TINH"),
                             collective=CollectiveFactory(unit=unit), status=status)


@pytest.fixture
def history(world):
    """Dossiers of two years in three units (two in the bloc this year), at every stage."""
    today = route.today()
    both = make_dossier(world, "CSTD_TINH", "BK_TINH", documents=False)
    _collective(world, both, world.unit)
    attach_required_documents(both)
    advance(world, both, "council_review")
    place(both, "unit_head_submit", started=today - timedelta(days=40),
          finished=today - timedelta(days=33))
    place(both, "council_review", started=today - timedelta(days=20),
          due=today - timedelta(days=2))

    waiting = make_dossier(world, "BK_TINH", unit=world.other_unit)
    advance(world, waiting, "council_review")
    place(waiting, "council_review", started=today - timedelta(days=3),
          due=today + timedelta(days=5))

    collective_only = DossierFactory(unit=world.leader_unit, year=YEAR,
                                     created_by=world.officer)
    _collective(world, collective_only, world.leader_unit, status="awarded")
    _collective(world, collective_only, world.leader_unit, status="rejected")

    appraisal = make_dossier(world, "CSTD_TINH", "BK_TINH")
    advance(world, appraisal, "board_appraisal")
    appraisal.nominations.filter(award__code="BK_TINH").update(status="awarded")
    place(appraisal, "unit_head_submit", started=today - timedelta(days=30),
          finished=today - timedelta(days=29))

    sent = make_dossier(world, "BK_TINH")
    send(world, sent)
    place(sent, "unit_head_submit", started=today - timedelta(days=12),
          due=today - timedelta(days=1))

    DossierFactory(unit=world.other_unit, year=YEAR, created_by=world.other_officer)  # empty

    older = make_dossier(world, "BK_TINH", unit=world.other_unit)
    advance(world, older, "council_review")
    older.year = YEAR - 1
    older.save()
    place(older, "unit_head_submit", started=today - timedelta(days=400),
          finished=today - timedelta(days=390))
    return world


def _both(user, f: ReportFilter) -> tuple[dict, dict]:
    cache.clear()
    reference = selectors.dashboard(user, f, one_pass=False)
    cache.clear()
    one_pass = selectors.dashboard(user, f, one_pass=True)
    one_pass.pop("overdue_total")
    return reference, one_pass


FILTERS = [
    {"year": YEAR}, {"year": YEAR - 1}, {"year": None}, {"year": YEAR, "kind": "individual"},
    {"year": YEAR, "kind": "collective"}, {"year": None, "kind": "collective"},
    {"year": YEAR, "step": "council_review"}, {"year": None, "step": "unit_head_submit"},
    {"year": YEAR, "bloc": True}, {"year": None, "bloc": True}, {"year": YEAR, "unit": True},
    {"year": None, "unit": True, "kind": "individual"},
]


@pytest.mark.parametrize("params", FILTERS, ids=lambda p: ",".join(f"{k}={v}" for k, v in
                                                                    p.items()))
@pytest.mark.parametrize("who", ["manager", "specialist"])
def test_one_pass_gives_the_figures_of_the_per_table_queries(history, params, who):
    world = history
    f = ReportFilter(year=params["year"], kind=params.get("kind", ""),
                     step=params.get("step", ""),
                     bloc_id=world.bloc.pk if params.get("bloc") else None,
                     unit_id=world.other_unit.pk if params.get("unit") else None)

    reference, one_pass = _both(getattr(world, who), f)

    for table in reference:
        assert one_pass[table] == reference[table], table
    assert reference["dossier_total"] > 0


def test_the_figures_are_the_ones_the_world_holds(history):
    """Not only equal to the reference: the reference says what the world holds."""
    data = selectors.dashboard(history.manager, ReportFilter(year=YEAR), one_pass=True)

    assert data["dossier_total"] == 6
    kinds = {r.key: (r.dossiers, r.nominations, r.awarded) for r in data["kinds"]}
    assert kinds == {"individual": (4, 6, 1), "collective": (2, 3, 1)}
    council = next(s for s in data["steps"] if s.code == "council_review")
    assert (council.dossiers_waiting, council.nominations_waiting) == (2, 4)
    assert council.times.overdue == 1
    assert data["overdue_total"] == 2
    blocs = {r.label: r.dossiers for r in data["blocs"]}
    assert blocs == {history.bloc.name: 4, "Không thuộc khối / cụm": 2}
    assert [(r.key, r.dossiers) for r in data["years"]] == [(YEAR, 6), (YEAR - 1, 1)]


def test_the_superuser_sees_the_same_figures_both_ways(history, django_user_model):
    admin = django_user_model.objects.create_superuser("admin-reports", "a@example.org", "x")

    for f in (ReportFilter(year=YEAR), ReportFilter()):
        reference, one_pass = _both(admin, f)
        assert one_pass == reference


def _statements(user, f: ReportFilter) -> list[str]:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        selectors.dashboard(user, f, one_pass=True)
    return [q["sql"] for q in ctx.captured_queries]


@pytest.mark.parametrize("year", [YEAR, None])
def test_the_one_pass_dashboard_runs_the_same_statements_for_few_and_many(world, year):
    make_dossier(world)
    f = ReportFilter(year=year)
    selectors.dashboard(world.manager, f, one_pass=True)  # per-process caches (calendar)
    few = _statements(world.manager, f)

    for i in range(8):
        dossier = make_dossier(world, "CSTD_TINH", unit=world.unit if i % 2 else
                               world.other_unit, documents=False)
        _collective(world, dossier, dossier.unit)
        attach_required_documents(dossier)
        advance(world, dossier, "council_review")
    many = _statements(world.manager, f)

    assert len(many) == len(few)
    # the tables' two queries and the years table's two (a cache miss; folded into the
    # tables' two when the filter is every year), in a transaction without JIT
    figures = [q for q in many if "GROUPING SETS" in q]
    assert len(figures) == (4 if year else 2)
    cache.clear()
    selectors.dashboard(world.manager, f, one_pass=True)
    with CaptureQueriesContext(connection) as cached:
        selectors.dashboard(world.manager, f, one_pass=True)
    # the years table cached: a year's two queries; every year's tables are cached too
    assert len([q for q in cached.captured_queries if "GROUPING SETS" in q["sql"]]) == (
        2 if year else 0)


def test_every_year_fills_the_years_cache_from_the_same_pass(world):
    make_dossier(world)
    cache.clear()

    data = selectors.dashboard(world.manager, ReportFilter(), one_pass=True)

    assert [(r.key, r.dossiers) for r in data["years"]] == [(YEAR, 1)]
    assert cache.get(selectors._years_key(world.manager, ReportFilter())) == data["years"]
    yearly = selectors.dashboard(world.manager, replace(ReportFilter(), year=YEAR),
                                 one_pass=True)
    assert yearly["years"] == data["years"]  # the same key: every year's rows


def test_every_years_tables_are_cached_like_the_years_table_and_a_year_stays_live(world):
    make_dossier(world)
    cache.clear()
    assert selectors.dashboard(world.manager, ReportFilter())["dossier_total"] == 1

    make_dossier(world)

    assert selectors.dashboard(world.manager, ReportFilter())["dossier_total"] == 1  # cached
    assert selectors.dashboard(world.manager, ReportFilter(year=YEAR))["dossier_total"] == 2
    cache.clear()
    assert selectors.dashboard(world.manager, ReportFilter())["dossier_total"] == 2


def test_the_pager_takes_the_overdue_count_from_the_tables(history, client):
    from django.urls import reverse

    client.force_login(history.manager)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("khenthuong:reports:index"), {"year": YEAR})

    assert response.context["overdue"].paginator.count == 2
    assert len(response.context["overdue"]) == 2
    assert not [q for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")
                and "workflows_taskdeadline" in q["sql"]]
