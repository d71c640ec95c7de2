"""Reads of the import pages, with who-may-import inside.

Who imports what (docs/imports.md § Permissions):
- history: a unit's TĐKT officer for the people and collectives of their unit; the
  province's Ban Thi đua – Khen thưởng (specialist, head) for every unit of their province;
  superusers for all;
- nominee lists: whoever may edit the target dossier (its unit's officer, while it is a
  draft or returned: nominations.selectors.can_edit_dossier);
- a job is seen only by the user who uploaded it (and superusers): others get a 404.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.roles import BOARD_HEAD, BOARD_SPECIALIST, UNIT_OFFICER
from nominations.models import Collective, Dossier, Person, Unit
from nominations.selectors import EDITABLE_STATUSES, can_edit_dossier, dossiers_visible_to

from .models import ImportJob, ImportKind, ImportRow, RowAction

BOARD_ROLES = (BOARD_SPECIALIST, BOARD_HEAD)


def history_unit_filter(user, unit_field: str = "pk") -> Q | None:
    """A Q on units (or on a model's unit field) whose history `user` may import, or None
    when they may import none."""
    if not user.is_authenticated:
        return None
    prefix = "" if unit_field == "pk" else f"{unit_field}__"
    if user.is_superuser:
        return Q()
    q = None
    if user.has_role(*BOARD_ROLES) and user.province_id:
        q = Q(**{f"{prefix}province_id": user.province_id})
    if user.has_role(UNIT_OFFICER) and user.unit_id:
        mine = Q(**{"pk" if unit_field == "pk" else f"{unit_field}_id": user.unit_id})
        q = mine if q is None else q | mine
    return q


def can_import(user, kind: str) -> bool:
    if kind == ImportKind.HISTORY:
        return history_unit_filter(user) is not None
    return user.is_authenticated and (user.is_superuser or bool(
        user.unit_id and user.has_role(UNIT_OFFICER)))


def importable_units(user) -> QuerySet[Unit]:
    q = history_unit_filter(user)
    return Unit.objects.none() if q is None else Unit.objects.filter(q)


def importable_people(user) -> QuerySet[Person]:
    q = history_unit_filter(user, "unit")
    return Person.objects.none() if q is None else Person.objects.filter(q)


def importable_collectives(user) -> QuerySet[Collective]:
    q = history_unit_filter(user, "unit")
    return Collective.objects.none() if q is None else Collective.objects.filter(q)


def editable_dossiers(user) -> QuerySet[Dossier]:
    """Dossiers a nominee list may go into: visible, draft or returned, of the user's unit
    (unit officers) or any (superusers)."""
    if not can_import(user, ImportKind.NOMINEES):
        return Dossier.objects.none()
    dossiers = dossiers_visible_to(user).filter(status__in=EDITABLE_STATUSES)
    if not user.is_superuser:
        dossiers = dossiers.filter(unit_id=user.unit_id)
    return dossiers.order_by("-year", "-created_at", "-pk")


def may_import_into(user, dossier: Dossier) -> bool:
    return can_edit_dossier(user, dossier)


def jobs_visible_to(user) -> QuerySet[ImportJob]:
    """The user's own jobs (superusers: all), without the stored workbook."""
    if not user.is_authenticated:
        return ImportJob.objects.none()
    jobs = ImportJob.objects.defer("content").select_related("dossier", "created_by")
    return jobs if user.is_superuser else jobs.filter(created_by=user)


def rows_with_errors(job: ImportJob) -> QuerySet[ImportRow]:
    return job.rows.filter(action=RowAction.ERROR).order_by("id")


def rows_to_write(job: ImportJob) -> QuerySet[ImportRow]:
    return job.rows.exclude(action=RowAction.ERROR).order_by("id")


def row_counts(job: ImportJob) -> dict[str, int]:
    counts = dict(job.rows.order_by().values_list("action").annotate(n=Count("pk")))
    return {action: counts.get(action, 0) for action in RowAction.values}
