"""Reads of the manager's dashboard: counts and time in step, per step, status, bloc, unit,
nominee kind and year, and the overdue tasks — all aggregated in SQL (GROUP BY), a fixed
number of queries whatever the rows, always inside what the user may see.

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

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlencode

from django.core.cache import cache
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
    scope = "all" if user.is_superuser else f"p{user.province_id}"
    key = f"reports:years:{scope}:{urlencode(sorted(every_year.as_query().items()))}:{today()}"
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


def dashboard(user, f: ReportFilter) -> dict:
    """Every table of the dashboard (a fixed number of queries)."""
    index = workday_index(user)
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


def days_late(index: WorkdayIndex, due_on: date, on: date) -> int:
    """Working days past the due date (the due day itself is not late)."""
    return index.between(due_on, on)
