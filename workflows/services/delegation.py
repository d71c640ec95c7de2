"""Delegation while someone is away (docs/architecture.md, "Who acts on a task;
delegation"): who may set one up, the rules it must meet, and the held tasks it moves."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from accounts.roles import ROLE_LABELS

from .. import selectors, signals
from ..models import Delegation
from .locking import locked_task

# Longest delegation, and how far ahead one may be set up (a long leave is six months).
DELEGATION_MAX_DAYS = 183
DELEGATION_MAX_LEAD_DAYS = 366


def may_delegate(user, absent, role: str) -> bool:
    """The absent person themself, or the head of `role`'s step in the same organisation
    (unit head for the unit's officers, Trưởng Ban for its specialists, ...)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.pk == absent.pk:
        return True
    head_role = selectors.DELEGABLE_ROLES.get(role)
    return bool(head_role and user.has_role(head_role)
                and selectors.same_organisation(role, user, absent))


def _check_delegation(*, user, absent, substitute, role: str, start: date, end: date) -> None:
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if role not in selectors.DELEGABLE_ROLES:
        error("role", _("Chỉ ủy quyền được vai trò xử lý một bước của lộ trình."))
    elif not absent.has_role(role):
        error("role", _("%(user)s không giữ vai trò “%(role)s”.")
              % {"user": absent, "role": ROLE_LABELS[role]})
    if errors:
        raise ValidationError(errors)
    if not may_delegate(user, absent, role):
        raise PermissionDenied(_("Chỉ người vắng mặt hoặc lãnh đạo phụ trách vai trò "
                                 "“%(role)s” trong cùng đơn vị / tỉnh mới được ủy quyền thay.")
                               % {"role": ROLE_LABELS[role]})
    if substitute.pk == absent.pk:
        error("substitute", _("Người thay thế phải là người khác người vắng mặt."))
    elif substitute.pk == user.pk:
        error("substitute", _("Không thể tự chỉ định mình làm người thay thế; hãy để người "
                              "vắng mặt hoặc lãnh đạo phụ trách lập ủy quyền."))
    elif not substitute.is_active or not substitute.has_role(role):
        error("substitute", _("Người thay thế phải giữ vai trò “%(role)s”.")
              % {"role": ROLE_LABELS[role]})
    elif not selectors.same_organisation(role, substitute, absent):
        error("substitute", _("Người thay thế phải cùng %(org)s với người vắng mặt.")
              % {"org": _("đơn vị") if role in selectors.UNIT_SCOPED_ROLES else _("tỉnh")})
    today = selectors.today()
    if start < today:
        error("start", _("Ngày bắt đầu không được trước hôm nay (%(today)s).")
              % {"today": f"{today:%d/%m/%Y}"})
    elif (start - today).days > DELEGATION_MAX_LEAD_DAYS:
        error("start", _("Chỉ lập ủy quyền bắt đầu trong vòng một năm tới."))
    if end < start:
        error("end", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
    elif (end - start).days + 1 > DELEGATION_MAX_DAYS:
        error("end", _("Một lần ủy quyền dài tối đa %(days)d ngày.")
              % {"days": DELEGATION_MAX_DAYS})
    if errors:
        raise ValidationError(errors)
    overlapping = (Delegation.objects.filter(absent=absent, role=role, revoked_at__isnull=True,
                                             start__lte=end, end__gte=start).first())
    if overlapping is not None:
        raise ValidationError({"start": _(
            "%(user)s đã ủy quyền vai trò này cho %(sub)s từ %(start)s đến %(end)s; thu hồi "
            "ủy quyền đó trước khi lập ủy quyền mới.")
            % {"user": absent, "sub": overlapping.substitute,
               "start": f"{overlapping.start:%d/%m/%Y}", "end": f"{overlapping.end:%d/%m/%Y}"}})
    if Delegation.objects.filter(absent=substitute, role=role, revoked_at__isnull=True,
                                 start__lte=end, end__gte=start).exists():
        raise ValidationError({"substitute": _(
            "%(sub)s cũng vắng mặt trong thời gian này (đã ủy quyền vai trò này cho người "
            "khác).") % {"sub": substitute}})


@transaction.atomic
def create_delegation(*, user, absent, substitute, role: str, start: date, end: date,
                      reason: str = "") -> Delegation:
    """While `absent` is away, `substitute` (a peer holding `role` in the same organisation)
    acts on the tasks of that role `absent` holds; the ones held now move to the substitute at
    once when the period has begun. Both are told (notifications listen to the signal)."""
    _check_delegation(user=user, absent=absent, substitute=substitute, role=role,
                      start=start, end=end)
    delegation = Delegation.objects.create(absent=absent, substitute=substitute, role=role,
                                           start=start, end=end, reason=(reason or "").strip(),
                                           created_by=user)
    if start <= selectors.today() <= end:
        held = list(selectors.route_tasks().filter(
            owner=absent, status=STATUS.ASSIGNED, deadline__role=role,
            deadline__finished_at__isnull=True).values_list("pk", flat=True))
        for task_id in held:
            with locked_task(task_id) as task:
                if task.status != STATUS.ASSIGNED or task.owner_id != absent.pk:
                    continue
                if not selectors.may_take(substitute, task.deadline):
                    continue  # a task of another organisation stays where it is
                activation = task.flow_task.activation_class(task)
                activation.actor = user
                activation.assigned_by = "delegation"
                activation.on_behalf_of = absent
                activation.reassign(substitute)
    transaction.on_commit(lambda: signals.delegation_changed.send(
        sender=Delegation, delegation=delegation, revoked=False, actor=user))
    return delegation


@transaction.atomic
def revoke_delegation(*, user, delegation: Delegation) -> Delegation:
    """End a delegation now (thu hồi). Tasks already moved to the substitute stay with them:
    the head may reassign them."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.revoked_at is not None:
        raise ValidationError(_("Ủy quyền này đã được thu hồi."))
    if not (user.pk in (delegation.created_by_id, delegation.absent_id)
            or may_delegate(user, delegation.absent, delegation.role)):
        raise PermissionDenied(_("Bạn không có quyền thu hồi ủy quyền này."))
    delegation.revoked_at = timezone.now()
    delegation.revoked_by = user
    delegation.save(update_fields=["revoked_at", "revoked_by"])
    transaction.on_commit(lambda: signals.delegation_changed.send(
        sender=Delegation, delegation=delegation, revoked=True, actor=user))
    return delegation

