"""Reads of the manager's dashboard: counts and time in step, per step, status, bloc, unit,
nominee kind and year, and the overdue tasks — all aggregated in SQL (GROUP BY), a fixed
number of queries whatever the rows, always inside what the user may see. On PostgreSQL
the tables come from one pass over the dossiers and one over the tasks (GROUPING SETS,
`_one_pass`); the per-table functions are SQLite's path and the tests' reference.

Who: the manager (Lãnh đạo theo dõi), the board head and specialists, read-only, on their
province (superusers: everything). The rows come from the visibility rules of the domain
(`nominations.selectors.dossiers_visible_to`, `workflows.selectors.deadlines_visible_to`).

Filters (`ReportFilter`): achievement year, bloc (the unit's bloc in the dossier's year),
unit, nominee kind (a dossier with at least one nomination of that kind; nominations of
that kind), step (tasks of that step; dossiers and nominations waiting at it now).
Time in step is read from `workflows.TaskDeadline` (started_on → finished_at, or today
for an open task) in working days (`reports.timing`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
)
from django.utils.translation import gettext_lazy

from accounts.roles import BOARD_HEAD, BOARD_SPECIALIST, MANAGER
from nominations.choices import DossierStatus, NominationStatus, NomineeKind
from nominations.models import Bloc, BlocMembership, Dossier, Nomination, Province, Unit
from nominations.selectors import dossiers_visible_to, units_visible_to
from workdays.calendar import calendar_for
from workflows.models import TaskDeadline
from workflows.selectors import deadlines_visible_to, today
from workflows.steps import STEPS

from .timing import StepTimes, WorkdayIndex, index_for, step_times

REPORT_ROLES = frozenset({MANAGER, BOARD_HEAD, BOARD_SPECIALIST})
KINDS = (NomineeKind.INDIVIDUAL.value, NomineeKind.COLLECTIVE.value)
NO_BLOC = gettext_lazy("Không thuộc khối / cụm")


def can_view_reports(user) -> bool:
    """The dashboard is for the manager, the board head and specialists (read-only)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or bool(user.role_names() & REPORT_ROLES)


@dataclass(frozen=True)
class ReportFilter:
    year: int | None = None
    bloc_id: int | None = None
    unit_id: int | None = None
    kind: str = ""  # NomineeKind.INDIVIDUAL / COLLECTIVE, or "" for both
    step: str = ""

    def as_query(self) -> dict[str, str]:
        """The filter as the dashboard's query string (for export and print links)."""
        return {"year": str(self.year) if self.year else "all",
                **({"bloc": str(self.bloc_id)} if self.bloc_id else {}),
                **({"unit": str(self.unit_id)} if self.unit_id else {}),
                **({"kind": self.kind} if self.kind else {}),
                **({"step": self.step} if self.step else {})}


def default_year(user) -> int:
    """The newest achievement year among the dossiers the user sees (an index scan of one
    row), else this year."""
    newest = (dossiers_visible_to(user).order_by("-year", "-created_at", "-id")
              .values_list("year", flat=True).first())
    return newest or today().year


def bloc_choices(user) -> QuerySet[Bloc]:
    qs = Bloc.objects.order_by("name")
    if user.is_superuser:
        return qs
    return qs.filter(province_id=user.province_id) if user.province_id else qs.none()


def unit_choices(user) -> QuerySet[Unit]:
    return units_visible_to(user).order_by("name")


def province_of(user) -> Province | None:
    return Province.objects.filter(pk=user.province_id).first() if user.province_id else None


# ---------------------------------------------------------------- filtered rows


def _in_bloc(bloc_id: int, unit_ref: str, year_ref: str) -> Exists:
    return Exists(BlocMembership.objects.filter(bloc_id=bloc_id, unit_id=OuterRef(unit_ref),
                                                year=OuterRef(year_ref)))


def _has_kind(kind: str, dossier_ref: str) -> Exists:
    return Exists(Nomination.objects.filter(dossier_id=OuterRef(dossier_ref),
                                            person__isnull=kind != NomineeKind.INDIVIDUAL))


def _waiting_at(step: str, dossier_ref: str) -> Exists:
    return Exists(TaskDeadline.objects.filter(dossier_id=OuterRef(dossier_ref), step=step,
                                              finished_at__isnull=True))


