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
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.roles import ROLE_LABELS
from config.busy import busy_message, is_busy
from eligibility import services as eligibility
from nominations import services as dossiers
from nominations.models import Dossier, Nomination
from nominations.selectors import bloc_of_unit
from nominations.validation import TEXT_MAX_LENGTH, check_length
from workdays.calendar import calendar_for, step_working_days

from . import engine, selectors, signals
from .engine import RouteConflict, already_done
from .models import Delegation, TaskDeadline
from .steps import (
    BACK_TO_BOARD,
    BACK_TO_OFFICER,
    BACK_TO_SPECIALIST,
    BLOC_VOTE,
    BOARD_APPRAISAL,
    BOARD_HEAD_APPROVAL,
    COMMITTEE_DECISION,
    COMMITTEE_SIGN,
    DECIDED,
    DRAFTED,
    FORWARD,
    NOTHING_LEFT,
    PROPOSED_UPWARD,
    RETURNED,
    REVIEW_STEPS,
    STEPS,
    UNIT_HEAD_SUBMIT,
    UNIT_REVISE,
)

User = get_user_model()


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


# ---------------------------------------------------------------- locking


@contextmanager
def _locked(task_id: int) -> Iterator[Task]:
    """The process lock (SELECT … FOR UPDATE), waiting at most the database's lock timeout
    (DB_LOCK_TIMEOUT_MS): a lock held elsewhere becomes a RouteConflict (409) in
    Vietnamese, with everything rolled back, instead of a request hanging until it dies."""
    process_id = Task.objects.filter(pk=task_id).values_list("process_id", flat=True).first()
    if process_id is None:
        raise ValidationError(_("Không tìm thấy công việc."))
    try:
        with _flow().lock(process_id):
            yield Task.objects.select_related("process", "owner").get(pk=task_id)
    except (FlowLockFailed, OperationalError) as exc:
        if not is_busy(exc):
            raise
        raise RouteConflict(busy_message()) from exc


def _considered(move: engine.RouteMove) -> list[Nomination]:
    """Active nominations a step decides on (the bloc only decides awards via blocs)."""
    return [n for n in move.active_nominations()
            if move.step != BLOC_VOTE or n.award.via_bloc]


def return_due_date(province_id: int, days: int | None) -> date:
    days = step_working_days(UNIT_REVISE) if days is None else int(days)
    if not 1 <= days <= 60:
        raise ValidationError({"return_days": _("Hạn bổ sung phải từ 1 đến 60 ngày làm việc.")})
    return calendar_for(province_id).add_working_days(selectors.today(), days)


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
    unit_decision_number: str = "",
    unit_decision_date=None,
):
    """A review step (unit head, bloc, council, board) is done: each nomination approved or
    rejected (with reason); then the dossier goes on, or is returned to the unit.

    At the unit head's signature, the awards the head decides (unit level: LDTT, CSTDCS,
    TTLDTT, Giấy khen) are awarded by the head's own decision (`unit_decision_number`,
    `unit_decision_date`) and go no further; a dossier with nothing else ends decided."""
    if action not in (FORWARD, RETURNED):
        raise ValidationError(_("Thao tác không hợp lệ."))
    outcomes = dict(outcomes or {})
    with engine.route_move(user, task.pk, REVIEW_STEPS) as move:
        considered = _considered(move)
        if set(outcomes) - {n.pk for n in considered}:
            raise ValidationError(_("Có đề nghị không thuộc phạm vi xét của bước này."))
        if action == RETURNED and not (return_reason or "").strip():
            raise ValidationError({"return_reason": _("Vui lòng nêu lý do trả lại hồ sơ.")})
        for n in considered:
            outcome = outcomes.get(n.pk, NominationOutcome(approved=True))
            if outcome.approved and action == RETURNED and not outcome.opinion:
                continue  # approvals are given again when the dossier comes back
            move.nomination_outcome(n, approved=outcome.approved, reason=outcome.reason,
                                    opinion=outcome.opinion)
        if not move.active_nominations():
            result = NOTHING_LEFT
        elif action == RETURNED:
            due = return_due_date(move.deadline.province_id, return_days)
            move.flush_events()
            dossiers.return_dossier(dossier=move.dossier, actor=user, step=move.step,
                                    reason=return_reason, due=due)
            # the revised dossier comes back to this step, and to this reviewer
            move.process.data = {**(move.process.data or {}), "return_to": move.step,
                                 "return_due": due.isoformat(), "returned_by": user.pk}
            result = RETURNED
        else:
            result = FORWARD
            if move.step == UNIT_HEAD_SUBMIT:  # the head signs a complete dossier only
                dossiers.require_documents(move.dossier, nominations=move.active_nominations())
                decided_here = dossiers.unit_level(move.active_nominations())
                if decided_here:
                    move.flush_events()
                    closes = len(decided_here) == len(move.active_nominations())
                    dossiers.record_unit_decision(
                        dossier=move.dossier, actor=user, nominations=decided_here,
                        number=unit_decision_number, date=unit_decision_date, closes=closes)
                    if closes:
                        result = DECIDED
            if move.step == BOARD_APPRAISAL:  # the Trưởng Ban may send it back to them
                move.process.data = {**(move.process.data or {}), "appraised_by": user.pk}
            move.event("step_completed")
        move.finish(result)
        return move.task


