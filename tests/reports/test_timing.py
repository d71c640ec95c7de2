"""The time-in-step figures are the same whichever way they are computed: PostgreSQL's
aggregates over the working-day numbers, or the portable grouping by (start, end) used on
SQLite (`make run`), which computes them here."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection

from reports import timing
from tests.workflows.helpers import advance, make_dossier
from workdays.calendar import calendar_for
from workflows import selectors as route
from workflows.models import TaskDeadline

from .conftest import place


@pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")
def test_the_portable_figures_match_postgresqls(world):
    today = route.today()
    for i, start in enumerate((date(2025, 4, 25), date(2025, 1, 20), date(2025, 9, 1))):
        dossier = make_dossier(world)
        advance(world, dossier, "council_review")
        place(dossier, "unit_head_submit", started=start, finished=start + timedelta(days=9 * i))
        place(dossier, "council_review", started=today - timedelta(days=4 + i),
              due=today - timedelta(days=i))
    index = timing.index_for(calendar_for(world.province.pk), today)
    qs = TaskDeadline.objects.filter(dossier__unit__province=world.province)

    in_sql = timing.step_times(qs, ["step"], index, today)
    portable = timing._step_times_by_pairs(qs, ["step"], index, today,
                                           timing._counts(today))

    assert in_sql == portable
    assert in_sql[("council_review",)].overdue == 2


def test_percentile_is_the_first_value_reaching_the_share():
    counts = [(4, 1), (1, 2), (9, 1)]  # 1, 1, 4, 9

    assert [timing.percentile(counts, p) for p in (25, 50, 75, 90, 100)] == [1, 1, 4, 9, 9]
    assert timing.percentile([], 50) is None