def dossiers(user, f: ReportFilter) -> QuerySet[Dossier]:
    qs = dossiers_visible_to(user).select_related(None).order_by()
    if f.year:
        qs = qs.filter(year=f.year)
    if f.unit_id:
        qs = qs.filter(unit_id=f.unit_id)
    if f.bloc_id:
        qs = qs.filter(_in_bloc(f.bloc_id, "unit_id", "year"))
    if f.kind:
        qs = qs.filter(_has_kind(f.kind, "pk"))
    if f.step:
        qs = qs.filter(_waiting_at(f.step, "pk"))
    return qs


def deadlines(user, f: ReportFilter) -> QuerySet[TaskDeadline]:
    """The tasks (TaskDeadline rows) of the filtered dossiers; with `f.step`, of that step."""
    if f.year:
        # a year's dossiers first (the dossier indexes), then their tasks by dossier: a
        # third of the time of the province's years of tasks joined to one year's dossiers
        any_step = replace(f, step="")
        qs = TaskDeadline.objects.filter(dossier__in=dossiers(user, any_step).values("pk"))
    else:
        qs = TaskDeadline.objects.filter(deadlines_visible_to(user))
        if f.unit_id:
            qs = qs.filter(dossier__unit_id=f.unit_id)
        if f.bloc_id:
            qs = qs.filter(_in_bloc(f.bloc_id, "dossier__unit_id", "dossier__year"))
        if f.kind:
            qs = qs.filter(_has_kind(f.kind, "dossier_id"))
    if f.step:
        qs = qs.filter(step=f.step)
    return qs.order_by()


def _kind_q(f: ReportFilter, through: str = "") -> Q | None:
    """On a dossier queryset (or from a relation `through` it, e.g. "dossier__"): its
    nominations of the filter's kind (None: all)."""
    if not f.kind:
        return None
    side = "person" if f.kind == NomineeKind.INDIVIDUAL else "collective"
    return Q(**{f"{through}nominations__{side}__isnull": False})


def _nomination_counts(dossier_qs: QuerySet, f: ReportFilter, group: Sequence[str]) -> dict:
    """{group key: {"n": nominations, "awarded": awarded}} counted from the dossiers' side
    (one join; three times faster than nominations filtered by a dossier sub-query)."""
    kind = _kind_q(f)
    awarded = Q(nominations__status=NominationStatus.AWARDED)
    rows = dossier_qs.values(*group).annotate(
        n=Count("nominations", filter=kind),
        awarded=Count("nominations", filter=awarded & kind if kind else awarded))
    return {row[group[0]]: row for row in rows}


def overdue(user, f: ReportFilter) -> QuerySet:
    """Open tasks past their due date, the most overdue first, as plain rows (the page
    and the export read them; the partial index on open deadlines serves them)."""
    return (deadlines(user, f).filter(finished_at__isnull=True, due_on__lt=today())
            .order_by("due_on", "pk")
            .values("pk", "dossier_id", "dossier__title", "dossier__unit__name",
                    "dossier__year", "step", "started_on", "due_on",
                    "assigned_to__full_name", "assigned_to__username"))


def workday_index(user) -> WorkdayIndex:
    """The working-day numbers of the user's province (national calendar for superusers)."""
    return index_for(calendar_for(user.province_id if not user.is_superuser else None),
                     today())


# ---------------------------------------------------------------- the dashboard


@dataclass
class Row:
    """One line of a breakdown table."""

    key: object
    label: str
    dossiers: int = 0
    nominations: int = 0
    awarded: int = 0
    times: StepTimes = field(default_factory=StepTimes)


def _by(qs: QuerySet, key: str, label: str | None, **aggregates) -> dict:
    """{key: row} of one GROUP BY on `key` (and its `label`)."""
    fields = [key, label] if label else [key]
    return {row[key]: row for row in qs.values(*fields).annotate(**aggregates)}


def _with_bloc(qs: QuerySet, unit_path: str, year_path: str) -> QuerySet:
    """Join each row's unit to its bloc membership of the dossier's year (LEFT JOIN: units
    outside any bloc stay, with no bloc)."""
    relation = f"{unit_path}__bloc_memberships"
    return qs.annotate(_membership=FilteredRelation(
        relation, condition=Q(**{f"{relation}__year": F(year_path)})))