def _send_back(move: engine.RouteMove, *, to_step: str, to_user: int | None,
               outcome: str, action: str, reason: str, label) -> None:
    """A head sends the work back one step, to the colleague who did it (if they still may
    take it: RouteMove._returning_reviewer), with a reason."""
    reason = check_length(reason, limit=TEXT_MAX_LENGTH, field="return_reason",
                          label=label).strip()
    if not reason:
        raise ValidationError({"return_reason": _("Vui lòng nêu lý do trả lại.")})
    move.process.data = {**(move.process.data or {}), "back_to": to_step,
                         "back_from": move.step, "back_to_user": to_user}
    move.event(action, reason=reason)
    move.finish(outcome)


APPROVE, BACK = "approve", "back"


def approve_appraisal(*, user, task, action: str, reason: str = ""):
    """The Trưởng Ban approves the specialist's appraisal (the dossier goes to the VP UBND),
    or sends it back to the specialist who appraised it, with a reason."""
    if action not in (APPROVE, BACK):
        raise ValidationError(_("Thao tác không hợp lệ."))
    with engine.route_move(user, task.pk, (BOARD_HEAD_APPROVAL,)) as move:
        if action == BACK:
            _send_back(move, to_step=BOARD_APPRAISAL,
                       to_user=(move.process.data or {}).get("appraised_by"),
                       outcome=BACK_TO_SPECIALIST, action="returned_to_specialist",
                       reason=reason, label=_("Lý do trả lại chuyên viên thẩm định"))
        else:
            move.event("appraisal_approved", reason=(reason or "").strip()[:TEXT_MAX_LENGTH])
            move.finish(FORWARD)
        return move.task


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
    """The VP UBND officer records the draft decision (number, date, signer, who is awarded)
    and the province's letter for awards it proposes upward, checked as the decision will
    be; the Chủ tịch UBND tỉnh signs it next (sign_decision): nothing is final yet."""
    with engine.route_move(user, task.pk, (COMMITTEE_DECISION,)) as move:
        dossiers.check_decision(dossier=move.dossier, number=number, date=date, signer=signer,
                                upward_letter_number=upward_letter_number,
                                upward_letter_date=upward_letter_date)
        considered = {n.pk for n in move.active_nominations()}
        draft = {"number": (number or "").strip(), "date": date.isoformat() if date else None,
                 "signer": (signer or "").strip(),
                 "awarded_ids": sorted(set(awarded_ids) & considered),
                 "upward_letter_number": (upward_letter_number or "").strip(),
                 "upward_letter_date": (upward_letter_date.isoformat()
                                        if upward_letter_date else None)}
        move.process.data = {**(move.process.data or {}), "decision_draft": draft,
                             "drafted_by": user.pk}
        move.event("decision_drafted", data={"number": draft["number"],
                                             "awarded": draft["awarded_ids"]})
        move.finish(DRAFTED)
        return move.task


def decision_draft(process) -> dict:
    """The draft the Chủ tịch signs (dates as dates), {} if none."""
    from datetime import date as date_class

    draft = dict((process.data or {}).get("decision_draft") or {})
    for key in ("date", "upward_letter_date"):
        if draft.get(key):
            draft[key] = date_class.fromisoformat(draft[key])
    return draft


