"""Reads, with the visibility rules inside. Every list and detail view goes through these.

Who sees what (DOMAIN.md):
- unit roles (unit_officer, unit_head): their own unit's dossiers;
- bloc_leader: dossiers of the units in the bloc their unit leads (or deputises) that year;
- province roles: every dossier of units of their province;
- superusers: everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.roles import BLOC_LEADER, PROVINCE_ROLES, UNIT_ROLES

from .choices import BlocRole, DossierStatus
from .intake import intake_date, settings_intake
from .models import (
    Attachment,
    Bloc,
    BlocMembership,
    Collective,
    Dossier,
    Nomination,
    Person,
    Province,
    ProvinceSettings,
    Unit,
)

LEADING_ROLES = (BlocRole.LEADER, BlocRole.DEPUTY)
EDITABLE_STATUSES = (DossierStatus.DRAFT, DossierStatus.RETURNED)


def _roles(user) -> frozenset[str]:
    return user.role_names() if hasattr(user, "role_names") else frozenset()


def unit_filter(user, unit_field: str = "unit", year_field: str = "year") -> Q:
    """A Q on a model with a unit FK and a year restricting it to what `user` may see."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    roles = _roles(user)
    q = Q(pk__in=[])
    if roles & PROVINCE_ROLES and user.province_id:
        q |= Q(**{f"{unit_field}__province_id": user.province_id})
    if roles & UNIT_ROLES and user.unit_id:
        q |= Q(**{f"{unit_field}_id": user.unit_id})
    if BLOC_LEADER in roles and user.unit_id:
        # the row's unit is in a bloc that the user's unit leads/deputises that same year
        same_bloc = BlocMembership.objects.filter(
            unit_id=OuterRef(f"{unit_field}_id"),
            year=OuterRef(year_field),
            bloc__memberships__unit_id=user.unit_id,
            bloc__memberships__year=OuterRef(year_field),
            bloc__memberships__role__in=LEADING_ROLES,
        )
        q |= Q(Exists(same_bloc))
    return q


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    """Soft-deleted drafts are visible to no one (the admin still lists them)."""
    return Dossier.objects.filter(unit_filter(user), deleted_at__isnull=True).select_related(
        "unit")


def timeline(dossier: Dossier) -> list:
    """The dossier's events in order, with actor and nominee joined (the case page and the
    dossier page show both for every row)."""
    return list(dossier.events.select_related(
        "actor", "nomination", "nomination__person", "nomination__collective")
        .order_by("at", "id"))


def with_nomination_counts(dossiers: list[Dossier]) -> list[Dossier]:
    """Set `nomination_count` on each dossier of a page, in one query."""
    from django.db.models import Count

    counts = dict(Nomination.objects.filter(dossier__in=[d.pk for d in dossiers])
                  .order_by().values_list("dossier").annotate(n=Count("pk")))
    for dossier in dossiers:
        dossier.nomination_count = counts.get(dossier.pk, 0)
    return dossiers


def nominations_visible_to(user) -> QuerySet[Nomination]:
    return Nomination.objects.filter(
        dossier__in=dossiers_visible_to(user).values("pk")
    ).select_related("dossier", "dossier__unit", "award", "person", "collective")


def attachments_visible_to(user) -> QuerySet[Attachment]:
    return Attachment.objects.filter(dossier__in=dossiers_visible_to(user).values("pk"))


def units_visible_to(user) -> QuerySet[Unit]:
    return Unit.objects.filter(_unit_self_filter(user))


def _unit_self_filter(user) -> Q:
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    roles = _roles(user)
    q = Q(pk__in=[])
    if roles & PROVINCE_ROLES and user.province_id:
        q |= Q(province_id=user.province_id)
    if (roles & UNIT_ROLES or BLOC_LEADER in roles) and user.unit_id:
        q |= Q(pk=user.unit_id)
    if BLOC_LEADER in roles and user.unit_id:
        led = BlocMembership.objects.filter(unit_id=user.unit_id, role__in=LEADING_ROLES)
        q |= Q(
            Exists(
                BlocMembership.objects.filter(
                    unit_id=OuterRef("pk"),
                    bloc_id__in=led.values("bloc_id"),
                )
            )
        )
    return q