@dataclass(frozen=True)
class Dimension:
    """How one breakdown groups: (key field, label field) on dossiers and on task
    deadlines, and how to prepare each queryset (a join)."""

    dossier: tuple[str, str | None]
    deadline: tuple[str, str | None]
    prepare: tuple = (None, None)
    none_label: str = ""
    percentiles: bool = True


def _breakdown(user, f: ReportFilter, index: WorkdayIndex, dim: Dimension) -> list[Row]:
    """Dossiers, nominations (awarded), tasks and time in step per value of one dimension:
    three GROUP BYs."""
    d_qs, t_qs = (prepare(qs) if prepare else qs for prepare, qs in zip(
        dim.prepare, (dossiers(user, f), deadlines(user, f)), strict=True))
    per_dossier = _by(d_qs, *dim.dossier, n=Count("pk"))
    per_nomination = _nomination_counts(d_qs, f, [g for g in dim.dossier if g])
    times = step_times(t_qs, [g for g in dim.deadline if g], index, today(),
                       percentiles=dim.percentiles and f.year is not None)
    rows: dict = {}

    def row(key, label) -> Row:
        if key not in rows:
            rows[key] = Row(key=key, label=str(label if label is not None
                                               else key if key is not None
                                               else dim.none_label))
        return rows[key]

    for key, values in per_dossier.items():
        row(key, values.get(dim.dossier[1])).dossiers = values["n"]
    for key, values in per_nomination.items():
        r = row(key, values.get(dim.dossier[1]))
        r.nominations, r.awarded = values["n"], values["awarded"]
    for group, values in times.items():
        row(group[0], group[1] if len(group) > 1 else None).times = values
    return list(rows.values())


def per_unit(user, f: ReportFilter, index: WorkdayIndex) -> list[Row]:
    rows = _breakdown(user, f, index, Dimension(
        dossier=("unit_id", "unit__name"),
        deadline=("dossier__unit_id", "dossier__unit__name")))
    return sorted(rows, key=lambda r: (-r.dossiers, r.label))


def per_bloc(user, f: ReportFilter, index: WorkdayIndex) -> list[Row]:
    """Per bloc of the dossier's unit in the dossier's year; units outside any bloc on a
    last line."""
    bloc = ("_membership__bloc_id", "_membership__bloc__name")
    rows = _breakdown(user, f, index, Dimension(
        dossier=bloc, deadline=bloc,
        prepare=(lambda qs: _with_bloc(qs, "unit", "year"),
                 lambda qs: _with_bloc(qs, "dossier__unit", "dossier__year")),
        none_label=str(NO_BLOC)))
    return sorted(rows, key=lambda r: (r.key is None, r.label))


YEARS_CACHE_SECONDS = 600


def per_year(user, f: ReportFilter, index: WorkdayIndex) -> list[Row]:
    """Every year the other filters leave (the year filter itself is not applied). Over
    years of history the time in step is the mean only (percentiles sort every row).

    This table reads the province's whole history (40,000 dossiers, 190,000 tasks in the
    scale benchmark's provinces: the slowest part of the page), so it is kept in the cache
    for YEARS_CACHE_SECONDS per province and filter; the other tables are always live."""
    every_year = replace(f, year=None)
    key = _years_key(user, f)
    rows = cache.get(key)
    if rows is None:
        rows = sorted(_breakdown(user, every_year, index, Dimension(
            dossier=("year", None), deadline=("dossier__year", None), percentiles=False)),
            key=lambda r: r.key, reverse=True)
        cache.set(key, rows, YEARS_CACHE_SECONDS)
    return rows


def per_kind(user, f: ReportFilter, index: WorkdayIndex) -> list[Row]:
    """Individual and collective nominations; a dossier with both counts in both. One
    count over the dossiers' nominations, and the time in step of each kind's dossiers."""
    qs = dossiers(user, f)
    kinds = [k for k in KINDS if not f.kind or f.kind == k]
    has: dict[str, Q] = {NomineeKind.INDIVIDUAL: Q(nominations__person__isnull=False),
                         NomineeKind.COLLECTIVE: Q(nominations__collective__isnull=False)}
    awarded = Q(nominations__status=NominationStatus.AWARDED)
    counts = qs.aggregate(**{
        f"{k}_{name}": aggregate for k in kinds for name, aggregate in (
            ("dossiers", Count("pk", distinct=True, filter=has[k])),
            ("n", Count("nominations", filter=has[k])),
            ("awarded", Count("nominations", filter=has[k] & awarded)))})
    labels = dict(NomineeKind.choices)
    times = _times_per_kind(user, f, index, kinds)
    return [Row(key=k, label=str(labels[k]), dossiers=counts[f"{k}_dossiers"],
                nominations=counts[f"{k}_n"], awarded=counts[f"{k}_awarded"],
                times=times.get(k) or StepTimes()) for k in kinds]


