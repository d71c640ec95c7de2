"""The route's task bookkeeping: a step opened or closed (called from viewflow's
activations, workflows.nodes.RouteStepActivation, inside the flow's transaction), and who
holds a task (claim, release, a head's reassignment)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from eligibility import services as eligibility
from nominations import services as dossiers
from nominations.models import Dossier
from nominations.selectors import bloc_of_unit

from .. import engine, selectors, signals
from ..engine import RouteConflict, already_done
from ..models import TaskDeadline
from ..steps import BOARD_APPRAISAL, STEPS, UNIT_REVISE
from .locking import locked_task

User = get_user_model()


def open_step(activation) -> TaskDeadline:
    """viewflow's engine created a human task (RouteStepActivation.create): give it a
    deadline, show the step on the dossier, and announce it — what RouteMove does for the
    tasks it opens itself (workflows.engine)."""
    task, process = activation.task, activation.process
    code = task.flow_task.name
    dossier = Dossier.objects.select_related("unit").get(pk=process.artifact_object_id)
    membership = bloc_of_unit(dossier.unit_id, dossier.year)
    deadline = TaskDeadline.objects.create(task=task, **engine.opening(
        code=code, process=process, dossier=dossier, province_id=dossier.unit.province_id,
        bloc_id=membership.bloc_id if membership else None, today=selectors.today()))
    if code != UNIT_REVISE:
        dossiers.move_dossier(dossier=dossier, status=STEPS[code].status, step=code)
    if code == BOARD_APPRAISAL:
        # eligibility is checked again when appraisal starts (DOMAIN.md): the verdicts show
        # "stale" now, the dossier's recheck task is queued once this transaction commits
        eligibility.queue_dossier_recheck(dossier.pk)
    engine.announce_opened(task, deadline)
    return deadline


def record_assignment(task, user, *, by: str, actor=None, on_behalf_of=None) -> None:
    """The task's assignee changed. `on_behalf_of`: the absent colleague whose task a
    delegation moved to `user` (kept on the deadline, named in the timeline)."""
    deadline = TaskDeadline.objects.select_related("dossier").get(task_id=task.pk)
    deadline.assigned_to = user
    deadline.assigned_at = timezone.now() if user else None
    deadline.on_behalf_of = on_behalf_of if by == "delegation" and user else None
    deadline.save(update_fields=["assigned_to", "assigned_at", "on_behalf_of"])
    action = {"self": "task_claimed", "head": "task_reassigned",
              "delegation": "task_delegated", "release": "task_released"}.get(by, "task_assigned")
    data = {"task": task.pk, "to": user.pk if user else None}
    if deadline.on_behalf_of is not None:
        data.update(on_behalf_of=on_behalf_of.pk, on_behalf_of_name=str(on_behalf_of))
    dossiers.record_event(dossier=deadline.dossier, action=action, actor=actor or user,
                          step=deadline.step, data=data)
    if user is not None:
        signals.task_assigned.send(sender=TaskDeadline, task=task, deadline=deadline,
                                   user=user, by=by, actor=actor)


def close_step(task, *, cancelled: bool) -> None:
    deadline = TaskDeadline.objects.filter(task_id=task.pk).first()
    if deadline is None:
        return
    deadline.finished_at = timezone.now()
    deadline.save(update_fields=["finished_at"])
    signals.task_finished.send(sender=TaskDeadline, task=task, deadline=deadline,
                               user=task.owner, cancelled=cancelled)


def claim_task(*, user, task):
    """The user takes an offered task (nhận việc)."""
    with locked_task(task.pk) as task:
        node = task.flow_task
        if task.status not in selectors.OPEN_STATUSES:
            raise already_done(task)
        if task.owner_id:
            if task.owner_id == user.pk:
                return task
            raise RouteConflict(_("Công việc này đã được %(owner)s nhận.")
                                % {"owner": task.owner})
        if not node.can_assign(user, task):
            raise PermissionDenied(_("Bạn không có quyền nhận công việc này."))
        activation = node.activation_class(task)
        activation.actor = user
        activation.assign(user)
        return task


def release_task(*, user, task):
    """Give a claimed task back to the group (trả lại việc chung)."""
    with locked_task(task.pk) as task:
        node = task.flow_task
        if task.status not in selectors.OPEN_STATUSES:
            raise already_done(task)
        if not node.can_unassign(user, task):
            raise PermissionDenied(_("Bạn không có quyền trả lại công việc này."))
        activation = node.activation_class(task)
        activation.actor = user
        activation.unassign()
        return task


def reassign_task(*, user, task, to_user):
    """A head gives the task to a named colleague (who must hold the step's role there);
    a colleague away with a delegation is replaced by their substitute."""
    with locked_task(task.pk) as task:
        node = task.flow_task
        if task.status not in selectors.OPEN_STATUSES:
            raise already_done(task)
        if not node.can_reassign(user, task):
            raise PermissionDenied(_("Chỉ lãnh đạo phụ trách bước này mới được giao lại "
                                     "công việc."))
        deadline = TaskDeadline.objects.select_related("dossier").get(task_id=task.pk)
        substitute_id = selectors.substitutes([to_user.pk], deadline.role).get(to_user.pk)
        if substitute_id:
            to_user = User.objects.get(pk=substitute_id)
        if not selectors.may_take(to_user, deadline):
            raise ValidationError({"to_user": _("%(user)s không có vai trò xử lý bước này "
                                                "trong đơn vị / tỉnh của hồ sơ.")
                                   % {"user": to_user}})
        activation = node.activation_class(task)
        activation.actor = user
        activation.assigned_by = "head"
        if task.status == STATUS.NEW:
            activation.assign(to_user)
        else:
            activation.reassign(to_user)
        return task
