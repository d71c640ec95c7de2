"""Writes on dossiers and nominations. Keyword-only, type-annotated, atomic.

Each service checks the acting user's right itself (views are thin), records a
DossierEvent, and announces domain signals after commit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import UNIT_OFFICER

from . import signals
from .choices import (
    CLOSED_DOSSIER_STATUSES,
    AttachmentKind,
    Basis,
    DecidingLevel,
    DossierStatus,
    NominationStatus,
    NomineeKind,
)
from .files import check_upload, clean_file_name
from .models import (
    Attachment,
    Award,
    Collective,
    Decision,
    Dossier,
    DossierEvent,
    Honour,
    Initiative,
    Nomination,
    Person,
    Province,
    Unit,
)
from .selectors import can_delete_dossier, can_edit_dossier
from .validation import (
    SUMMARY_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    check_length,
    date_error,
)


def _summary(value: str | None) -> str:
    return check_length(value, limit=SUMMARY_MAX_LENGTH, label=_("Tóm tắt thành tích"),
                        field="summary")


def _text(value: str | None, label, field: str | None = None) -> str:
    return check_length(value, limit=TEXT_MAX_LENGTH, label=label, field=field)


# The absent colleague the current actor stands in for (a delegation): every event recorded
# inside `acting_for(...)` says so in the timeline ("thay mặt ...").
_acting_for: ContextVar[Model | None] = ContextVar("acting_for", default=None)


@contextmanager
def acting_for(absent: Model | None) -> Iterator[None]:
    """Events recorded inside carry `on_behalf_of` (id and name of `absent`); None: no-op."""
    token = _acting_for.set(absent)
    try:
        yield
    finally:
        _acting_for.reset(token)


def new_event(
    *,
    dossier: Dossier,
    action: str,
    actor=None,
    step: str = "",
    reason: str = "",
    nomination: Nomination | None = None,
    data: dict | None = None,
) -> DossierEvent:
    """A timeline event, not yet saved (the route writes one move's events together)."""
    absent = _acting_for.get()
    if absent is not None and actor is not None and getattr(actor, "pk", None) != absent.pk:
        data = {**(data or {}), "on_behalf_of": absent.pk,
                "on_behalf_of_name": str(absent)}
    return DossierEvent(
        dossier=dossier,
        nomination=nomination,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        step=step,
        reason=reason,
        data=data or {},
    )


def record_event(**kwargs) -> DossierEvent:
    """Save one timeline event (keyword arguments of `new_event`)."""
    event = new_event(**kwargs)
    event.save()
    return event


def _refuse_deleted(dossier: Dossier) -> None:
    if dossier.deleted_at is not None:
        raise ValidationError(_("Hồ sơ đã bị xóa."), code="deleted")


def _require_editable(user, dossier: Dossier) -> None:
    _refuse_deleted(dossier)
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
    summary = _summary(summary)
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
        nomination.summary = _summary(summary)
    nomination.save()
    record_event(dossier=dossier, nomination=nomination, action="nomination_changed",
                 actor=user, step=dossier.status)
    _announce_nominations([nomination.pk])
    return nomination


@transaction.atomic
def remove_nomination(*, user, nomination: Nomination) -> None:
    """Its events stay (their link to it is cleared); its attachments go, and their files
    are removed from storage once the transaction commits (receivers.py)."""
    dossier = Dossier.objects.select_for_update().get(pk=nomination.dossier_id)
    _require_editable(user, dossier)
    record_event(dossier=dossier, action="nomination_removed", actor=user, step=dossier.status,
                 data={"award": nomination.award.code, "nominee": str(nomination.nominee),
                       "files": list(nomination.attachments.values_list("original_name",
                                                                        flat=True))})
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
    original = clean_file_name(getattr(uploaded, "name", ""), extension=checked.extension)
    attachment = Attachment(
        dossier=dossier, nomination=nomination, kind=kind, original_name=original,
        content_type=checked.content_type, size=checked.size, uploaded_by=user,
    )
    attachment.file.save(f"x.{checked.extension}", uploaded, save=False)
    # If the row or its event cannot be written, do not leave the stored file behind. (A
    # caller's transaction rolled back later leaves it: `manage.py orphan_files` finds it.)
    stored_name = attachment.file.name
    try:
        attachment.save()
        record_event(dossier=dossier, nomination=nomination, action="file_attached",
                     actor=user, step=dossier.status, data={"kind": kind, "name": original})
    except Exception:
        attachment.file.storage.delete(stored_name)
        raise
    return attachment


@transaction.atomic
def remove_attachment(*, user, attachment: Attachment) -> None:
    """The file is removed from storage once the transaction commits (receivers.py)."""
    dossier = Dossier.objects.select_for_update().get(pk=attachment.dossier_id)
    _require_editable(user, dossier)
    record_event(dossier=dossier, nomination=attachment.nomination, action="file_removed",
                 actor=user, step=dossier.status, data={"name": attachment.original_name})
    attachment.delete()


@transaction.atomic
def delete_draft_dossier(*, user, dossier: Dossier, reason: str = "") -> Dossier:
    """Soft-delete a draft: the dossier row and its timeline stay (with a "deleted" event),
    no selector shows it any more, its nominations are no longer considered (withdrawn at
    step "deleted"), its attachments are deleted and their files removed from storage once
    the transaction commits. A dossier sent on the route or decided cannot be deleted."""
    dossier = _lock_dossier(dossier)
    if dossier.status != DossierStatus.DRAFT or dossier.submitted_at is not None:
        raise ValidationError(
            _("Chỉ xóa được hồ sơ đang soạn; hồ sơ “%(status)s” không thể xóa.")
            % {"status": dossier.get_status_display()}, code="not_draft")
    if not can_delete_dossier(user, dossier):
        raise PermissionDenied(_("Bạn không có quyền xóa hồ sơ này."))
    files = list(dossier.attachments.values_list("original_name", flat=True))
    dossier.deleted_at = timezone.now()
    dossier.deleted_by = user
    dossier.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
    dossier.nominations.filter(status=NominationStatus.ACTIVE).update(
        status=NominationStatus.WITHDRAWN, outcome_step="deleted",
        outcome_reason=_("Hồ sơ đang soạn đã bị xóa."))
    dossier.attachments.all().delete()  # each file is removed after commit (receivers.py)
    record_event(dossier=dossier, action="deleted", actor=user, step="draft",
                 reason=(reason or "").strip(), data={"files": files})
    return dossier


# ---------------------------------------------------------------- the route
# Writes of the dossier route (workflows drives them). The route checks the acting user's
# right on the task before calling these; the ones a unit starts itself (send, withdraw)
# check the unit's role here.

ROUTE_ACTIVE_STATUSES = (
    DossierStatus.AWAITING_SIGNATURE,
    DossierStatus.BLOC_VOTE,
    DossierStatus.COUNCIL_REVIEW,
    DossierStatus.BOARD_APPRAISAL,
    DossierStatus.COMMITTEE_DECISION,
    DossierStatus.RETURNED,
)


def _lock_dossier(dossier: Dossier) -> Dossier:
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    _refuse_deleted(locked)
    return locked


def _require_unit_user(user, dossier: Dossier) -> None:
    from accounts.roles import UNIT_HEAD

    if not (user.is_superuser
            or (user.unit_id == dossier.unit_id and user.has_role(UNIT_OFFICER, UNIT_HEAD))):
        raise PermissionDenied(_("Chỉ cán bộ TĐKT hoặc thủ trưởng của đơn vị mới được "
                                 "thực hiện thao tác này."))


def require_documents(dossier: Dossier, nominations: list[Nomination] | None = None) -> None:
    """Refuse (ValidationError, in Vietnamese, naming each) a dossier that lacks a required
    document: the unit officer cannot send it, the unit head cannot sign and submit it.
    `nominations`: the ones still considered, when the caller has them in memory."""
    from .selectors import missing_documents

    missing = missing_documents(dossier, nominations=nominations)
    if missing:
        raise ValidationError(_("Hồ sơ còn thiếu tài liệu bắt buộc: %(docs)s. Vui lòng tải "
                                "lên đủ trước khi gửi.") % {"docs": "; ".join(missing)})


@transaction.atomic
def send_for_signature(*, user, dossier: Dossier) -> Dossier:
    """The unit officer sends a draft to the unit head for signature (start of the route)."""
    dossier = _lock_dossier(dossier)
    if not (user.is_superuser
            or (user.unit_id == dossier.unit_id and user.has_role(UNIT_OFFICER))):
        raise PermissionDenied(_("Chỉ cán bộ TĐKT của đơn vị mới được gửi hồ sơ."))
    if dossier.status != DossierStatus.DRAFT:
        raise ValidationError(_("Chỉ gửi được hồ sơ đang soạn (hiện: “%(status)s”).")
                              % {"status": dossier.get_status_display()})
    if not dossier.nominations.exists():
        raise ValidationError(_("Hồ sơ chưa có đề nghị nào."))
    require_documents(dossier)
    dossier.status = DossierStatus.AWAITING_SIGNATURE
    dossier.save(update_fields=["status", "updated_at"])
    record_event(dossier=dossier, action="sent", actor=user, step="draft")
    return dossier


_BEFORE_SUBMISSION = (DossierStatus.AWAITING_SIGNATURE, DossierStatus.RETURNED,
                      DossierStatus.DRAFT)


def step_status(dossier: Dossier, status: str, now=None) -> dict:
    """The fields a dossier takes when the route reaches a step shown as `status` (set on
    `dossier` too): the status, and the submission time the first time it leaves its
    unit."""
    changes: dict[str, object] = {"status": status}
    if status not in _BEFORE_SUBMISSION and dossier.submitted_at is None:
        changes["submitted_at"] = now or timezone.now()
    for name, value in changes.items():
        setattr(dossier, name, value)
    return changes


@transaction.atomic
def move_dossier(*, dossier: Dossier, status: str, step: str, actor=None) -> Dossier:
    """The route reached `step`: the dossier shows the step's status."""
    dossier = _lock_dossier(dossier)
    fields = list(step_status(dossier, status))
    dossier.save(update_fields=[*fields, "updated_at"])
    record_event(dossier=dossier, action="step_started", actor=actor, step=step)
    return dossier


def write_route_changes(*, dossier: Dossier, dossier_fields: dict,
                        nominations: list[Nomination], nomination_fields: set[str],
                        events: list[DossierEvent], now) -> None:
    """One route move's changes to the dossier, its nominations and its timeline, written
    together (a statement per table; the route calls it inside its transaction, holding
    the process lock, which every write on a dossier under way takes): the fields were
    decided by `step_status` and `decide_nomination`, the events built by `new_event`."""
    if dossier_fields:
        dossier.updated_at = now
        Dossier.objects.filter(pk=dossier.pk).update(updated_at=now, **dossier_fields)
    if nominations:
        for nomination in nominations:
            nomination.updated_at = now
        Nomination.objects.bulk_update(nominations, sorted(nomination_fields | {"updated_at"}))
    if events:
        DossierEvent.objects.bulk_create(events)


# The bloc's result is the bloc step's outcome. The council's (council_result) is not the
# council step's: it is the ballot's alone, written when the meeting's minutes are closed
# (blocs.services.close_council_meeting), so "Hội đồng bỏ phiếu" shows only for nominations
# balloted.
_STEP_RESULT_FIELD = {
    "bloc_vote": ("bloc_result", "approved", "rejected"),
}


def decide_nomination(nomination: Nomination, *, step: str, approved: bool,
                      reason: str = "", opinion: str = "") -> tuple[list[str], str]:
    """Apply a reviewer's outcome at a route step to `nomination` in memory (nothing is
    saved): the step's result field, the board's opinion, and for a rejection the status
    and its reason. Returns the fields changed and the cleaned reason."""
    if nomination.status != NominationStatus.ACTIVE:
        raise ValidationError(_("Đề nghị “%(n)s” không còn đang xét.") % {"n": nomination})
    reason = _text(reason, lambda: _("Lý do không đề nghị “%(n)s”") % {"n": nomination}).strip()
    opinion = _text(opinion, lambda: _("Ý kiến thẩm định “%(n)s”") % {"n": nomination})
    if not approved and not reason:
        raise ValidationError(_("Vui lòng nêu lý do không đề nghị “%(n)s”.") % {"n": nomination})
    fields = []
    if step in _STEP_RESULT_FIELD:
        name, yes, no = _STEP_RESULT_FIELD[step]
        setattr(nomination, name, yes if approved else no)
        fields.append(name)
    if opinion:
        nomination.board_opinion = opinion.strip()
        fields.append("board_opinion")
    if not approved:
        nomination.status = NominationStatus.REJECTED
        nomination.outcome_reason = reason
        nomination.outcome_step = step
        fields += ["status", "outcome_reason", "outcome_step"]
    return fields, reason


@transaction.atomic
def record_nomination_outcome(
    *,
    nomination: Nomination,
    actor,
    step: str,
    approved: bool,
    reason: str = "",
    opinion: str = "",
    data: dict | None = None,
) -> Nomination:
    """A reviewer's outcome for one nomination at a route step. A rejection takes the
    nomination out of the dossier (with its reason) while the others go on."""
    nomination = Nomination.objects.select_for_update().select_related("dossier").get(
        pk=nomination.pk)
    fields, reason = decide_nomination(nomination, step=step, approved=approved, reason=reason,
                                       opinion=opinion)
    nomination.save(update_fields=["updated_at", *fields])
    record_event(dossier=nomination.dossier, nomination=nomination, actor=actor, step=step,
                 action="nomination_approved" if approved else "nomination_rejected",
                 reason=reason or opinion, data=data)
    if not approved:
        transaction.on_commit(lambda: signals.nomination_rejected.send(
            sender=Nomination, nomination=nomination, actor=actor, step=step, reason=reason))
    return nomination


@transaction.atomic
def return_dossier(*, dossier: Dossier, actor, step: str, reason: str, due) -> Dossier:
    """Return the whole dossier to the unit for revision, with a reason and a due date."""
    reason = _text(reason, _("Lý do trả lại hồ sơ"), "return_reason").strip()
    if not reason:
        raise ValidationError(_("Vui lòng nêu lý do trả lại hồ sơ."))
    dossier = _lock_dossier(dossier)
    dossier.status = DossierStatus.RETURNED
    dossier.returned_from = step
    dossier.return_reason = reason
    dossier.return_due = due
    dossier.save(update_fields=["status", "returned_from", "return_reason", "return_due",
                                "updated_at"])
    record_event(dossier=dossier, action="returned", actor=actor, step=step, reason=reason,
                 data={"due": due.isoformat() if due else None})
    transaction.on_commit(lambda: signals.dossier_returned.send(
        sender=Dossier, dossier=dossier, actor=actor, step=step, reason=reason, due=due))
    return dossier


@transaction.atomic
def resubmit_dossier(*, dossier: Dossier, actor, note: str) -> Dossier:
    """The unit sends a revised dossier back (to the step that returned it), saying what it
    revised (required: the returning reviewer reads it)."""
    note = _text(note, _("Nội dung đã bổ sung, hoàn thiện"), "note").strip()
    if not note:
        raise ValidationError({"note": _("Vui lòng nêu nội dung đơn vị đã bổ sung, hoàn thiện "
                                         "theo yêu cầu.")})
    dossier = _lock_dossier(dossier)
    if dossier.status != DossierStatus.RETURNED:
        raise ValidationError(_("Hồ sơ không ở trạng thái bị trả lại."))
    returned_from = dossier.returned_from
    dossier.return_reason = ""
    dossier.return_due = None
    dossier.save(update_fields=["return_reason", "return_due", "updated_at"])
    record_event(dossier=dossier, action="resubmitted", actor=actor, step="unit_revise",
                 reason=note, data={"back_to": returned_from})
    transaction.on_commit(lambda: signals.dossier_resubmitted.send(
        sender=Dossier, dossier=dossier, actor=actor))
    return dossier


@transaction.atomic
def withdraw_dossier(*, user, dossier: Dossier, reason: str = "") -> Dossier:
    """The unit withdraws its dossier before the decision."""
    reason = _text(reason, _("Lý do rút hồ sơ"), "reason")
    dossier = _lock_dossier(dossier)
    _require_unit_user(user, dossier)
    if dossier.status in CLOSED_DOSSIER_STATUSES:
        raise ValidationError(_("Hồ sơ đã kết thúc (“%(status)s”), không thể rút.")
                              % {"status": dossier.get_status_display()})
    dossier.status = DossierStatus.WITHDRAWN
    dossier.save(update_fields=["status", "updated_at"])
    dossier.nominations.filter(status=NominationStatus.ACTIVE).update(
        status=NominationStatus.WITHDRAWN, outcome_reason=reason or "", outcome_step="withdrawn")
    record_event(dossier=dossier, action="withdrawn", actor=user, reason=reason)
    transaction.on_commit(lambda: signals.dossier_withdrawn.send(
        sender=Dossier, dossier=dossier, actor=user))
    return dossier


@transaction.atomic
def close_dossier(*, dossier: Dossier, actor=None, step: str = "") -> Dossier:
    """No nomination is left to consider: the dossier's route ends here."""
    dossier = _lock_dossier(dossier)
    dossier.status = DossierStatus.CLOSED
    dossier.save(update_fields=["status", "updated_at"])
    record_event(dossier=dossier, action="closed", actor=actor, step=step)
    return dossier


def _use_initiatives(awarded: list[tuple[Nomination, Honour]]) -> dict[int, list[str]]:
    """GEN-ONE-USE: mark the initiatives each awarded nomination rests on as used for its
    award and honour (`used_for`, `used_for_honour`); returns the codes per nomination id.

    Which ones: `eligibility.initiatives_counted` on the nomination's facts (its decision
    date as `as_of`, the province's config), i.e. what the rules in force counted, earliest
    first and no more than needed. Only initiatives not used yet are marked; two awards of
    one decision to the same nominee never share one (the second is judged as if the
    first's were already used). Runs inside the decision's transaction: the nominees'
    unused initiatives are locked first (so a concurrent decision for the same nominee
    waits and then reads these marks), then the facts are built for the whole decision at
    once (`build_cases`: one query per table), then one UPDATE."""
    if not awarded:
        return {}
    # the one call from nominations into the eligibility app (a decision uses up what the
    # rules counted); imported here, as eligibility imports nominations
    from eligibility.engine import CaseError, initiatives_counted
    from eligibility.facts import build_cases
    from eligibility.selectors import configs_for

    people = {n.person_id for n, _h in awarded if n.person_id}
    groups = {n.collective_id for n, _h in awarded if n.collective_id}
    free = {row.code: row for row in Initiative.objects.select_for_update().filter(
        Q(person_id__in=people) | Q(collective_id__in=groups), used_for__isnull=True,
    ).order_by("pk").only("pk", "code")}
    by_pk = {n.pk: (n, honour) for n, honour in awarded}
    built = build_cases(by_pk)
    configs = configs_for({facts.province_id for facts in built})
    claimed: dict[str, str] = {}  # code -> award code, within this decision
    used: dict[int, list[str]] = {}
    changed: list[Initiative] = []
    for facts in built:
        n, honour = by_pk[facts.nomination_id]
        if facts.error is not None:
            used[n.pk] = []  # no rule set for the decision's date: nothing is counted
            continue
        case = facts.case
        if claimed:
            initiatives = tuple(
                dataclasses.replace(i, used_for=claimed[i.id])
                if i.id in claimed and not i.used_for else i
                for i in case.nominee.initiatives)
            case = dataclasses.replace(
                case, nominee=dataclasses.replace(case.nominee, initiatives=initiatives))
        try:
            counted = initiatives_counted(case, configs[facts.province_id])
        except CaseError:
            counted = ()
        codes = [code for code in counted if code in free and code not in claimed]
        for code in codes:
            claimed[code] = case.award
            row = free[code]
            row.used_for_id = n.award_id
            row.used_for_honour = honour
            changed.append(row)
        used[n.pk] = codes
    if changed:
        Initiative.objects.bulk_update(changed, ["used_for", "used_for_honour"])
    return used


def _award(*, dossier: Dossier, actor, decision: Decision, nominations: list[Nomination],
           awarded_ids: set[int] | frozenset[int], step: str) -> None:
    """`decision` awards the nominations in `awarded_ids` (written into each nominee's
    history: Honour) and not the others of `nominations`; the initiatives the awards rest
    on are used up; each outcome is on the timeline."""
    awarded: list[tuple[Nomination, Honour]] = []
    for n in nominations:
        if n.pk in awarded_ids:
            n.status = NominationStatus.AWARDED
            n.decision = decision
            honour, _created = Honour.objects.update_or_create(
                person=n.person, collective=n.collective, award=n.award, year=dossier.year,
                basis=n.basis,
                defaults={"decision_number": decision.number, "decision_date": decision.date,
                          "nomination": n},
            )
            awarded.append((n, honour))
        else:
            n.status = NominationStatus.NOT_AWARDED
            n.decision = decision
        n.outcome_step = step
        n.save(update_fields=["status", "decision", "outcome_step", "updated_at"])
    # The initiatives the awards rest on are used up (GEN-ONE-USE). They belong to the
    # awarded nominees, whose Honour rows (saved above) send history_changed after commit,
    # which marks their other open nominations stale and re-checks them.
    used = _use_initiatives(awarded)
    for n in nominations:
        data: dict[str, object] = {"decision": decision.number}
        if n.status == NominationStatus.AWARDED:
            codes = used.get(n.pk, [])
            data["initiatives"] = codes
            reason = (_("Sáng kiến, đề tài đã dùng để xét khen thưởng này: %(codes)s.")
                      % {"codes": ", ".join(codes)}) if codes else ""
            record_event(dossier=dossier, nomination=n, actor=actor, step=step,
                         action="nomination_awarded", reason=reason, data=data)
        else:
            record_event(dossier=dossier, nomination=n, actor=actor, step=step,
                         action="nomination_not_awarded", data=data)


def unit_level(nominations: list[Nomination]) -> list[Nomination]:
    """The nominations whose award the head of the unit decides (catalogue: LDTT, CSTDCS,
    TTLDTT, Giấy khen): they never go to the bloc, the council or the province."""
    return [n for n in nominations if n.award.deciding_level == DecidingLevel.UNIT]


@transaction.atomic
def record_unit_decision(*, dossier: Dossier, actor, nominations: list[Nomination],
                         number: str = "", date=None, closes: bool = False) -> Decision:
    """The unit head's own decision (quyết định của thủ trưởng đơn vị) awards the
    unit-level nominations they signed: recorded like the province's (Decision, Honour in
    each nominee's history) because later eligibility reads them. `nominations` are saved
    (their in-memory state follows). `closes`: nothing else is left, the dossier is
    decided here."""
    errors = {}
    if not (number or "").strip():
        errors["unit_decision_number"] = _("Vui lòng nhập số quyết định khen thưởng của thủ "
                                           "trưởng đơn vị.")
    if date is None:
        errors["unit_decision_date"] = _("Vui lòng nhập ngày ký quyết định của thủ trưởng "
                                         "đơn vị.")
    elif message := date_error(date, year=dossier.year):
        errors["unit_decision_date"] = message
    if errors:
        raise ValidationError(errors)
    decision = Decision.objects.create(dossier=dossier, number=number.strip(), date=date,
                                       signer=str(actor)[:200], recorded_by=actor)
    _award(dossier=dossier, actor=actor, decision=decision, nominations=nominations,
           awarded_ids={n.pk for n in nominations}, step="unit_head_submit")
    if closes:
        Dossier.objects.filter(pk=dossier.pk).update(status=DossierStatus.DECIDED,
                                                     updated_at=timezone.now())
        dossier.status = DossierStatus.DECIDED
        record_event(dossier=dossier, actor=actor, step="unit_head_submit", action="decided",
                     data={"decision": decision.number})
        transaction.on_commit(lambda: signals.dossier_decided.send(
            sender=Dossier, dossier=dossier, decision=decision, outcome="decided"))
    return decision


def _decision_scope(dossier: Dossier, *, lock: bool = False):
    """(active, local, upward) nominations of a dossier at the decision: the province
    decides the local ones, proposes the upward (central) ones."""
    if dossier.status in CLOSED_DOSSIER_STATUSES:
        raise ValidationError(_("Hồ sơ đã kết thúc, không thể ghi quyết định."))
    rows = dossier.nominations.select_related("award").filter(status=NominationStatus.ACTIVE)
    active = list(rows.select_for_update() if lock else rows)
    if not active:
        raise ValidationError(_("Hồ sơ không còn đề nghị nào đang xét."))
    upward = [n for n in active if n.award.deciding_level == DecidingLevel.CENTRAL]
    local = [n for n in active if n.award.deciding_level != DecidingLevel.CENTRAL]
    return active, local, upward


def _check_decision(dossier: Dossier, *, local, upward, number, date, signer,
                    upward_letter_number, upward_letter_date) -> None:
    errors = {}
    if local:
        if not (number or "").strip():
            errors["number"] = _("Vui lòng nhập số quyết định.")
        if date is None:
            errors["date"] = _("Vui lòng nhập ngày ký quyết định.")
        elif message := date_error(date, year=dossier.year):
            errors["date"] = message
        if not (signer or "").strip():
            errors["signer"] = _("Vui lòng nhập người ký quyết định.")
    if upward:
        if not (upward_letter_number or "").strip():
            errors["upward_letter_number"] = _("Vui lòng nhập số tờ trình đề nghị cấp trên.")
        if upward_letter_date is None:
            errors["upward_letter_date"] = _("Vui lòng nhập ngày tờ trình đề nghị cấp trên.")
        elif message := date_error(upward_letter_date, year=dossier.year):
            errors["upward_letter_date"] = message
    if errors:
        raise ValidationError(errors)


def check_decision(*, dossier: Dossier, number: str = "", date=None, signer: str = "",
                   upward_letter_number: str = "", upward_letter_date=None) -> None:
    """The decision the committee's officer drafts would be recorded as it is (the Chủ tịch
    signs it next): the same checks as record_decision, nothing written."""
    _active, local, upward = _decision_scope(dossier)
    _check_decision(dossier, local=local, upward=upward, number=number, date=date,
                    signer=signer, upward_letter_number=upward_letter_number,
                    upward_letter_date=upward_letter_date)


@transaction.atomic
def attach_signed_decision(*, dossier: Dossier, actor, uploaded) -> Attachment:
    """The signed decision (or, when everything is proposed upward, the signed letter),
    scanned as PDF, uploaded by the signer: checked like every upload (nominations.files),
    PDF only; kept with the dossier (Attachment kind SIGNED_DECISION)."""
    if uploaded is None:
        raise ValidationError({"signed_file": _("Vui lòng tải lên bản quyết định đã ký "
                                                "(PDF).")})
    try:
        checked = check_upload(uploaded)
    except ValidationError as exc:
        raise ValidationError({"signed_file": exc.messages}) from None
    if checked.extension != "pdf":
        raise ValidationError({"signed_file": _("Bản quyết định đã ký phải là tệp PDF.")})
    original = clean_file_name(getattr(uploaded, "name", ""), extension=checked.extension)
    attachment = Attachment(dossier=dossier, kind=AttachmentKind.SIGNED_DECISION,
                            original_name=original, content_type=checked.content_type,
                            size=checked.size, uploaded_by=actor)
    attachment.file.save(f"x.{checked.extension}", uploaded, save=False)
    stored_name = attachment.file.name
    try:
        attachment.save()
        record_event(dossier=dossier, action="file_attached", actor=actor,
                     step="committee_sign", data={"kind": attachment.kind, "name": original})
    except Exception:
        attachment.file.storage.delete(stored_name)
        raise
    return attachment


@transaction.atomic
def record_decision(
    *,
    dossier: Dossier,
    actor,
    number: str = "",
    date=None,
    signer: str = "",
    awarded_ids: set[int] | frozenset[int] = frozenset(),
    upward_letter_number: str = "",
    upward_letter_date=None,
) -> Decision | None:
    """The committee's decision: province-level nominations are awarded (or not) by the
    decision, whose awards are written into each nominee's history (Honour); nominations the
    province only proposes upward are recorded as proposed with the submission letter.
    Returns the Decision (None when everything was proposed upward)."""
    dossier = _lock_dossier(dossier)
    _active, local, upward = _decision_scope(dossier, lock=True)
    _check_decision(dossier, local=local, upward=upward, number=number, date=date,
                    signer=signer, upward_letter_number=upward_letter_number,
                    upward_letter_date=upward_letter_date)
    decision = None
    if local:
        decision = Decision.objects.create(dossier=dossier, number=number.strip(), date=date,
                                           signer=signer.strip(), recorded_by=actor)
        _award(dossier=dossier, actor=actor, decision=decision, nominations=local,
               awarded_ids=awarded_ids, step="committee_decision")
    for n in upward:
        n.status = NominationStatus.PROPOSED_UPWARD
        n.outcome_step = "committee_decision"
        n.save(update_fields=["status", "outcome_step", "updated_at"])
        record_event(dossier=dossier, nomination=n, actor=actor, step="committee_decision",
                     action="nomination_proposed_upward",
                     data={"letter": upward_letter_number})
    fields = ["status", "updated_at"]
    if upward:
        dossier.upward_letter_number = upward_letter_number.strip()
        dossier.upward_letter_date = upward_letter_date
        fields += ["upward_letter_number", "upward_letter_date"]
    outcome = "decided" if local else "proposed_upward"
    dossier.status = DossierStatus.DECIDED if local else DossierStatus.PROPOSED_UPWARD
    dossier.save(update_fields=fields)
    record_event(dossier=dossier, actor=actor, step="committee_decision", action=outcome,
                 data={"decision": decision.number if decision else None,
                       "upward_letter": upward_letter_number or None})

    # history_changed for the awarded nominees is sent after commit by the Honour rows'
    # receivers (nominations/receivers.py), like any other write of a nominee's history.
    transaction.on_commit(lambda: signals.dossier_decided.send(
        sender=Dossier, dossier=dossier, decision=decision, outcome=outcome))
    return decision


# ---------------------------------------------------------------- provinces


@transaction.atomic
def merge_provinces(*, province: Province, into: Province, on) -> Province:
    """`province` is merged into `into` from `on` (Nghị quyết 202/2025/QH15: e.g. Tiền Giang
    into Đồng Tháp from 01/07/2025). The old province row stays, marked merged, with its
    blocs and the history they hold (vote sessions, memberships of earlier years, the
    finished route tasks of its dossiers, which keep their province); its units, the users
    acting for it and its open route tasks (workflows listens to `province_merged`) move to
    the merged province, whose blocs and years they take part in from then on.
    Idempotent: merging again into the same province changes nothing."""
    from accounts.models import User

    province = Province.objects.select_for_update().get(pk=province.pk)
    if province.pk == into.pk:
        raise ValidationError(_("Không thể sáp nhập một tỉnh vào chính nó."))
    if into.merged_into_id is not None:
        raise ValidationError(_("Tỉnh “%(name)s” đã được sáp nhập vào tỉnh khác.")
                              % {"name": into.name})
    if province.merged_into_id not in (None, into.pk):
        assert province.merged_into is not None  # its id is set
        raise ValidationError(_("Tỉnh “%(name)s” đã được sáp nhập vào “%(other)s”.")
                              % {"name": province.name, "other": province.merged_into.name})
    clash = (Unit.objects.filter(province=into, name__in=province.units.values("name"))
             .values_list("name", flat=True).first())
    if clash:
        raise ValidationError(_("Tỉnh “%(name)s” đã có đơn vị “%(unit)s”.")
                              % {"name": into.name, "unit": clash})
    province.merged_into, province.merged_on = into, on
    province.save(update_fields=["merged_into", "merged_on"])
    Unit.objects.filter(province=province).update(province=into)
    User.objects.filter(province=province).update(province=into)
    signals.province_merged.send(sender=Province, province=province, into=into)
    return province