def _times_per_kind(user, f: ReportFilter, index: WorkdayIndex,
                    kinds: Sequence[str]) -> dict[str, StepTimes]:
    """Time in step of the dossiers with individual / collective nominations, one query
    each (one aggregate FILTERed per kind would run the EXISTS once per aggregate and row:
    ten times slower)."""
    return {k: step_times(deadlines(user, replace(f, kind=k)), [], index, today(),
                          percentiles=f.year is not None).get((), StepTimes())
            for k in kinds}


@dataclass
class StepRow:
    code: str
    label: str
    times: StepTimes
    dossiers_waiting: int = 0
    nominations_waiting: int = 0


def per_step(user, f: ReportFilter, index: WorkdayIndex) -> list[StepRow]:
    """Every step of the route, in its order: tasks, waiting (dossiers and their
    nominations), overdue, time in step."""
    qs = deadlines(user, f)
    times = step_times(qs, ["step"], index, today(), percentiles=f.year is not None)
    nomination_q = _kind_q(f, through="dossier__")
    waiting = {row["step"]: row for row in qs.filter(finished_at__isnull=True)
               .values("step").annotate(
                   dossiers=Count("dossier", distinct=True),
                   nominations=Count("dossier__nominations", filter=nomination_q))}
    return [StepRow(code=code, label=str(step.label), times=times.get((code,), StepTimes()),
                    dossiers_waiting=waiting.get(code, {}).get("dossiers", 0),
                    nominations_waiting=waiting.get(code, {}).get("nominations", 0))
            for code, step in STEPS.items() if not f.step or f.step == code]


def per_status(user, f: ReportFilter) -> dict[str, list[tuple[str, str, int]]]:
    """(status, label, count) of dossiers and of nominations, in the choices' order."""
    d = dict(dossiers(user, f).values_list("status").annotate(n=Count("pk")))
    kind = _kind_q(f)
    n = dict(dossiers(user, f).values_list("nominations__status")
             .annotate(n=Count("nominations", filter=kind)))
    return {
        "dossiers": [(value, str(label), d.get(value, 0))
                     for value, label in DossierStatus.choices],
        "nominations": [(value, str(label), n.get(value, 0))
                        for value, label in NominationStatus.choices],
    }


def dashboard(user, f: ReportFilter, *, one_pass: bool | None = None) -> dict:
    """Every table of the dashboard (a fixed number of queries).

    On PostgreSQL (`one_pass`, the default there) the tables come from two queries, one
    over the filtered dossiers and their nominations and one over their tasks, each
    grouped by every breakdown at once (GROUPING SETS, below); elsewhere (SQLite) from one
    query or three per table (`per_step` … `per_year`), which stay as the reference the
    tests compare the one-pass figures with."""
    index = workday_index(user)
    if one_pass is None:
        one_pass = connection.vendor == "postgresql"
    if one_pass:
        return {**_one_pass(user, f, index), "index": index}
    statuses = per_status(user, f)
    return {
        "steps": per_step(user, f, index),
        "statuses": statuses,
        "dossier_total": sum(n for _, _, n in statuses["dossiers"]),
        "nomination_total": sum(n for _, _, n in statuses["nominations"]),
        "blocs": per_bloc(user, f, index),
        "units": per_unit(user, f, index),
        "kinds": per_kind(user, f, index),
        "years": per_year(user, f, index),
        "index": index,
    }


# ---------------------------------------------------------------- one pass (PostgreSQL)
#
# The tables above read the same rows again and again: a year's tasks seven times (per
# step, bloc, unit, each kind, waiting per step, …), its dossiers and nominations six
# times. Here the filtered rows are read once per family, as a CTE built by the same
# querysets (`dossiers`, `deadlines`: the same visibility and filters), and grouped by
# every breakdown in one GROUP BY GROUPING SETS; GROUPING() tells the sets apart.

