"""The route's write path: one task finished and the route moved on, in a few statements.

viewflow moves a process node by node through activations: each node's task row is
inserted, linked to the previous one and saved again, inside a savepoint, with signals; the
route's hooks then re-read the dossier, its bloc and the calendar for the task they open.
A unit head forwarding a dossier cost 68 queries and ~110 ms of one core
(docs/benchmarks.md, "Quy mô"): most of it in the per-node ORM pattern, not in PostgreSQL.

`RouteMove` is the unit of work of one transition instead:

* `route_move()` locks the process row (the same lock viewflow takes), then loads the task
  with its process, deadline, dossier and unit in one query, and checks the user's right
  in memory (claim, own task, or a colleague's under a delegation);
* the service records its outcome on the move (nominations, dossier, events), in memory;
* `finish(outcome)` walks RouteFlow's own graph — its nodes, their `.Next`, their `Case`
  and `If` conditions, evaluated against the move — to the next human step or the end,
  and writes everything with one statement per table: the finished task and its
  deadline, the new tasks (gateways done, the next step open) with their `previous`
  links, the next step's deadline, the dossier, the process, the events, the notices.

The rows are the ones viewflow writes, so its pages, charts and engine keep working on
them. A node kind the walk does not handle (the Function that closes an empty dossier) is
left to viewflow's engine (`activate_next`) after the finished task is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow import flow
from viewflow.workflow.exceptions import FlowLockFailed
from viewflow.workflow.models import Process, Task
from viewflow.workflow.status import PROCESS, STATUS

from config.busy import busy_message, is_busy
from eligibility import services as eligibility
from nominations import services as dossiers
from nominations import signals as domain_signals
from nominations.choices import CLOSED_DOSSIER_STATUSES, NominationStatus
from nominations.models import DossierEvent, Nomination
from nominations.selectors import bloc_of_unit
from workdays.calendar import due_date_for

from . import selectors, signals
from .models import DossierProcess, TaskDeadline
from .steps import BOARD_APPRAISAL, STEPS, UNIT_REVISE, Outcome


class RouteConflict(Exception):
    """The task moved on (or is held by someone else) while the user was acting."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Unhandled(Exception):
    """The walk met a node it does not write itself: viewflow's engine goes on."""


_UNSET = object()  # `actor` not given: the move's user


def already_done(task) -> RouteConflict:
    """The conflict to raise (or show) when the task is no longer open."""
    from .steps import step_label

    deadline = TaskDeadline.objects.select_related("assigned_to").filter(task_id=task.pk).first()
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


