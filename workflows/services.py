"""Writes of the route. Keyword-only, type-annotated, atomic.

Every service that moves a task takes the process lock (SelectForUpdateLock), re-reads the
task under it, and checks the acting user's right itself (can_assign / can_execute):
viewflow's transitions do not. A task already handled by someone else raises
RouteConflict with a Vietnamese message; nothing is half-written.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from nominations import eligibility_services as eligibility
from nominations import services as dossiers
from nominations.choices import CLOSED_DOSSIER_STATUSES, NominationStatus
from nominations.models import Dossier, Nomination
from nominations.selectors import bloc_of_unit
from nominations.validation import TEXT_MAX_LENGTH, check_length
from workdays.calendar import calendar_for, due_date_for, step_working_days

from . import selectors, signals
from .models import Delegation, TaskDeadline
from .steps import (
    BACK_TO_BOARD,
    BLOC_VOTE,
    BOARD_APPRAISAL,
    COMMITTEE_DECISION,
    DECIDED,
    FORWARD,
    NOTHING_LEFT,
    PROPOSED_UPWARD,
    RETURNED,
    REVIEW_STEPS,
    STEPS,
    UNIT_REVISE,
    step_label,
)

User = get_user_model()


class RouteConflict(Exception):
    """The task moved on (or is held by someone else) while the user was acting."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class NominationOutcome:
    approved: bool
    reason: str = ""
    opinion: str = ""


def _flow():
    from .flows import RouteFlow

    return RouteFlow


# ---------------------------------------------------------------- task bookkeeping
# Called from RouteStepActivation (inside the flow's transaction).


def open_step(activation) -> TaskDeadline:
    """A human task was created: give it a deadline, show the step on the dossier, and
    announce it after commit."""
    task, process = activation.task, activation.process
    code = task.flow_task.name
    step = STEPS[code]
    dossier = Dossier.objects.select_related("unit").get(pk=process.artifact_object_id)
    membership = bloc_of_unit(dossier.unit_id, dossier.year)
    today = selectors.today()
    due = None
    if code == UNIT_REVISE and (process.data or {}).get("return_due"):
        due = date.fromisoformat(process.data["return_due"])
    if due is None:
        due = due_date_for(code, today, dossier.unit.province_id)
    deadline = TaskDeadline.objects.create(
        task=task, dossier=dossier, step=code, started_on=today, due_on=due, role=step.role,
        unit_id=dossier.unit_id, bloc_id=membership.bloc_id if membership else None,
        province_id=dossier.unit.province_id,
    )
    if code != UNIT_REVISE:
        dossiers.move_dossier(dossier=dossier, status=step.status, step=code)
    if code == BOARD_APPRAISAL:
        # eligibility is checked again when appraisal starts (DOMAIN.md): the verdicts show
        # "stale" now, the dossier's recheck task is queued once this transaction commits
        eligibility.queue_dossier_recheck(dossier.pk)
    transaction.on_commit(lambda: signals.task_created.send(
        sender=TaskDeadline, task=task, deadline=deadline,
        recipients=selectors.task_recipients(task)))
    return deadline


def record_assignment(task, user, *, by: str, actor=None) -> None:
    deadline = TaskDeadline.objects.select_related("dossier").get(task_id=task.pk)
    deadline.assigned_to = user
    deadline.assigned_at = timezone.now() if user else None
    deadline.save(update_fields=["assigned_to", "assigned_at"])
    action = {"self": "task_claimed", "head": "task_reassigned",
              "delegation": "task_delegated", "release": "task_released"}.get(by, "task_assigned")
    dossiers.record_event(dossier=deadline.dossier, action=action, actor=actor or user,
                          step=deadline.step,
                          data={"task": task.pk, "to": user.pk if user else None})
    if user is not None:
        transaction.on_commit(lambda: signals.task_assigned.send(
            sender=TaskDeadline, task=task, deadline=deadline, user=user, by=by, actor=actor))


def close_step(task, *, cancelled: bool) -> None:
    deadline = TaskDeadline.objects.filter(task_id=task.pk).first()
    if deadline is None:
        return
    deadline.finished_at = timezone.now()
    deadline.save(update_fields=["finished_at"])
    transaction.on_commit(lambda: signals.task_finished.send(
        sender=TaskDeadline, task=task, deadline=deadline, user=task.owner,
        cancelled=cancelled))


# ---------------------------------------------------------------- locking


@contextmanager
def _locked(task_id: int) -> Iterator[Task]:
    process_id = Task.objects.filter(pk=task_id).values_list("process_id", flat=True).first()
    if process_id is None:
        raise ValidationError(_("Không tìm thấy công việc."))
    with _flow().lock(process_id):
        yield Task.objects.select_related("process", "owner").get(pk=task_id)