def people_visible_to(user) -> QuerySet[Person]:
    return Person.objects.filter(unit__in=units_visible_to(user).values("pk")).select_related(
        "unit"
    )


def collectives_visible_to(user) -> QuerySet[Collective]:
    return Collective.objects.filter(
        unit__in=units_visible_to(user).values("pk")
    ).select_related("unit")


def blocs_led_by(user, year: int | None = None) -> QuerySet[Bloc]:
    """Blocs the user's unit leads or deputises (in `year` if given)."""
    if not user.is_authenticated or not user.unit_id or BLOC_LEADER not in _roles(user):
        return Bloc.objects.none()
    memberships = BlocMembership.objects.filter(unit_id=user.unit_id, role__in=LEADING_ROLES)
    if year is not None:
        memberships = memberships.filter(year=year)
    return Bloc.objects.filter(pk__in=memberships.values("bloc_id"))


def bloc_of_unit(unit_id: int, year: int) -> BlocMembership | None:
    return (
        BlocMembership.objects.select_related("bloc")
        .filter(unit_id=unit_id, year=year)
        .first()
    )


def bloc_leader_unit(bloc_id: int, year: int) -> Unit | None:
    membership = (
        BlocMembership.objects.select_related("unit")
        .filter(bloc_id=bloc_id, year=year, role=BlocRole.LEADER)
        .first()
    )
    return membership.unit if membership else None


def can_edit_dossier(user, dossier: Dossier) -> bool:
    """Unit officers of the dossier's unit may edit while it is a draft or returned."""
    from accounts.roles import UNIT_OFFICER

    return (
        user.is_authenticated
        and dossier.deleted_at is None
        and dossier.status in EDITABLE_STATUSES
        and (user.is_superuser or (user.unit_id == dossier.unit_id and user.has_role(UNIT_OFFICER)))
    )


def can_delete_dossier(user, dossier: Dossier) -> bool:
    """A draft that never left its unit may be (soft-)deleted by the unit's officer or an
    administrator with the delete permission (services.delete_draft_dossier)."""
    from accounts.roles import UNIT_OFFICER

    return (
        user.is_authenticated
        and dossier.deleted_at is None
        and dossier.status == DossierStatus.DRAFT
        and dossier.submitted_at is None
        and (user.has_perm("nominations.delete_dossier")
             or (user.unit_id == dossier.unit_id and user.has_role(UNIT_OFFICER)))
    )


def nominee_history(user, kind: str, pk: int) -> dict | None:
    """A nominee's record for the history page (None if missing or not visible to `user`):
    titles and awards received with their decisions, yearly ratings and initiatives."""
    from .models import Honour, Initiative, YearRecord

    nominee: Person | Collective | None
    if kind == "person":
        nominee = people_visible_to(user).filter(pk=pk).first()
        field = "person"
    else:
        nominee = collectives_visible_to(user).filter(pk=pk).first()
        field = "collective"
    if nominee is None:
        return None
    return {
        "nominee": nominee,
        "is_person": kind == "person",
        "honours": Honour.objects.filter(**{field: nominee}).select_related(
            "award", "nomination__dossier").order_by("-year", "award__order"),
        "years": YearRecord.objects.filter(**{field: nominee}).order_by("-year"),
        "initiatives": Initiative.objects.filter(**{field: nominee}).order_by("-year", "code"),
    }


# ---------------------------------------------------------------- DL-PROVINCE: intake date


def intake_month_days(province_ids: Iterable[int | None]
                      ) -> dict[int | None, tuple[int, int] | None]:
    """The configured intake (month, day) of each province (and of None: the default), in
    one query: the province's own `ProvinceSettings` row, else the row without a province,
    else settings.PROVINCE_INTAKE_DAY. A row with no date means no intake date."""
    wanted = {pid for pid in province_ids if pid is not None}
    rows: dict[int | None, tuple[int, int] | None] = {
        row[0]: (row[1], row[2]) if row[1] and row[2] else None
        for row in ProvinceSettings.objects.filter(
                Q(province__isnull=True) | Q(province_id__in=wanted)).values_list(
                    "province_id", "intake_month", "intake_day")}
    default = rows[None] if None in rows else settings_intake()
    out: dict[int | None, tuple[int, int] | None] = {None: default}
    for pid in wanted:
        out[pid] = rows[pid] if pid in rows else default
    return out