class RouteMove:
    """One transition of the route: the task being finished and everything it changes.

    It also stands in for a viewflow activation where the flow's conditions read one
    (`.process`, `.task`, `.flow_task`) and answers the facts they need once
    (`bloc_id()`, `nominations()`)."""

    def __init__(self, task: Task, user=None):
        self.task = task
        # the route's proxy (viewflow's own coercion, in place: task.process is the same
        # object), so the fields kept in process.data read and write as attributes
        self.process: DossierProcess = task.process.coerced
        self.flow_task = task.flow_task
        self.deadline: TaskDeadline = task.deadline
        self.dossier = self.deadline.dossier
        self.user = user
        self.now = timezone.now()
        self.today = selectors.today()
        self.absent = None  # the colleague `user` acts for (delegation)
        self.events: list[DossierEvent] = []
        self.after_commit: list[Callable[[], None]] = []
        self.opened: TaskDeadline | None = None
        self._dossier_fields: dict = {}
        self._nomination_fields: dict[int, set[str]] = {}
        self._nominations: list[Nomination] | None = None

    route_move = property(lambda self: self)  # RouteFacts.of(activation) finds the move

    # ------------------------------------------------------------ facts, loaded once

    @property
    def step(self) -> str:
        return self.flow_task.name

    def nominations(self) -> list[Nomination]:
        """All the dossier's nominations with their award (changes made here included)."""
        if self._nominations is None:
            self._nominations = list(self.dossier.nominations.select_related("award")
                                     .order_by("pk"))
        return self._nominations

    def bloc_id(self) -> int | None:
        """The bloc the dossier's unit belongs to in its year, as the route found it when
        the dossier's first step opened (every deadline of the dossier carries it)."""
        return self.deadline.bloc_id

    def active_nominations(self) -> list[Nomination]:
        return [n for n in self.nominations() if n.status == NominationStatus.ACTIVE]

    # ------------------------------------------------------------ changes, in memory

    def event(self, action: str, *, step: str | None = None, actor=_UNSET, reason: str = "",
              nomination: Nomination | None = None, data: dict | None = None) -> None:
        self.events.append(dossiers.new_event(
            dossier=self.dossier, action=action, step=self.step if step is None else step,
            actor=self.user if actor is _UNSET else actor, reason=reason,
            nomination=nomination, data=data))

    def nomination_outcome(self, nomination: Nomination, *, approved: bool, reason: str = "",
                           opinion: str = "", data: dict | None = None) -> None:
        """A reviewer's outcome for one nomination at this step (nominations.services
        decides what it changes); a rejection is announced after commit."""
        changed, reason = dossiers.decide_nomination(
            nomination, step=self.step, approved=approved, reason=reason, opinion=opinion)
        if changed:
            self._nomination_fields.setdefault(nomination.pk, set()).update(changed)
        self.event("nomination_approved" if approved else "nomination_rejected",
                   nomination=nomination, reason=reason or opinion, data=data)
        if not approved:
            actor, step = self.user, self.step
            self.after_commit.append(lambda: domain_signals.nomination_rejected.send(
                sender=Nomination, nomination=nomination, actor=actor, step=step,
                reason=reason))

    def flush_events(self) -> None:
        """Write the events recorded so far (before a service that records its own, so the
        timeline keeps its order)."""
        self._write_dossier()

    # ------------------------------------------------------------ the move

    def finish(self, outcome: Outcome) -> None:
        """The task is done with `outcome` (`DossierProcess.outcome`, read by the gateway
        after it): write it and move the route on."""
        self.process.outcome = outcome
        task, deadline = self.task, self.deadline
        task.status = STATUS.DONE
        task.started = task.started or self.now
        task.finished = self.now
        deadline.finished_at = self.now
        try:
            path = self._walk(self.flow_task)
        except _Unhandled:
            path = None
        Task.objects.filter(pk=task.pk).update(
            status=task.status, owner_id=task.owner_id, assigned=task.assigned,
            started=task.started, finished=task.finished)
        TaskDeadline.objects.filter(pk=deadline.pk).update(
            assigned_to_id=deadline.assigned_to_id, assigned_at=deadline.assigned_at,
            on_behalf_of_id=deadline.on_behalf_of_id, finished_at=deadline.finished_at)
        if self._nomination_fields:
            # before the next step opens: its checks read the nominations still active
            self._write_dossier(nominations_only=True)
        signals.task_finished.send(sender=TaskDeadline, task=task, deadline=deadline,
                                   user=task.owner, cancelled=False)
        if path is None:
            self._write_process()
            task.flow_task.activation_class(task).activate_next()  # viewflow's engine
        else:
            self._write_path(path)
        for callback in self.after_commit:
            transaction.on_commit(callback)

    def _walk(self, node) -> list[Task]:
        """The tasks viewflow would create after `node`, up to the next human step or the
        end, with the conditions evaluated against this move. Writes nothing."""
        from .nodes import RouteStep

        path: list[Task] = []
        node = node._next
        while True:
            task = Task(process=self.process, flow_task=node, flow_task_type=node.task_type,
                        token=self.task.token, created=self.now, data={})
            path.append(task)
            if isinstance(node, RouteStep):
                task.status = STATUS.NEW
                return path
            task.status, task.started, task.finished = STATUS.DONE, self.now, self.now
            if isinstance(node, flow.Switch):
                node = next(target for target, condition in node._branches
                            if condition is None or condition(self))
            elif isinstance(node, flow.If):
                node = node._on_true if node._condition(self) else node._on_false
            elif isinstance(node, flow.End):
                self.process.status, self.process.finished = PROCESS.DONE, self.now
                return path
            else:
                raise _Unhandled(node)

    def _write_path(self, path: list[Task]) -> None:
        opened = path[-1] if path[-1].status == STATUS.NEW else None
        assignee = self._returning_reviewer(opened) if opened is not None else None
        if assignee is not None:
            opened.owner, opened.status, opened.assigned = assignee, STATUS.ASSIGNED, self.now
        Task.objects.bulk_create(path)
        links, previous = [], self.task
        for task in path:
            links.append(Task.previous.through(from_task_id=task.pk, to_task_id=previous.pk))
            previous = task
        Task.previous.through.objects.bulk_create(links)
        if opened is not None:
            self._open(opened, assignee=assignee)
        self._write_process()
        if opened is not None:
            announce_opened(opened, self.opened)

    def _returning_reviewer(self, task: Task):
        """The reviewer who returned the dossier, when the unit's revision brings it back to
        their step, or the colleague whose work a head sent back (the specialist's appraisal,
        the officer's draft decision), if they may still take it (role and organisation);
        else None (the step's shared queue)."""
        process = self.process
        code = task.flow_task.name
        if self.step == UNIT_REVISE and process.return_to == code:
            user_id = process.returned_by  # the unit's revision, back to the reviewer
        elif process.back_from == self.step and process.back_to == code:
            user_id = process.back_to_user  # a head sent the work back one step
        else:
            return None
        reviewer = (get_user_model().objects.filter(pk=user_id, is_active=True).first()
                    if user_id else None)
        if reviewer is None or not selectors.offered_row(
                reviewer, TaskDeadline(**opening(
                    code=code, process=self.process, dossier=self.dossier,
                    province_id=self.deadline.province_id, bloc_id=self.bloc_id(),
                    today=self.today)), self.dossier.year):
            return None
        return reviewer

    def _open(self, task: Task, assignee=None) -> None:
        """The next human step starts: its deadline, the dossier's status, the event.
        `assignee`: the user it goes to directly (the reviewer who returned the dossier)."""
        code = task.flow_task.name
        columns = opening(code=code, process=self.process, dossier=self.dossier,
                          province_id=self.deadline.province_id, bloc_id=self.bloc_id(),
                          today=self.today)
        if assignee is not None:
            columns.update(assigned_to=assignee, assigned_at=self.now)
        self.opened = TaskDeadline.objects.create(**columns, task=task)
        if code != UNIT_REVISE:
            self._dossier_fields.update(dossiers.step_status(
                self.dossier, STEPS[code].status, self.now))
            self.event("step_started", step=code, actor=None)
        if assignee is not None:
            self.event("task_assigned", step=code, actor=None,
                       reason=_("Hồ sơ đã bổ sung được chuyển lại cho người đã trả lại."),
                       data={"task": task.pk, "to": assignee.pk})
        if code == BOARD_APPRAISAL:
            eligibility.queue_dossier_recheck(self.dossier.pk)

    def _write_dossier(self, *, nominations_only: bool = False) -> None:
        """The dossier's, its nominations' and its timeline's changes so far, through
        nominations.services (workflows never writes the domain's rows itself)."""
        by_pk = {n.pk: n for n in self._nominations or ()}
        dossiers.write_route_changes(
            dossier=self.dossier, dossier_fields={} if nominations_only else self._dossier_fields,
            nominations=[by_pk[pk] for pk in self._nomination_fields],
            nomination_fields=set().union(*self._nomination_fields.values()),
            events=[] if nominations_only else self.events, now=self.now)
        self._nomination_fields = {}
        if not nominations_only:
            self._dossier_fields, self.events = {}, []

    def _write_process(self) -> None:
        self._write_dossier()
        Process.objects.filter(pk=self.process.pk).update(
            data=self.process.data, status=self.process.status,
            finished=self.process.finished)