def already_done(task) -> RouteConflict:
    """The conflict to raise (or show) when the task is no longer open."""
    deadline = TaskDeadline.objects.select_related("task__owner").filter(task_id=task.pk).first()
    who = task.owner or (deadline.assigned_to if deadline else None)
    step = step_label(task.flow_task.name) if task.flow_task else ""
    if task.status == STATUS.CANCELED:
        return RouteConflict(_("Công việc “%(step)s” đã bị hủy (hồ sơ đã được rút hoặc "
                               "chuyển bước). Vui lòng tải lại trang.") % {"step": step})
    return RouteConflict(
        _("Công việc “%(step)s” đã được %(who)s xử lý xong. Thao tác của bạn không được ghi "
          "nhận; vui lòng tải lại trang để xem tình trạng mới.")
        % {"step": step, "who": who or _("người khác")}
    )


def _begin(user, task, steps: tuple[str, ...]):
    """Claim (if unclaimed and allowed) and start the task for `user`."""
    from .nodes import RouteStep

    node = task.flow_task
    if not isinstance(node, RouteStep) or node.name not in steps:
        raise ValidationError(_("Công việc không thuộc bước này."))
    if task.status not in selectors.OPEN_STATUSES:
        raise already_done(task)
    activation = node.activation_class(task)
    activation.actor = user
    if task.status == STATUS.NEW:
        if not node.can_assign(user, task):
            raise PermissionDenied(_("Bạn không có quyền xử lý công việc này."))
        activation.assign(user)
    elif not node.can_execute(user, task):
        if task.owner_id and task.owner_id != getattr(user, "pk", None):
            raise RouteConflict(_("Công việc này đang do %(owner)s xử lý.")
                                % {"owner": task.owner})
        raise PermissionDenied(_("Bạn không có quyền xử lý công việc này."))
    elif task.owner_id != user.pk:
        # a substitute acts for an absent colleague: the task is now theirs
        activation.assigned_by = "delegation"
        activation.reassign(user)
    activation.start(None)
    return activation


def _finish(activation, outcome: str) -> None:
    process = activation.process
    process.data = {**(process.data or {}), "outcome": outcome}
    process.save(update_fields=["data"])
    activation.execute()


def _dossier_of(task) -> Dossier:
    dossier = Dossier.objects.select_related("unit").get(pk=task.process.artifact_object_id)
    if dossier.status in CLOSED_DOSSIER_STATUSES:
        raise RouteConflict(_("Hồ sơ đã kết thúc (“%(status)s”), không thể xử lý tiếp.")
                            % {"status": dossier.get_status_display()})
    return dossier


def _considered(dossier: Dossier, step: str) -> list[Nomination]:
    """Active nominations a step decides on (the bloc only decides awards via blocs)."""
    qs = dossier.nominations.select_related("award").filter(status=NominationStatus.ACTIVE)
    if step == BLOC_VOTE:
        qs = qs.filter(award__via_bloc=True)
    return list(qs.order_by("pk"))


def return_due_date(dossier: Dossier, days: int | None) -> date:
    days = step_working_days(UNIT_REVISE) if days is None else int(days)
    if not 1 <= days <= 60:
        raise ValidationError({"return_days": _("Hạn bổ sung phải từ 1 đến 60 ngày làm việc.")})
    return calendar_for(dossier.unit.province_id).add_working_days(selectors.today(), days)


# ---------------------------------------------------------------- the route, step by step


@transaction.atomic
def send_dossier(*, user, dossier: Dossier):
    """The unit officer sends the drafted dossier: the route starts at the unit head."""
    if selectors.active_process(dossier) is not None:
        raise ValidationError(_("Hồ sơ đã được gửi và đang trên lộ trình xét."))
    dossiers.send_for_signature(user=user, dossier=dossier)
    return _flow().start.run(dossier=dossier, user=user)