def intake_deadlines(province_ids: Iterable[int | None],
                     year: int) -> dict[int | None, date | None]:
    """`intake_deadline` of several provinces, in one query (for list pages and jobs)."""
    return {pid: intake_date(month_day, year)
            for pid, month_day in intake_month_days(province_ids).items()}


def intake_deadline(province: Province | int | None, year: int) -> date | None:
    """The province's own intake date for the annual dossiers of achievement year `year`
    (LAW-2022.md DL-PROVINCE), or None when no intake date is configured.

    Reading: the configured day/month (`ProvinceSettings.intake_month/intake_day` of the
    province, else the default row, else settings.PROVINCE_INTAKE_DAY) *in that same year*
    — dossiers of the 2025 achievements are due 10/12/2025 with an intake date of 10/12. A
    day past the month's end (31/02) means the month's last day. One query."""
    province_id = province.pk if isinstance(province, Province) else province
    return intake_deadlines([province_id], year)[province_id]


def sent_on(dossier: Dossier) -> date | None:
    """The day the dossier left its unit (`submitted_at`, local date), or None."""
    return timezone.localdate(dossier.submitted_at) if dossier.submitted_at else None


def sent_after_deadline(dossier: Dossier, deadline: date | None) -> bool:
    """Sent after the province's intake date? Informative only: it never blocks anything."""
    day = sent_on(dossier)
    return bool(day and deadline and day > deadline)


def with_intake_deadlines(dossiers: Iterable[Dossier]) -> list[Dossier]:
    """Set `intake_deadline` and `sent_late` on each dossier (each needs `unit` loaded);
    the settings of all their provinces are read at once (one query, whatever the rows)."""
    dossiers = list(dossiers)
    month_days = intake_month_days({d.unit.province_id for d in dossiers})
    for d in dossiers:
        d.intake_deadline = intake_date(month_days[d.unit.province_id], d.year)
        d.sent_late = sent_after_deadline(d, d.intake_deadline)
    return dossiers


def missing_documents(dossier: Dossier,
                      nominations: Iterable[Nomination] | None = None) -> list[str]:
    """The required documents (catalogue.DOSSIER_DOCUMENTS once per dossier,
    NOMINATION_DOCUMENTS per nomination still considered) the dossier has no file of, in
    Vietnamese, each naming its nominee and award: "Báo cáo thành tích (Nguyễn Văn A –
    Chiến sĩ thi đua cấp tỉnh)". Empty when nothing is missing. `nominations`: the ones
    considered, with award and nominee loaded (default: the dossier's active ones)."""
    from .catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS
    from .choices import AttachmentKind, NominationStatus

    have: dict[int | None, set[str]] = {}
    for nomination_id, kind in dossier.attachments.values_list("nomination_id", "kind"):
        have.setdefault(nomination_id, set()).add(kind)
    labels = dict(AttachmentKind.choices)
    missing = [str(labels.get(k, k)) for k in DOSSIER_DOCUMENTS if k not in have.get(None, set())]
    if nominations is None:
        nominations = (dossier.nominations.filter(status=NominationStatus.ACTIVE)
                       .select_related("award", "person", "collective").order_by("pk"))
    for n in nominations:
        mine = have.get(n.pk, set())
        missing += [f"{labels.get(k, k)} ({n.nominee} – {n.award.name})"
                    for k in NOMINATION_DOCUMENTS.get(n.award.code, ()) if k not in mine]
    return missing


def decisions_visible_to(user) -> QuerySet:
    """The committee's decisions on the dossiers `user` may see (the API's decision list)."""
    from .models import Decision

    return Decision.objects.filter(
        dossier__in=dossiers_visible_to(user).values("pk")
    ).select_related("dossier", "dossier__unit")