def opening(*, code: str, process: DossierProcess, dossier, province_id: int,
            bloc_id: int | None, today: date) -> dict:
    """The columns of a new step's TaskDeadline (who it is offered to, due when): the one
    place that says it, for the move and for viewflow's own path (workflows.services)."""
    step = STEPS[code]
    due = process.return_due if code == UNIT_REVISE else None
    if due is None:
        due = due_date_for(code, today, province_id)
    return {"dossier": dossier, "step": code, "started_on": today, "due_on": due,
            "role": step.role, "unit_id": dossier.unit_id, "bloc_id": bloc_id,
            "province_id": province_id}


def announce_opened(task: Task, deadline: TaskDeadline) -> None:
    """Tell the people a new step is offered to (notices are written in this transaction,
    their e-mails queued after commit)."""
    task.deadline = deadline
    signals.task_created.send(sender=TaskDeadline, task=task, deadline=deadline,
                              recipients=selectors.task_recipients(task, deadline=deadline))


# ---------------------------------------------------------------- opening a move


def _lock(task_id: int) -> None:
    """The process row's lock (the one viewflow's SelectForUpdateLock takes), waiting at
    most the database's lock timeout."""
    process_id = Task.objects.filter(pk=task_id).values("process_id")[:1]
    found = (Process.objects.select_for_update().filter(pk=process_id)
             .values_list("pk", flat=True).first())
    if found is None:
        raise ValidationError(_("Không tìm thấy công việc."))