def complete_review(
    *,
    user,
    task,
    action: str,
    outcomes: Mapping[int, NominationOutcome] | None = None,
    return_reason: str = "",
    return_days: int | None = None,
):
    """A review step (unit head, bloc, council, board) is done: each nomination approved or
    rejected (with reason); then the dossier goes on, or is returned to the unit."""
    if action not in (FORWARD, RETURNED):
        raise ValidationError(_("Thao tác không hợp lệ."))
    outcomes = dict(outcomes or {})
    with _locked(task.pk) as task:
        activation = _begin(user, task, REVIEW_STEPS)
        step = task.flow_task.name
        dossier = _dossier_of(task)
        considered = _considered(dossier, step)
        unknown = set(outcomes) - {n.pk for n in considered}
        if unknown:
            raise ValidationError(_("Có đề nghị không thuộc phạm vi xét của bước này."))
        if action == RETURNED and not (return_reason or "").strip():
            raise ValidationError({"return_reason": _("Vui lòng nêu lý do trả lại hồ sơ.")})
        for n in considered:
            outcome = outcomes.get(n.pk, NominationOutcome(approved=True))
            if outcome.approved and action == RETURNED and not outcome.opinion:
                continue  # approvals are given again when the dossier comes back
            dossiers.record_nomination_outcome(
                nomination=n, actor=user, step=step, approved=outcome.approved,
                reason=outcome.reason, opinion=outcome.opinion)
        if not dossier.nominations.filter(status=NominationStatus.ACTIVE).exists():
            result = NOTHING_LEFT
        elif action == RETURNED:
            due = return_due_date(dossier, return_days)
            dossiers.return_dossier(dossier=dossier, actor=user, step=step,
                                    reason=return_reason, due=due)
            activation.process.data = {**(activation.process.data or {}), "return_to": step,
                                       "return_due": due.isoformat()}
            result = RETURNED
        else:
            dossiers.record_event(dossier=dossier, action="step_completed", actor=user,
                                  step=step)
            result = FORWARD
        _finish(activation, result)
        return task


def complete_decision(
    *,
    user,
    task,
    number: str = "",
    date=None,
    signer: str = "",
    awarded_ids: set[int] | frozenset[int] = frozenset(),
    upward_letter_number: str = "",
    upward_letter_date=None,
):
    """The committee records the decision (number, date, signer, who is awarded) and the
    province's letter for awards it proposes upward. The dossier becomes read-only."""
    with _locked(task.pk) as task:
        activation = _begin(user, task, (COMMITTEE_DECISION,))
        dossier = _dossier_of(task)
        decision = dossiers.record_decision(
            dossier=dossier, actor=user, number=number, date=date, signer=signer,
            awarded_ids=set(awarded_ids), upward_letter_number=upward_letter_number,
            upward_letter_date=upward_letter_date)
        _finish(activation, DECIDED if decision is not None else PROPOSED_UPWARD)
        return task


def return_to_board(*, user, task, reason: str):
    """The committee sends the dossier back to the board for another appraisal."""
    reason = check_length(reason, limit=TEXT_MAX_LENGTH, field="return_reason",
                          label=_("Lý do trả lại Ban Thi đua – Khen thưởng")).strip()
    if not reason:
        raise ValidationError({"return_reason": _("Vui lòng nêu lý do trả lại Ban Thi đua – "
                                                  "Khen thưởng.")})
    with _locked(task.pk) as task:
        activation = _begin(user, task, (COMMITTEE_DECISION,))
        dossier = _dossier_of(task)
        dossiers.record_event(dossier=dossier, action="returned_to_board", actor=user,
                              step=COMMITTEE_DECISION, reason=reason)
        _finish(activation, BACK_TO_BOARD)
        return task


def resubmit(*, user, task, note: str = ""):
    """The unit has revised the returned dossier: it goes back to the step that returned it."""
    with _locked(task.pk) as task:
        activation = _begin(user, task, (UNIT_REVISE,))
        dossier = _dossier_of(task)
        dossiers.resubmit_dossier(dossier=dossier, actor=user, note=note)
        _finish(activation, "resubmitted")
        return task


def withdraw(*, user, dossier: Dossier, reason: str = "") -> Dossier:
    """The unit withdraws its dossier before the decision: open tasks are cancelled."""
    process = selectors.active_process(dossier)
    if process is None:
        return dossiers.withdraw_dossier(user=user, dossier=dossier, reason=reason)
    with _flow().lock(process.pk):
        dossier = dossiers.withdraw_dossier(user=user, dossier=dossier, reason=reason)
        _flow().instance.cancel(process)
    return dossier


