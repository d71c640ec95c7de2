"""Writes on dossiers and nominations. Keyword-only, type-annotated, atomic.

Each service checks the acting user's right itself (views are thin), records a
DossierEvent, and announces domain signals after commit.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import UNIT_OFFICER

from . import signals
from .choices import Basis, DossierStatus, NomineeKind
from .files import check_upload
from .models import (
    Attachment,
    Award,
    Collective,
    Dossier,
    DossierEvent,
    Nomination,
    Person,
    Unit,
)
from .selectors import can_edit_dossier


def record_event(
    *,
    dossier: Dossier,
    action: str,
    actor=None,
    step: str = "",
    reason: str = "",
    nomination: Nomination | None = None,
    data: dict | None = None,
) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier,
        nomination=nomination,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        step=step,
        reason=reason,
        data=data or {},
    )


def _require_editable(user, dossier: Dossier) -> None:
    if not can_edit_dossier(user, dossier):
        if dossier.status not in (DossierStatus.DRAFT, DossierStatus.RETURNED):
            raise ValidationError(
                _("Hồ sơ đang ở trạng thái “%(status)s”, không thể sửa.")
                % {"status": dossier.get_status_display()}
            )
        raise PermissionDenied(_("Bạn không có quyền sửa hồ sơ của đơn vị này."))


def _announce_nominations(ids: list[int]) -> None:
    transaction.on_commit(
        lambda: signals.nominations_changed.send(sender=Nomination, nomination_ids=ids)
    )


@transaction.atomic
def create_dossier(*, user, unit: Unit, year: int, title: str) -> Dossier:
    if not (user.is_superuser or (user.unit_id == unit.pk and user.has_role(UNIT_OFFICER))):
        raise PermissionDenied(_("Chỉ cán bộ TĐKT của đơn vị mới được lập hồ sơ."))
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Vui lòng nhập trích yếu hồ sơ.")})
    if not 2000 <= int(year) <= 2100:
        raise ValidationError({"year": _("Năm thành tích không hợp lệ.")})
    dossier = Dossier.objects.create(unit=unit, year=year, title=title, created_by=user)
    record_event(dossier=dossier, action="created", actor=user, step="draft")
    return dossier


def _check_nominee(dossier: Dossier, award: Award, person, collective) -> None:
    if bool(person) == bool(collective):
        raise ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
    nominee = person or collective
    if nominee.unit_id != dossier.unit_id:
        raise ValidationError(_("Đối tượng đề nghị không thuộc đơn vị của hồ sơ."))
    wanted = NomineeKind.INDIVIDUAL if person else NomineeKind.COLLECTIVE
    if award.nominee_kind not in (wanted, NomineeKind.BOTH):
        raise ValidationError(
            {"award": _("“%(award)s” không áp dụng cho %(kind)s.")
             % {"award": award.name, "kind": NomineeKind(wanted).label.lower()}}
        )


@transaction.atomic
def add_nomination(
    *,
    user,
    dossier: Dossier,
    award: Award,
    person: Person | None = None,
    collective: Collective | None = None,
    basis: str = Basis.CONG_TRANG,
    summary: str = "",
) -> Nomination:
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    _require_editable(user, dossier)
    _check_nominee(dossier, award, person, collective)
    if basis not in Basis.values:
        raise ValidationError({"basis": _("Loại thành tích không hợp lệ.")})
    duplicate = Nomination.objects.filter(
        dossier=dossier, award=award, person=person, collective=collective
    ).exists()
    if duplicate:
        raise ValidationError(_("Đối tượng này đã được đề nghị “%(award)s” trong hồ sơ.")
                              % {"award": award.name})
    nomination = Nomination.objects.create(
        dossier=dossier, award=award, person=person, collective=collective, basis=basis,
        summary=summary,
    )
    record_event(dossier=dossier, nomination=nomination, action="nomination_added", actor=user,
                 step="draft", data={"award": award.code})
    _announce_nominations([nomination.pk])
    return nomination


@transaction.atomic
def update_nomination(
    *, user, nomination: Nomination, basis: str | None = None, summary: str | None = None,
    award: Award | None = None,
) -> Nomination:
    dossier = Dossier.objects.select_for_update().get(pk=nomination.dossier_id)
    _require_editable(user, dossier)
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if award is not None and award.pk != nomination.award_id:
        _check_nominee(dossier, award, nomination.person, nomination.collective)
        nomination.award = award
    if basis is not None:
        if basis not in Basis.values:
            raise ValidationError({"basis": _("Loại thành tích không hợp lệ.")})
        nomination.basis = basis
    if summary is not None:
        nomination.summary = summary
    nomination.save()
    record_event(dossier=dossier, nomination=nomination, action="nomination_changed",
                 actor=user, step=dossier.status)
    _announce_nominations([nomination.pk])
    return nomination


@transaction.atomic
def remove_nomination(*, user, nomination: Nomination) -> None:
    dossier = Dossier.objects.select_for_update().get(pk=nomination.dossier_id)
    _require_editable(user, dossier)
    record_event(dossier=dossier, action="nomination_removed", actor=user, step=dossier.status,
                 data={"award": nomination.award.code, "nominee": str(nomination.nominee)})
    nomination.delete()


@transaction.atomic
def attach_file(
    *, user, dossier: Dossier, kind: str, uploaded, nomination: Nomination | None = None
) -> Attachment:
    """Check and store a file. A rejected file raises ValidationError and saves nothing."""
    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    _require_editable(user, dossier)
    if nomination is not None and nomination.dossier_id != dossier.pk:
        raise ValidationError(_("Đề nghị không thuộc hồ sơ này."))
    checked = check_upload(uploaded)
    original = (getattr(uploaded, "name", "") or "tep").rsplit("/", 1)[-1][:255]
    attachment = Attachment(
        dossier=dossier, nomination=nomination, kind=kind, original_name=original,
        content_type=checked.content_type, size=checked.size, uploaded_by=user,
    )
    attachment.file.save(f"x.{checked.extension}", uploaded, save=False)
    # If the row cannot be written, do not leave the stored file behind.
    stored_name = attachment.file.name
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(stored_name)
        raise
    record_event(dossier=dossier, nomination=nomination, action="file_attached", actor=user,
                 step=dossier.status, data={"kind": kind, "name": original})
    return attachment


@transaction.atomic
def remove_attachment(*, user, attachment: Attachment) -> None:
    dossier = Dossier.objects.select_for_update().get(pk=attachment.dossier_id)
    _require_editable(user, dossier)
    name = attachment.file.name
    record_event(dossier=dossier, nomination=attachment.nomination, action="file_removed",
                 actor=user, step=dossier.status, data={"name": attachment.original_name})
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.storage.delete(name))