def sign_decision(*, user, task, signed_file, number: str = "", date=None, signer: str = ""):
    """The Chủ tịch UBND tỉnh signs the drafted decision and uploads it signed (PDF): the
    decision is recorded — number, date, signer (as corrected here), the awards into each
    nominee's history — and the dossier becomes read-only."""
    with engine.route_move(user, task.pk, (COMMITTEE_SIGN,)) as move:
        draft = decision_draft(move.process)
        move.flush_events()
        decision = dossiers.record_decision(
            dossier=move.dossier, actor=user, number=number or draft.get("number", ""),
            date=date or draft.get("date"), signer=signer or draft.get("signer", ""),
            awarded_ids=set(draft.get("awarded_ids", ())),
            upward_letter_number=draft.get("upward_letter_number", ""),
            upward_letter_date=draft.get("upward_letter_date"))
        attachment = dossiers.attach_signed_decision(dossier=move.dossier, actor=user,
                                                     uploaded=signed_file)
        move.event("decision_signed", data={
            "decision": decision.number if decision else None, "file": attachment.pk})
        move.finish(DECIDED if decision is not None else PROPOSED_UPWARD)
        return move.task


def return_to_officer(*, user, task, reason: str):
    """The Chủ tịch sends the draft decision back to the officer who drafted it."""
    with engine.route_move(user, task.pk, (COMMITTEE_SIGN,)) as move:
        _send_back(move, to_step=COMMITTEE_DECISION,
                   to_user=(move.process.data or {}).get("drafted_by"),
                   outcome=BACK_TO_OFFICER, action="returned_to_officer", reason=reason,
                   label=_("Lý do trả lại dự thảo quyết định"))
        return move.task


def return_to_board(*, user, task, reason: str):
    """The committee sends the dossier back to the board for another appraisal (to the
    specialist who appraised it)."""
    reason = check_length(reason, limit=TEXT_MAX_LENGTH, field="return_reason",
                          label=_("Lý do trả lại Ban Thi đua – Khen thưởng")).strip()
    if not reason:
        raise ValidationError({"return_reason": _("Vui lòng nêu lý do trả lại Ban Thi đua – "
                                                  "Khen thưởng.")})
    with engine.route_move(user, task.pk, (COMMITTEE_DECISION,)) as move:
        move.process.data = {**(move.process.data or {}), "back_to": BOARD_APPRAISAL,
                             "back_from": move.step,
                             "back_to_user": (move.process.data or {}).get("appraised_by")}
        move.event("returned_to_board", reason=reason)
        move.finish(BACK_TO_BOARD)
        return move.task


def resubmit(*, user, task, note: str):
    """The unit has revised the returned dossier: it goes back to the step that returned it
    (and to the reviewer who returned it). `note`, what was revised, is required."""
    note = check_length(note, limit=TEXT_MAX_LENGTH, field="note",
                        label=_("Nội dung đã bổ sung, hoàn thiện")).strip()
    if not note:
        raise ValidationError({"note": _("Vui lòng nêu nội dung đơn vị đã bổ sung, hoàn thiện "
                                         "theo yêu cầu.")})
    with engine.route_move(user, task.pk, (UNIT_REVISE,)) as move:
        move.flush_events()
        dossiers.resubmit_dossier(dossier=move.dossier, actor=user, note=note)
        move.finish("resubmitted")
        return move.task


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
        try:
            with engine.route_move(None, task_id, (BLOC_VOTE,)) as move:
                for n in _considered(move):
                    result = lookup(results, n.pk)
                    if result not in ("approved", "rejected"):
                        continue
                    move.nomination_outcome(
                        n, approved=result == "approved", data={"session_id": session_id},
                        reason=lookup(reasons, n.pk) or (
                            "" if result == "approved"
                            else _("Không được Khối / Cụm thi đua bình xét đề nghị")))
                move.event("bloc_vote_applied",
                           data={"session_id": session_id, "bloc_id": bloc_id})
                move.finish(FORWARD if move.active_nominations() else NOTHING_LEFT)
                done.append(task_id)
        except RouteConflict:
            continue  # handled meanwhile (withdrawn, closed)
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
            with _locked(task_id) as task:
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