def _load(task_id: int) -> Task:
    """The task with its process, deadline, dossier and unit (the notices name the unit;
    the owner and the colleague it is held for are read only when a message names them)."""
    return Task.objects.select_related(
        "process", "deadline", "deadline__dossier", "deadline__dossier__unit").get(pk=task_id)


def _begin(move: RouteMove, steps: tuple[str, ...]) -> None:
    """Claim the task for the user if it is unclaimed and offered to them, or take it over
    from a colleague who delegated it; refuse anyone else."""
    from .nodes import RouteStep

    task, user, deadline = move.task, move.user, move.deadline
    if not isinstance(task.flow_task, RouteStep) or task.flow_task.name not in steps:
        raise ValidationError(_("Công việc không thuộc bước này."))
    if task.status not in selectors.OPEN_STATUSES or deadline.finished_at is not None:
        raise already_done(task)
    if move.dossier.status in CLOSED_DOSSIER_STATUSES:
        raise RouteConflict(_("Hồ sơ đã kết thúc (“%(status)s”), không thể xử lý tiếp.")
                            % {"status": move.dossier.get_status_display()})
    if user is None:  # the route itself (e.g. the bloc's closed vote)
        return
    if task.status == STATUS.NEW:
        if not selectors.offered_row(user, deadline, move.dossier.year):
            raise PermissionDenied(_("Bạn không có quyền xử lý công việc này."))
        _assign(move, user, by="self")
    elif task.owner_id != user.pk:
        if selectors.acting_for(user, task) is None:
            if task.owner_id:
                raise RouteConflict(_("Công việc này đang do %(owner)s xử lý.")
                                    % {"owner": task.owner})
            raise PermissionDenied(_("Bạn không có quyền xử lý công việc này."))
        move.absent = task.owner
        _assign(move, user, by="delegation")
    else:
        task.owner = user  # it is theirs: no need to read the owner back
        move.absent = deadline.on_behalf_of


def _assign(move: RouteMove, user, *, by: str) -> None:
    task, deadline = move.task, move.deadline
    task.owner, task.assigned = user, move.now
    deadline.assigned_to, deadline.assigned_at = user, move.now
    deadline.on_behalf_of = move.absent if by == "delegation" else None
    data = {"task": task.pk, "to": user.pk}
    if move.absent is not None:
        data.update(on_behalf_of=move.absent.pk, on_behalf_of_name=str(move.absent))
    move.event("task_claimed" if by == "self" else "task_delegated", data=data)
    signals.task_assigned.send(sender=TaskDeadline, task=task, deadline=deadline, user=user,
                               by=by, actor=user)


@contextmanager
def route_move(user, task_id: int, steps: tuple[str, ...]) -> Iterator[RouteMove]:
    """A transaction holding the process lock, with the task loaded and the user's right to
    act on it checked; events recorded inside name the colleague the user stands in for.
    A lock held elsewhere past the timeout is a RouteConflict (409)."""
    try:
        with transaction.atomic():
            _lock(task_id)
            move = RouteMove(_load(task_id), user)
            _begin(move, steps)
            with dossiers.acting_for(move.absent):
                yield move
    except (FlowLockFailed, OperationalError) as exc:
        if not is_busy(exc):
            raise
        raise RouteConflict(busy_message()) from exc


class RouteFacts:
    """What the flow's conditions read besides the process's fields, for either a RouteMove (its
    own cached facts) or one of viewflow's activations (loaded)."""

    def __init__(self, nominations: list[Nomination], bloc_id: int | None):
        self._nominations, self._bloc_id = nominations, bloc_id

    def nominations(self) -> list[Nomination]:
        return self._nominations

    def bloc_id(self) -> int | None:
        return self._bloc_id

    @classmethod
    def of(cls, activation) -> RouteFacts | RouteMove:
        move = getattr(activation, "route_move", None)
        if move is not None:
            return move
        from nominations.models import Dossier

        dossier = Dossier.objects.get(pk=activation.process.artifact_object_id)
        membership = bloc_of_unit(dossier.unit_id, dossier.year)
        return cls(list(dossier.nominations.select_related("award").order_by("pk")),
                   membership.bloc_id if membership else None)
