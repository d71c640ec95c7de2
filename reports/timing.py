"""Time in step in working days, aggregated by the database.

A step's time is `workdays.calendar.WorkingCalendar.working_days_between(started_on, end)`:
working days in (started_on, end], `end` being the day the task was finished (local date)
or today for a task still open ("time so far"). Counting that day by day for every task of
years of history is per-row work; instead a `WorkdayIndex` numbers the days once — the
number of working days from a base day up to each day — and the difference of two numbers
is the count. On PostgreSQL the numbers go to the query as one integer array and the
database computes every row's days and aggregates them (AVG, PERCENTILE_DISC) in the same
GROUP BY: one query whatever the rows. Elsewhere (the embedded SQLite of `make run`) the
query groups by (start, end) pairs and the same sums are made here from those groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from weakref import WeakKeyDictionary

from django.conf import settings
from django.db import connection
from django.db.models import (
    Aggregate,
    Avg,
    Count,
    DateField,
    FloatField,
    IntegerField,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, TruncDate

from workdays.calendar import WorkingCalendar

# the earliest day numbered when no year narrows the rows (older tasks count from it)
HISTORY_YEARS = 20


class WorkdayIndex:
    """Working days numbered from `base`: `number(d)` = working days in (base, d], for
    base <= d <= last (days outside are clamped to that range)."""

    def __init__(self, calendar: WorkingCalendar, base: date, last: date):
        self.base, self.last = base, max(base, last)
        numbers, count, day = [0], 0, base
        while day < self.last:
            day += timedelta(days=1)
            count += calendar.is_working_day(day)
            numbers.append(count)
        self.numbers = numbers

    def number(self, day: date) -> int:
        day = min(max(day, self.base), self.last)
        return self.numbers[(day - self.base).days]

    def between(self, start: date, end: date) -> int:
        """Working days in (start, end], as WorkingCalendar.working_days_between."""
        return self.number(end) - self.number(start)

    def sql(self, table: str, today: date) -> RawSQL:
        """The same count for each row of `table` (TaskDeadline's), in PostgreSQL."""
        def number_of(column: str) -> tuple[str, list]:
            return ("(%s::int[])[LEAST(GREATEST(" + column + ", %s::date), %s::date) "
                    "- %s::date + 1]", [self.numbers, self.base, self.last, self.base])

        end_sql, end_params = number_of(
            f'COALESCE(("{table}"."finished_at" AT TIME ZONE %s)::date, %s::date)')
        start_sql, start_params = number_of(f'"{table}"."started_on"')
        # the end's own parameters (time zone, today) come before the clamp's
        end_params = [end_params[0], settings.TIME_ZONE, today, *end_params[1:]]
        return RawSQL(f"({end_sql} - {start_sql})", (*end_params, *start_params),
                      output_field=IntegerField())


_indexes: WeakKeyDictionary[WorkingCalendar, dict[tuple[date, date], WorkdayIndex]] = (
    WeakKeyDictionary())


def index_for(calendar: WorkingCalendar, today: date) -> WorkdayIndex:
    """Days numbered from HISTORY_YEARS ago to today, kept with the calendar (which
    workdays.calendar caches and replaces when its overrides change)."""
    base = date(today.year - HISTORY_YEARS, 1, 1)
    kept = _indexes.setdefault(calendar, {})
    if (base, today) not in kept:
        kept.clear()
        kept[(base, today)] = WorkdayIndex(calendar, base, today)
    return kept[(base, today)]


class PercentileDisc(Aggregate):
    """PostgreSQL's PERCENTILE_DISC(fraction) WITHIN GROUP (ORDER BY expression): the
    first value whose cumulative share reaches `fraction` (a value that occurs)."""

    function = "PERCENTILE_DISC"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = IntegerField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


@dataclass
class StepTimes:
    """Tasks of one group, and their time in working days (None without tasks)."""

    tasks: int = 0
    waiting: int = 0
    overdue: int = 0
    mean: float | None = None
    median: int | None = None
    p90: int | None = None

    @property
    def finished(self) -> int:
        return self.tasks - self.waiting


def percentile(counts: Sequence[tuple[int, int]], percent: int) -> int | None:
    """PERCENTILE_DISC over (value, how many) pairs: the smallest value whose cumulative
    count reaches `percent` % of all."""
    total = sum(n for _, n in counts)
    if not total:
        return None
    seen = 0
    for value, n in sorted(counts):
        seen += n
        if seen * 100 >= total * percent:
            return value
    return None  # pragma: no cover - the loop always reaches 100 %


def _counts(today: date, where: Q | None = None) -> dict:
    def both(q: Q) -> Q:
        return q & where if where is not None else q

    return {
        "tasks": Count("pk", filter=where),
        "waiting": Count("pk", filter=both(Q(finished_at__isnull=True))),
        "overdue": Count("pk", filter=both(Q(finished_at__isnull=True, due_on__lt=today))),
    }


def figures(days, today: date, *, where: Q | None = None, percentiles: bool = True,
            suffix: str = "") -> dict:
    """The aggregates of `step_times` on PostgreSQL (`days`: WorkdayIndex.sql), for the
    rows matching `where`, named with `suffix`."""
    result = {**_counts(today, where), "mean": Avg(days, output_field=FloatField(),
                                                   filter=where)}
    if percentiles:
        result.update(median=PercentileDisc(days, 0.5, filter=where),
                      p90=PercentileDisc(days, 0.9, filter=where))
    return {f"{name}{suffix}": aggregate for name, aggregate in result.items()}


def times_of(row: dict, suffix: str = "") -> StepTimes:
    return StepTimes(tasks=row[f"tasks{suffix}"], waiting=row[f"waiting{suffix}"],
                     overdue=row[f"overdue{suffix}"], mean=row[f"mean{suffix}"],
                     median=row.get(f"median{suffix}"), p90=row.get(f"p90{suffix}"))


def step_times(deadlines: QuerySet, group: Sequence[str], index: WorkdayIndex,
               today: date, *, percentiles: bool = True) -> dict[tuple, StepTimes]:
    """Tasks, waiting, overdue and time in step (mean, and unless `percentiles` is False
    the median and 90th percentile, in working days) of `deadlines` (a TaskDeadline
    queryset) per value of the `group` fields (none: one total under the key ()) — one
    query. The percentiles sort each group's rows: leave them out over years of history."""
    deadlines = deadlines.order_by()
    if connection.vendor != "postgresql":
        return _step_times_by_pairs(deadlines, group, index, today, _counts(today),
                                    percentiles)
    days = index.sql(deadlines.model._meta.db_table, today)
    aggregates = figures(days, today, percentiles=percentiles)
    rows = (deadlines.values(*group).annotate(**aggregates) if group
            else [deadlines.aggregate(**aggregates)])
    return {tuple(row[g] for g in group): times_of(row) for row in rows if row["tasks"]}


def _step_times_by_pairs(deadlines: QuerySet, group: Sequence[str], index: WorkdayIndex,
                         today: date, counts: dict,
                         percentiles: bool = True) -> dict[tuple, StepTimes]:
    """The same figures for databases without arrays and percentiles: one GROUP BY over
    (group, start day, end day), the days of each pair from the index."""
    end = Coalesce(TruncDate("finished_at"), Value(today, output_field=DateField()))
    rows = (deadlines.annotate(_end=end).values(*group, "started_on", "_end")
            .annotate(**counts))
    pairs: dict[tuple, list] = {}
    result: dict[tuple, StepTimes] = {}
    for row in rows:
        key = tuple(row[g] for g in group)
        times = result.setdefault(key, StepTimes())
        times.tasks += row["tasks"]
        times.waiting += row["waiting"]
        times.overdue += row["overdue"]
        pairs.setdefault(key, []).append((index.between(row["started_on"], row["_end"]),
                                          row["tasks"]))
    for key, times in result.items():
        values = pairs[key]
        times.mean = sum(v * n for v, n in values) / times.tasks if times.tasks else None
        if percentiles:
            times.median = percentile(values, 50)
            times.p90 = percentile(values, 90)
    return result