def apply_bloc_vote(*, bloc_id: int, year: int, session_id: int | None,
                    results: Mapping, reasons: Mapping | None = None) -> list[int]:
    """The bloc's vote for `year` is closed: every dossier waiting at that bloc's vote takes
    the bloc's result per nomination and goes on. Returns the tasks completed."""
    reasons = reasons or {}

    def lookup(mapping, pk):
        return mapping.get(pk, mapping.get(str(pk)))

    done = []
    waiting = (selectors.bloc_vote_deadlines_waiting(bloc_id, year)
               .order_by("task__process_id").values_list("task_id", flat=True))
    for task_id in list(waiting):
        with _locked(task_id) as task:
            if task.status not in selectors.OPEN_STATUSES:
                continue
            dossier = Dossier.objects.select_related("unit").get(
                pk=task.process.artifact_object_id)
            activation = task.flow_task.activation_class(task)
            activation.start_by_system()
            for n in _considered(dossier, BLOC_VOTE):
                result = lookup(results, n.pk)
                if result not in ("approved", "rejected"):
                    continue
                dossiers.record_nomination_outcome(
                    nomination=n, actor=None, step=BLOC_VOTE, approved=result == "approved",
                    reason=lookup(reasons, n.pk) or (
                        "" if result == "approved"
                        else _("Không được Khối / Cụm thi đua bình xét đề nghị")),
                    data={"session_id": session_id})
            active = dossier.nominations.filter(status=NominationStatus.ACTIVE).exists()
            dossiers.record_event(dossier=dossier, action="bloc_vote_applied", step=BLOC_VOTE,
                                  data={"session_id": session_id, "bloc_id": bloc_id})
            _finish(activation, FORWARD if active else NOTHING_LEFT)
            done.append(task.pk)
    return done


# ---------------------------------------------------------------- assignment


def claim_task(*, user, task):
    """The user takes an offered task (nhận việc)."""
    with _locked(task.pk) as task:
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
    with _locked(task.pk) as task:
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
    with _locked(task.pk) as task:
        node = task.flow_task
        if task.status not in selectors.OPEN_STATUSES:
            raise already_done(task)
        if not node.can_reassign(user, task):
            raise PermissionDenied(_("Chỉ lãnh đạo phụ trách bước này mới được giao lại "
                                     "công việc."))
        deadline = TaskDeadline.objects.select_related("dossier").get(task_id=task.pk)
        substitute_id = selectors.substitutes([to_user.pk]).get(to_user.pk)
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


def _may_delegate(user, absent) -> bool:
    if user.is_superuser or user.pk == absent.pk:
        return True
    from accounts.roles import BOARD_HEAD, COMMITTEE_LEADER, COUNCIL_SECRETARY, UNIT_HEAD

    if user.has_role(UNIT_HEAD) and user.unit_id and user.unit_id == absent.unit_id:
        return True
    return bool(user.has_role(BOARD_HEAD, COMMITTEE_LEADER, COUNCIL_SECRETARY)
                and user.province_id and user.province_id == absent.province_id)


@transaction.atomic
def create_delegation(*, user, absent, substitute, start: date, end: date,
                      reason: str = "") -> Delegation:
    """While `absent` is away, `substitute` receives their tasks; tasks they hold now move to
    the substitute at once when the period has begun."""
    if not _may_delegate(user, absent):
        raise PermissionDenied(_("Bạn không có quyền ủy quyền thay cho người này."))
    if substitute.pk == absent.pk:
        raise ValidationError({"substitute": _("Không thể ủy quyền cho chính mình.")})
    if end < start:
        raise ValidationError({"end": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    same_org = (absent.unit_id and substitute.unit_id == absent.unit_id) or (
        absent.province_id and substitute.province_id == absent.province_id)
    if not same_org:
        raise ValidationError({"substitute": _("Người thay thế phải cùng đơn vị hoặc cùng "
                                               "tỉnh với người vắng mặt.")})
    delegation = Delegation.objects.create(absent=absent, substitute=substitute, start=start,
                                           end=end, reason=reason.strip(), created_by=user)
    if start <= selectors.today() <= end:
        held = list(selectors.route_tasks().filter(
            owner=absent, status=STATUS.ASSIGNED).values_list("pk", flat=True))
        for task_id in held:
            with _locked(task_id) as task:
                if task.status != STATUS.ASSIGNED or task.owner_id != absent.pk:
                    continue
                activation = task.flow_task.activation_class(task)
                activation.actor = user
                activation.assigned_by = "delegation"
                activation.reassign(substitute)
    return delegation


# ---------------------------------------------------------------- saved filters


@transaction.atomic
def save_filter(*, user, page: str, name: str, query: str):
    from .models import SavedFilter

    name = (name or "").strip()[:100]
    if not name:
        raise ValidationError({"name": _("Vui lòng đặt tên cho bộ lọc.")})
    if page not in ("inbox", "queue", "archive"):
        raise ValidationError(_("Trang không hợp lệ."))
    saved, _created = SavedFilter.objects.update_or_create(
        user=user, page=page, name=name, defaults={"query": (query or "")[:1000]})
    return saved


@transaction.atomic
def delete_filter(*, user, pk: int) -> bool:
    """Delete one of the user's own saved filters; False when it is not theirs (or gone)."""
    from .models import SavedFilter

    deleted, _rows = SavedFilter.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)