_NOMINATION_KIND_SQL = {"": "TRUE",
                        NomineeKind.INDIVIDUAL.value: "n.person_id IS NOT NULL",
                        NomineeKind.COLLECTIVE.value: "n.collective_id IS NOT NULL"}
# bloc of the dossier's unit in the dossier's year (LEFT: units outside any bloc stay)
_BLOC_JOIN = """
    JOIN nominations_unit u ON u.id = d.unit_id
    LEFT JOIN nominations_blocmembership m ON m.unit_id = d.unit_id AND m.year = d.year
    LEFT JOIN nominations_bloc b ON b.id = m.bloc_id"""


@contextmanager
def _without_jit() -> Iterator[None]:
    """A transaction in which PostgreSQL does not JIT-compile: the statements below are
    planned at a cost above jit_above_cost, and compiling took 0.7–1.7 s on the scale
    build for statements that run in 0.03–1.3 s."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        yield


def _rows(sql: str, params: Sequence) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _grouping(dimensions: dict[str, tuple[str, ...]]) -> tuple[str, str]:
    """The select list (the group's columns and one `by_<name>` flag per dimension, from
    GROUPING()) and the GROUPING SETS of `dimensions` {name: (column AS alias, …)}; the
    empty set () as the dimension "total"."""
    select, sets = [], []
    for name, columns in dimensions.items():
        plain = [c.split(" AS ")[0] for c in columns]
        if columns:
            select.append(f"GROUPING({plain[0]}) = 0 AS by_{name}")
            select.extend(c for c in columns if c not in select)
        sets.append(f"({', '.join(plain)})")
    return ", ".join(select), ", ".join(sets)


def _flags(rows: list[dict], dimensions: dict[str, tuple[str, ...]]) -> list[dict]:
    """Each row's `by_<name>` for every dimension (the empty set's row: `by_total`)."""
    for row in rows:
        for name in dimensions:
            row.setdefault(f"by_{name}", False)
        if "total" in dimensions:
            row["by_total"] = not any(row[f"by_{name}"] for name in dimensions
                                      if name != "total")
    return rows


def _dossier_figures(user, f: ReportFilter, *, years: bool, tables: bool = True) -> list[dict]:
    """Dossiers, nominations and awarded per dossier status, nomination status, bloc, unit
    and over all (with the per-kind counts) with `tables`, per year with `years` — one
    query over the filtered dossiers joined to their nominations."""
    inner, params = (dossiers(user, f).values("pk", "unit_id", "year", "status")
                     .query.sql_with_params())
    dimensions: dict[str, tuple[str, ...]] = {}
    if tables:
        dimensions.update(status=("d.status",), nstatus=("n.status AS nstatus",),
                          bloc=("m.bloc_id", "b.name AS bloc_name"),
                          unit=("d.unit_id", "u.name AS unit_name"), total=())
    if years:
        dimensions["year"] = ("d.year",)
    select, sets = _grouping(dimensions)
    kind = _NOMINATION_KIND_SQL[f.kind]
    per_kind = ", ".join(
        f"""COUNT(DISTINCT d.id) FILTER (WHERE {has}) AS {k}_dossiers,
            COUNT(n.id) FILTER (WHERE {has}) AS {k}_n,
            COUNT(n.id) FILTER (WHERE {has} AND n.status = %s) AS {k}_awarded"""
        for k, has in (("individual", "n.person_id IS NOT NULL"),
                       ("collective", "n.collective_id IS NOT NULL")))
    sql = f"""
        WITH d (id, unit_id, year, status) AS MATERIALIZED ({inner})
        SELECT {select},
               COUNT(DISTINCT d.id) AS dossiers,
               COUNT(n.id) FILTER (WHERE {kind}) AS nominations,
               COUNT(n.id) FILTER (WHERE {kind} AND n.status = %s) AS awarded,
               {per_kind}
        FROM d {_BLOC_JOIN}
        LEFT JOIN nominations_nomination n ON n.dossier_id = d.id
        GROUP BY GROUPING SETS ({sets})"""
    awarded = NominationStatus.AWARDED.value
    return _flags(_rows(sql, [*params, awarded, awarded, awarded]), dimensions)


def _task_figures(user, f: ReportFilter, index: WorkdayIndex, *, years: bool,
                  tables: bool = True) -> list[dict]:
    """Tasks, waiting, overdue and time in step (timing.figures' aggregates; percentiles
    for one year only) per step — with the dossiers and nominations waiting there — per
    bloc, unit, and of the dossiers with individual / with collective nominations, with
    `tables`; per year with `years`: one query over the filtered tasks."""
    on = today()
    inner, params = (deadlines(user, f)
                     .annotate(_days=index.sql(TaskDeadline._meta.db_table, on))
                     .values("pk", "dossier_id", "dossier__unit_id", "dossier__year", "step",
                             "finished_at", "due_on", "_days")
                     .query.sql_with_params())
    dimensions: dict[str, tuple[str, ...]] = {}
    aggregates = ["COUNT(*) AS tasks",
                  "COUNT(*) FILTER (WHERE t.finished_at IS NULL) AS waiting",
                  "COUNT(*) FILTER (WHERE t.finished_at IS NULL AND t.due_on < %s) AS overdue",
                  "AVG(t.days) AS mean"]
    if f.year is not None:
        aggregates += ["PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY t.days) AS median",
                       "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY t.days) AS p90"]
    nominations = ""
    if tables:
        dimensions.update(step=("t.step",), bloc=("m.bloc_id", "b.name AS bloc_name"),
                          unit=("t.unit_id", "u.name AS unit_name"),
                          individual=("nd.individual",), collective=("nd.collective",))
        aggregates += ["COUNT(DISTINCT t.dossier_id) FILTER (WHERE t.finished_at IS NULL)"
                       " AS dossiers_waiting",
                       "COALESCE(SUM(nd.n) FILTER (WHERE t.finished_at IS NULL), 0)"
                       " AS nominations_waiting"]
        # each task's dossier: its kinds as `_has_kind` tells them (a nomination with /
        # without a person), its nominations as `_kind_q(f)` counts them
        nominations = f"""LEFT JOIN (
            SELECT n.dossier_id, bool_or(n.person_id IS NOT NULL) AS individual,
                   bool_or(n.person_id IS NULL) AS collective,
                   COUNT(*) FILTER (WHERE {_NOMINATION_KIND_SQL[f.kind]}) AS n
            FROM nominations_nomination n WHERE n.dossier_id IN (SELECT dossier_id FROM t)
            GROUP BY n.dossier_id) nd ON nd.dossier_id = t.dossier_id"""
    if years:
        dimensions["year"] = ("t.year",)
    select, sets = _grouping(dimensions)
    sql = f"""
        WITH t (id, dossier_id, unit_id, year, step, finished_at, due_on, days) AS ({inner})
        SELECT {select}, {", ".join(aggregates)}
        FROM t {_BLOC_JOIN.replace("d.", "t.")}
        {nominations}
        GROUP BY GROUPING SETS ({sets})"""
    return _flags(_rows(sql, [*params, on]), dimensions)


def _times(row: dict) -> StepTimes:
    return StepTimes(tasks=row["tasks"], waiting=row["waiting"], overdue=row["overdue"],
                     mean=float(row["mean"]) if row["mean"] is not None else None,
                     median=row.get("median"), p90=row.get("p90"))


def _merge(per_dossier: dict, times: dict, none_label: str = "") -> list[Row]:
    """Rows of a breakdown from {key: (label, dossier row)} and {key: (label, task row)},
    as `_breakdown` makes them."""
    rows: dict = {}

    def row(key, label) -> Row:
        if key not in rows:
            rows[key] = Row(key=key, label=str(label if label is not None
                                               else key if key is not None
                                               else none_label))
        return rows[key]

    for key, (label, values) in per_dossier.items():
        r = row(key, label)
        r.dossiers, r.nominations, r.awarded = (values["dossiers"], values["nominations"],
                                                values["awarded"])
    for key, (label, values) in times.items():
        row(key, label).times = _times(values)
    return list(rows.values())


def _years(d_rows: list[dict], t_rows: list[dict]) -> list[Row]:
    return sorted(_merge({r["year"]: (None, r) for r in d_rows if r["by_year"]},
                         {r["year"]: (None, r) for r in t_rows if r["by_year"]}),
                  key=lambda r: cast(int, r.key), reverse=True)


def _years_key(user, f: ReportFilter) -> str:
    every_year = replace(f, year=None)
    scope = "all" if user.is_superuser else f"p{user.province_id}"
    return f"reports:years:{scope}:{urlencode(sorted(every_year.as_query().items()))}:{today()}"


def _one_pass(user, f: ReportFilter, index: WorkdayIndex) -> dict:
    """The dashboard's tables from two queries (two more when the years table is not
    cached: its two over every year; none more when the filter is already every year).

    "Tất cả các năm" reads the province's whole history like the years table (2 s on the
    scale build's province of 40,000 dossiers and 260,000 tasks, where a year takes
    0.05 s): its tables are kept in the cache as long as the years table, per province and
    filter, so the history is read at most once per YEARS_CACHE_SECONDS; one year's tables
    are always live."""
    if f.year is None:
        key = f"{_years_key(user, f)}:tables"
        tables = cache.get(key)
        if tables is None:
            with _without_jit():
                tables = _one_pass_tables(user, f, index)
            cache.set(key, {k: v for k, v in tables.items() if k != "overdue_total"},
                      YEARS_CACHE_SECONDS)
        return tables
    with _without_jit():
        return _one_pass_tables(user, f, index)


def _one_pass_tables(user, f: ReportFilter, index: WorkdayIndex) -> dict:
    key = _years_key(user, f)
    years = cache.get(key)
    fold_years = years is None and f.year is None  # the page's rows are every year's
    d_rows = _dossier_figures(user, f, years=fold_years)
    t_rows = _task_figures(user, f, index, years=fold_years)
    if years is None:
        every_year = replace(f, year=None)
        years = (_years(d_rows, t_rows) if fold_years else
                 _years(_dossier_figures(user, every_year, years=True, tables=False),
                        _task_figures(user, every_year, index, years=True, tables=False)))
        cache.set(key, years, YEARS_CACHE_SECONDS)

    statuses = {r["status"]: r["dossiers"] for r in d_rows if r["by_status"]}
    nstatuses = {r["nstatus"]: r["nominations"] for r in d_rows if r["by_nstatus"]}
    status_rows = {
        "dossiers": [(value, str(label), statuses.get(value, 0))
                     for value, label in DossierStatus.choices],
        "nominations": [(value, str(label), nstatuses.get(value, 0))
                        for value, label in NominationStatus.choices],
    }
    per_step_rows = {r["step"]: r for r in t_rows if r["by_step"]}
    steps = [StepRow(code=code, label=str(step.label),
                     times=(_times(per_step_rows[code]) if code in per_step_rows
                            else StepTimes()),
                     dossiers_waiting=per_step_rows.get(code, {}).get("dossiers_waiting", 0),
                     nominations_waiting=int(per_step_rows.get(code, {})
                                             .get("nominations_waiting", 0)))
             for code, step in STEPS.items() if not f.step or f.step == code]
    blocs = _merge({r["bloc_id"]: (r["bloc_name"], r) for r in d_rows if r["by_bloc"]},
                   {r["bloc_id"]: (r["bloc_name"], r) for r in t_rows if r["by_bloc"]},
                   none_label=str(NO_BLOC))
    units = _merge({r["unit_id"]: (r["unit_name"], r) for r in d_rows if r["by_unit"]},
                   {r["unit_id"]: (r["unit_name"], r) for r in t_rows if r["by_unit"]})
    total = next(r for r in d_rows if r["by_total"])
    labels = dict(NomineeKind.choices)
    kind_times = {k: next((_times(r) for r in t_rows if r[f"by_{k}"] and r[k]), StepTimes())
                  for k in KINDS}
    kinds = [Row(key=k, label=str(labels[k]), dossiers=total[f"{k}_dossiers"],
                 nominations=total[f"{k}_n"], awarded=total[f"{k}_awarded"],
                 times=kind_times[k])
             for k in KINDS if not f.kind or f.kind == k]
    return {
        "steps": steps,
        "statuses": status_rows,
        "dossier_total": sum(n for _, _, n in status_rows["dossiers"]),
        "nomination_total": sum(n for _, _, n in status_rows["nominations"]),
        "blocs": sorted(blocs, key=lambda r: (r.key is None, r.label)),
        "units": sorted(units, key=lambda r: (-r.dossiers, r.label)),
        "kinds": kinds,
        "years": years,
        "overdue_total": sum(r["overdue"] for r in per_step_rows.values()),
    }


def days_late(index: WorkdayIndex, due_on: date, on: date) -> int:
    """Working days past the due date (the due day itself is not late)."""
    return index.between(due_on, on)
