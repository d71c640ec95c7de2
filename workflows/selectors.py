"""Reads of the route, with the visibility and assignment rules inside.

Who may act on a task: users holding the step's role in the step's organisation
(TaskDeadline.role + unit / bloc-and-year / province). A colleague away may delegate one of
their roles to a peer who holds it too (Delegation): the peer then acts on the tasks held by
the absent person, never on more than their own role allows. Who may see a task or a process:
whoever may see its dossier (nominations.selectors.dossiers_visible_to).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.roles import BLOC_LEADER, PROVINCE_ROLES, UNIT_ROLES
from nominations import selectors as nomination_selectors
from nominations.choices import BlocRole
from nominations.models import BlocMembership, Dossier
from nominations.selectors import LEADING_ROLES, dossiers_visible_to

from .models import Delegation, DossierProcess, SavedFilter, TaskDeadline
from .steps import SCOPE_BLOC, SCOPE_UNIT, STEPS

User = get_user_model()

OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def today() -> date:
    return timezone.localdate()


def _flow():
    from .flows import RouteFlow

    return RouteFlow


def dossier_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Dossier)


# ---------------------------------------------------------------- delegation

# The roles that act on route tasks, with the head of each (who may delegate for it).
DELEGABLE_ROLES: dict[str, str] = {s.role: s.head_role for s in STEPS.values()}
# A delegation stays inside one organisation: the unit for unit roles and the bloc leader
# (bloc leaders are users of the leading unit), the province for province roles.
UNIT_SCOPED_ROLES = frozenset(r for r in DELEGABLE_ROLES if r in UNIT_ROLES or r == BLOC_LEADER)
PROVINCE_SCOPED_ROLES = frozenset(DELEGABLE_ROLES) - UNIT_SCOPED_ROLES


def same_organisation(role: str, a, b) -> bool:
    """Do users `a` and `b` belong to the organisation in which `role` acts?"""
    if role in UNIT_SCOPED_ROLES:
        return bool(a.unit_id and a.unit_id == b.unit_id)
    return bool(a.province_id and a.province_id == b.province_id)


def delegations_active(on: date | None = None) -> QuerySet[Delegation]:
    """Delegations in force on `on` (today) that still follow the rules: the substitute is
    active, holds the delegated role in the absent person's organisation and did not name
    himself. Rows that stopped following them (a role withdrawn, a move, a legacy row) grant
    nothing, whatever their dates."""
    on = on or today()
    holds_role = Exists(User.groups.through.objects.filter(
        user_id=OuterRef("substitute_id"), group__name=OuterRef("role")))
    return (
        Delegation.objects.filter(start__lte=on, end__gte=on, revoked_at__isnull=True,
                                  substitute__is_active=True, role__in=list(DELEGABLE_ROLES))
        .exclude(created_by_id=F("substitute_id"))
        .filter(holds_role)
        .filter(Q(role__in=sorted(UNIT_SCOPED_ROLES), substitute__unit_id=F("absent__unit_id"))
                | Q(role__in=sorted(PROVINCE_SCOPED_ROLES),
                    substitute__province_id=F("absent__province_id")))
    )


def delegated_to(user, on: date | None = None) -> list[tuple[int, str]]:
    """(absent user id, role) of the people away today who delegated a role to `user`."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_route_delegators", None)
    if cached is None:
        on = on or today()
        dated = list(Delegation.objects.filter(substitute_id=user.pk, start__lte=on,
                                               end__gte=on, revoked_at__isnull=True)
                     .values_list("pk", flat=True))
        cached = list(delegations_active(on).filter(pk__in=dated)
                      .values_list("absent_id", "role")) if dated else []
        user._route_delegators = cached
    return cached


def delegations_of(user) -> QuerySet[Delegation]:
    """The delegations a user sees on the delegation page: theirs (as absent person,
    substitute or author) and, for a step's head, those of their organisation."""
    q = Q(absent=user) | Q(substitute=user) | Q(created_by=user)
    if user.is_superuser:
        q = Q()
    else:
        for role, head in DELEGABLE_ROLES.items():
            if not user.has_role(head):
                continue
            if role in UNIT_SCOPED_ROLES and user.unit_id:
                q |= Q(role=role, absent__unit_id=user.unit_id)
            elif role in PROVINCE_SCOPED_ROLES and user.province_id:
                q |= Q(role=role, absent__province_id=user.province_id)
    return (Delegation.objects.filter(q)
            .select_related("absent", "substitute", "created_by", "revoked_by")
            .order_by("-start", "-pk"))


def _held_for_absent_q(user, prefix: str = "deadline__") -> Q | None:
    """Q on Task (prefix "deadline__") or TaskDeadline (prefix "") for open tasks held by
    someone who delegated a role to `user`: the task's role is that role and it is offered
    to `user` in their own right."""
    pairs = delegated_to(user)
    if not pairs:
        return None
    by_role: dict[str, list[int]] = {}
    for absent_id, role in pairs:
        by_role.setdefault(role, []).append(absent_id)
    q = Q(pk__in=[])
    for role, ids in by_role.items():
        q |= Q(**{f"{prefix}assigned_to_id__in": ids, f"{prefix}role": role})
    return q & offered_q(user, prefix=prefix)


def substitutes(user_ids: Iterable[int], role: str, on: date | None = None) -> dict[int, int]:
    """absent user id -> substitute user id, for delegations of `role` in force today."""
    ids = list(user_ids)
    if not ids or not role:
        return {}
    on = on or today()
    # almost always nobody is away: a plain indexed look-up first, the full rules after
    dated = list(Delegation.objects.filter(absent_id__in=ids, role=role, start__lte=on,
                                           end__gte=on, revoked_at__isnull=True)
                 .values_list("pk", flat=True))
    if not dated:
        return {}
    return dict(
        delegations_active(on).filter(pk__in=dated).order_by("-start", "-id")
        .values_list("absent_id", "substitute_id")[::-1]
    )


def _apply_delegation(users: list, role: str) -> list:
    subs = substitutes((u.pk for u in users), role)
    if not subs:
        return users
    replacements = {u.pk: u for u in User.objects.filter(pk__in=subs.values())}
    result, seen = [], set()
    for u in users:
        sub_id = subs.get(u.pk)
        actual = u if sub_id is None else replacements.get(sub_id, u)
        if actual.pk not in seen:
            seen.add(actual.pk)
            result.append(actual)
    return result


# ---------------------------------------------------------------- who a task is for


def _leading_pairs(unit_id: int | None) -> list[tuple[int, int]]:
    if not unit_id:
        return []
    return list(
        BlocMembership.objects.filter(unit_id=unit_id, role__in=LEADING_ROLES)
        .values_list("bloc_id", "year")
    )


def _principal_q(roles: frozenset[str], unit_id, province_id, leading, prefix: str) -> Q:
    q = Q(pk__in=[])
    unit_roles = roles & UNIT_ROLES
    if unit_roles and unit_id:
        q |= Q(**{f"{prefix}role__in": sorted(unit_roles), f"{prefix}unit_id": unit_id})
    province_roles = roles & PROVINCE_ROLES
    if province_roles and province_id:
        q |= Q(**{f"{prefix}role__in": sorted(province_roles),
                  f"{prefix}province_id": province_id})
    if BLOC_LEADER in roles:
        for bloc_id, year in leading:
            q |= Q(**{f"{prefix}role": BLOC_LEADER, f"{prefix}bloc_id": bloc_id,
                      f"{prefix}dossier__year": year})
    return q


def offered_q(user, prefix: str = "deadline__") -> Q:
    """Q on Task (prefix "deadline__") or TaskDeadline (prefix "") for the tasks offered to
    `user`: their own role in their own organisation. A delegation adds nothing here (it
    never grants a role): see `_held_for_absent_q`."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    return _principal_q(user.role_names(), user.unit_id, user.province_id,
                        _leading_pairs(user.unit_id) if user.has_role(BLOC_LEADER) else [],
                        prefix)


def offered_row(user, deadline: TaskDeadline, year: int) -> bool:
    """`offered_q` for one loaded deadline, in memory (no query but the user's roles, and
    the bloc leadership of a bloc leader's unit): is the task offered to `user`?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    role = deadline.role
    if role not in user.role_names():
        return False
    if role in UNIT_ROLES:
        return bool(user.unit_id) and user.unit_id == deadline.unit_id
    if role in PROVINCE_ROLES:
        return bool(user.province_id) and user.province_id == deadline.province_id
    if role == BLOC_LEADER:
        return (deadline.bloc_id, year) in _leading_pairs(user.unit_id)
    return False


def eligible_users(deadline: TaskDeadline, role: str | None = None) -> QuerySet:
    """Active users holding `role` (default: the task's role) in the task's organisation."""
    role = role or deadline.role
    if role == BLOC_LEADER:
        return _bloc_leaders(deadline)
    qs = User.objects.filter(is_active=True, groups__name=role)
    # A deadline without its organisation (a row from before migration 0002, which added
    # the columns) matches the users who have none either, as filtering on None always did.
    if role in UNIT_ROLES:
        qs = (qs.filter(unit_id=deadline.unit_id) if deadline.unit_id is not None
              else qs.filter(unit_id__isnull=True))
    else:
        qs = (qs.filter(province_id=deadline.province_id) if deadline.province_id is not None
              else qs.filter(province_id__isnull=True))
    return qs.distinct().order_by("pk")


def _bloc_leaders(deadline: TaskDeadline, roles=LEADING_ROLES) -> QuerySet:
    if deadline.bloc_id is None:  # in no bloc that year: nobody leads it (as the filter found)
        return User.objects.none()
    leading_units = BlocMembership.objects.filter(
        bloc_id=deadline.bloc_id, year=deadline.dossier.year, role__in=roles
    ).values("unit_id")
    return (
        User.objects.filter(is_active=True, groups__name=BLOC_LEADER,
                            unit_id__in=leading_units)
        .distinct().order_by("pk")
    )


def task_recipients(task, deadline: TaskDeadline | None = None) -> list:
    """Who may act on the task now: its assignee, or everyone it is offered to; people
    away are replaced by the substitute they delegated the task's role to."""
    if task.status not in OPEN_STATUSES:
        return []
    if deadline is None:
        deadline = (TaskDeadline.objects.select_related("dossier")
                    .filter(task_id=task.pk).first())
    if deadline is None:
        return []
    if task.owner_id:
        users = [User.objects.get(pk=task.owner_id)]
    else:
        users = list(eligible_users(deadline))
    return _apply_delegation(users, deadline.role)


def sole_actor(user, task) -> bool:
    """Is `user` the only person who can act on the open, unclaimed task (the step's role
    in its organisation, a colleague away replaced by the substitute they delegated to)?"""
    recipients = task_recipients(task)
    return len(recipients) == 1 and recipients[0].pk == user.pk


def step_head(task) -> list:
    """Who a late task escalates to: unit_head for unit steps, the bloc's leader for the bloc
    vote, council_secretary for the council, board_head for appraisal, committee_leader for
    the decision."""
    deadline = TaskDeadline.objects.select_related("dossier").filter(task_id=task.pk).first()
    if deadline is None or deadline.step not in STEPS:
        return []
    step = STEPS[deadline.step]
    if step.scope == SCOPE_BLOC:
        heads = list(_bloc_leaders(deadline, roles=(BlocRole.LEADER,)))
        return heads or list(_bloc_leaders(deadline))
    return list(eligible_users(deadline, role=step.head_role))


def can_claim(user, task) -> bool:
    if task.status != STATUS.NEW or not getattr(user, "is_authenticated", False):
        return False
    return (
        TaskDeadline.objects.filter(task_id=task.pk, finished_at__isnull=True)
        .filter(offered_q(user, prefix=""))
        .exists()
    )


def is_offered(user, task) -> bool:
    """Was the task offered to `user` (role and organisation, or a delegation), whatever
    its state now: such a user asking for it after a colleague took it is told so."""
    if not getattr(user, "is_authenticated", False):
        return False
    return TaskDeadline.objects.filter(task_id=task.pk).filter(
        offered_q(user, prefix="")).exists()


def can_act(user, task) -> bool:
    """May `user` execute the task: it is assigned to them, or to a colleague away who
    delegated the task's role to them (and the task is offered to them in their own right)."""
    if not getattr(user, "is_authenticated", False) or task.owner_id is None:
        return False
    if task.owner_id == user.pk:
        return True
    return acting_for(user, task) is not None


def acting_for(user, task) -> int | None:
    """The absent colleague `user` would act for on `task` (a delegation), else None."""
    if task.owner_id is None or task.owner_id == getattr(user, "pk", None):
        return None
    roles = [role for absent_id, role in delegated_to(user) if absent_id == task.owner_id]
    if not roles:
        return None
    offered = (TaskDeadline.objects.filter(task_id=task.pk, role__in=roles)
               .filter(offered_q(user, prefix="")).exists())
    return task.owner_id if offered else None


def can_reassign(user, task) -> bool:
    """Heads reassign: board_head / committee_leader / unit_head / the bloc's leader /
    the council secretary, for the tasks of their step in their organisation."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    deadline = getattr(task, "deadline", None)
    if deadline is None or deadline.finished_at is not None or deadline.step not in STEPS:
        return False
    step = STEPS[deadline.step]
    if not user.has_role(step.head_role):
        return False
    if step.scope == SCOPE_UNIT:
        return user.unit_id == deadline.unit_id
    if step.scope == SCOPE_BLOC:
        return (deadline.bloc_id, deadline.dossier.year) in _leading_pairs(user.unit_id)
    return user.province_id == deadline.province_id


def may_take(user, deadline: TaskDeadline) -> bool:
    """May `user` be given the task (role and organisation match, ignoring delegation)."""
    return (
        TaskDeadline.objects.filter(pk=deadline.pk)
        .filter(offered_q(user, prefix=""))
        .exists()
    )


# ---------------------------------------------------------------- lists


def route_tasks() -> QuerySet:
    """Human tasks of the route (those with a TaskDeadline), with what a list row shows
    joined in the same query. Lists filter on the deadline's columns, which carry partial
    indexes (workflows.models.TaskDeadline.Meta): the open tasks of one person, of one
    role in one province / unit / bloc, never a scan of all tasks."""
    return Task.objects.select_related(
        "owner", "deadline", "deadline__dossier", "deadline__dossier__unit", "deadline__bloc",
    )


def inbox_q(user, prefix: str = "deadline__") -> Q:
    """Q on Task (prefix "deadline__") or TaskDeadline (""): open tasks assigned to the
    user, or held by a colleague away who delegated that task's role to them."""
    mine = Q(**{f"{prefix}assigned_to_id": user.pk})
    delegated = _held_for_absent_q(user, prefix)
    if delegated is not None:
        mine |= delegated
    return mine & Q(**{f"{prefix}finished_at__isnull": True})


def queue_q(user, prefix: str = "deadline__") -> Q:
    """Q on Task or TaskDeadline: open unclaimed tasks offered to the user's role in their
    organisation."""
    return (Q(**{f"{prefix}finished_at__isnull": True, f"{prefix}assigned_to__isnull": True})
            & offered_q(user, prefix=prefix))


def inbox(user) -> QuerySet:
    return route_tasks().filter(inbox_q(user)).order_by("deadline__due_on", "pk")


def queue(user) -> QuerySet:
    return route_tasks().filter(queue_q(user)).order_by("deadline__due_on", "pk")


def archive_q(user, prefix: str = "deadline__") -> Q:
    """Q on Task or TaskDeadline: the tasks the user finished."""
    return Q(**{f"{prefix}assigned_to_id": user.pk, f"{prefix}finished_at__isnull": False})


def archive(user) -> QuerySet:
    """Tasks the user finished (newest first)."""
    return route_tasks().filter(archive_q(user)).order_by("-deadline__finished_at", "-pk")


def deadline_search_q(text: str) -> Q:
    """Q on TaskDeadline: the dossier's title or unit, or a nominee's name, contains
    `text`; a number ("125" or "#125") is also the dossier's number."""
    from nominations.models import Nomination

    nominee = Nomination.objects.filter(
        Q(person__full_name__icontains=text) | Q(collective__name__icontains=text),
        dossier_id=OuterRef("dossier_id"))
    q = (Q(dossier__title__icontains=text) | Q(dossier__unit__name__icontains=text)
         | Q(Exists(nominee)))
    number = text.lstrip("#").strip()
    if number.isdigit() and len(number) < 10:
        q |= Q(dossier_id=int(number))
    return q


def step_counts(deadlines: QuerySet) -> list[tuple[str, str, int]]:
    """(step code, label, tasks) for a list's deadlines, in the route's order (one
    GROUP BY)."""
    from django.db.models import Count

    counts = dict(deadlines.order_by().values_list("step").annotate(n=Count("pk")))
    return [(code, step.label, counts[code]) for code, step in STEPS.items() if code in counts]


def award_names_of(dossier_ids) -> dict[int, str]:
    """dossier id → the names of the awards its nominations propose (one query)."""
    from nominations.models import Nomination

    names: dict[int, list[str]] = {}
    for dossier_id, name in (Nomination.objects.filter(dossier_id__in=list(dossier_ids))
                             .order_by("dossier_id", "award__order", "award__name")
                             .values_list("dossier_id", "award__name")):
        seen = names.setdefault(dossier_id, [])
        if name not in seen:
            seen.append(name)
    return {pk: "; ".join(values) for pk, values in names.items()}


def task_counts(user) -> dict[str, int]:
    """How many tasks wait in the user's inbox and queue (the menu's badges): two counts
    on TaskDeadline's partial indexes, no join."""
    if not getattr(user, "is_authenticated", False):
        return {"inbox": 0, "queue": 0}
    return {"inbox": TaskDeadline.objects.filter(inbox_q(user, prefix="")).count(),
            "queue": TaskDeadline.objects.filter(queue_q(user, prefix="")).count()}


def processes_visible_to(user) -> QuerySet:
    return DossierProcess.objects.filter(
        flow_class=_flow(),
        artifact_content_type=dossier_content_type(),
        artifact_object_id__in=dossiers_visible_to(user).values("pk"),
    )


def with_route_facts(rows: list[dict]) -> list[dict]:
    """Add the dossier's title, unit and year and the count of open tasks to a page of
    process rows (values of `processes_visible_to`), in two queries."""
    from django.db.models import Count

    dossiers = {d["pk"]: d for d in Dossier.objects.filter(
        pk__in=[r["artifact_object_id"] for r in rows]).values(
        "pk", "title", "year", "unit__name")}
    open_tasks = dict(Task.objects.filter(process__in=[r["pk"] for r in rows],
                                          finished__isnull=True)
                      .order_by().values_list("process_id").annotate(n=Count("pk")))
    for row in rows:
        dossier: Mapping[str, object] = dossiers.get(row["artifact_object_id"], {})
        row.update(dossier_title=dossier.get("title"), unit_name=dossier.get("unit__name"),
                   year=dossier.get("year"), open_tasks=open_tasks.get(row["pk"], 0))
    return rows


def tasks_visible_to(user) -> QuerySet:
    return Task.objects.filter(
        process__in=processes_visible_to(user).values("pk")
    )


def process_visible(user, process) -> bool:
    return processes_visible_to(user).filter(pk=process.pk).exists()


def dossier_of(process) -> Dossier | None:
    if not process.artifact_object_id:
        return None
    return Dossier.objects.select_related("unit").filter(pk=process.artifact_object_id).first()


def processes_of(dossier: Dossier) -> QuerySet:
    return DossierProcess.objects.filter(
        flow_class=_flow(),
        artifact_content_type=dossier_content_type(),
        artifact_object_id=dossier.pk,
    ).order_by("-created", "-pk")


def active_process(dossier: Dossier) -> DossierProcess | None:
    from viewflow.workflow.status import PROCESS

    return processes_of(dossier).filter(status=PROCESS.NEW).first()


def open_deadlines(dossier: Dossier) -> QuerySet:
    return (
        TaskDeadline.objects.filter(dossier=dossier, finished_at__isnull=True)
        .select_related("task", "assigned_to", "task__owner")
        .order_by("started_on", "pk")
    )


def open_task_for(user, dossier: Dossier, step: str | None = None):
    """The open human task of the dossier the user may act on or claim now, if any."""
    deadlines = open_deadlines(dossier)
    if step:
        deadlines = deadlines.filter(step=step)
    for deadline in deadlines:
        task = deadline.task
        if can_act(user, task) or can_claim(user, task):
            return task
    return None


def saved_filters(user, page: str) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.filter(user=user, page=page).order_by("name")


# ---------------------------------------------------------------- manager views


def deadlines_visible_to(user) -> Q:
    """Q on TaskDeadline: the deadlines of the dossiers `user` may see, on the deadline's
    own columns where the rule allows (province roles: its province; unit roles: its unit)
    instead of a sub-query over every dossier; bloc leaders go through
    nominations.selectors.dossiers_visible_to, which holds the rule."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    roles = user.role_names()
    q = Q(pk__in=[])
    if roles & PROVINCE_ROLES and user.province_id:
        q |= Q(province_id=user.province_id)
    if roles & UNIT_ROLES and user.unit_id:
        q |= Q(unit_id=user.unit_id)
    if BLOC_LEADER in roles:
        q |= Q(dossier__in=dossiers_visible_to(user).values("pk"))
    return q


def status_overview(user, year: int | None = None) -> dict:
    """Counts per waiting step (overdue first), the waiting deadlines (overdue first: they
    have the earliest due dates) as a queryset the page paginates, and the visible
    dossiers of achievement `year` (default: this year) per status — one year, read
    through the (unit, year, status) index, not every dossier of a province's history."""
    from django.db.models import Count

    open_ = TaskDeadline.objects.filter(deadlines_visible_to(user), finished_at__isnull=True)
    per_step = {
        row["step"]: row
        for row in open_.order_by().values("step").annotate(
            total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today()))
        )
    }
    steps = [
        {"code": code, "label": step.label, "total": per_step.get(code, {}).get("total", 0),
         "overdue": per_step.get(code, {}).get("overdue", 0)}
        for code, step in STEPS.items()
    ]
    steps.sort(key=lambda s: (-s["overdue"], -s["total"]))
    waiting = open_.order_by("due_on", "pk").values(
        "pk", "dossier_id", "dossier__title", "dossier__unit__name", "step", "started_on",
        "due_on", "assigned_to__full_name", "assigned_to__username")
    year = year or today().year
    per_status = dict(
        dossiers_visible_to(user).filter(year=year).order_by().values_list("status")
        .annotate(n=Count("*"))
    )
    return {"steps": steps, "waiting": waiting, "per_status": per_status, "year": year}


def case_of(user, dossier_pk: int) -> dict | None:
    """Everything the case page shows, or None when the dossier is not visible."""
    dossier = dossiers_visible_to(user).filter(pk=dossier_pk).first()
    if dossier is None:
        return None
    nominations = list(
        dossier.nominations.select_related("award", "person", "collective", "eligibility",
                                           "decision").order_by("id")
    )
    events = nomination_selectors.timeline(dossier)
    waiting = list(open_deadlines(dossier))
    processes = list(processes_of(dossier))
    return {
        "dossier": dossier,
        "nominations": nominations,
        "events": events,
        "waiting": waiting,
        "process": processes[0] if processes else None,
        "decisions": list(dossier.decisions.order_by("-date")),
    }


def last_resubmission(dossier, step: str) -> dict | None:
    """The unit's last revision when it answered a return from `step`: the reviewer's
    reason and the unit's note (the step's screen shows both), else None."""
    from nominations.models import DossierEvent

    last = list(DossierEvent.objects.filter(dossier=dossier,
                                            action__in=("returned", "resubmitted"))
                .select_related("actor").order_by("-at", "-id")[:2])
    if (len(last) < 2 or last[0].action != "resubmitted" or last[1].action != "returned"
            or last[1].step != step or (last[0].data or {}).get("back_to") != step):
        return None
    return {"reason": last[1].reason, "note": last[0].reason, "at": last[0].at,
            "by": last[0].actor}


def has_any_role(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)
                and (user.is_superuser or user.role_names()))


def bloc_vote_deadlines_waiting(bloc_id: int, year: int) -> QuerySet:
    return TaskDeadline.objects.filter(
        step="bloc_vote", bloc_id=bloc_id, dossier__year=year, finished_at__isnull=True
    )


def task_url(task, view: str = "index") -> str:
    """The task's page (works outside a request too, e.g. in a Celery notice: viewflow's
    node namespaces exist only once the URLconf has been loaded)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - builds the site's URLs (and node namespaces)
    return task.flow_task.reverse(view, args=[task.process_id, task.pk])


# ---------------------------------------------------------------- the landing page

# Roles that act on route tasks or head a step: they get the inbox and the queue.
ROUTE_ROLES = frozenset(s.role for s in STEPS.values()) | frozenset(
    s.head_role for s in STEPS.values())


def acts_on_route(user) -> bool:
    """Does the user take route tasks (or head a step)? The menu's "Việc của tôi" and
    "Việc chờ nhận" are for them."""
    return bool(getattr(user, "is_authenticated", False)
                and (user.is_superuser or user.role_names() & ROUTE_ROLES))


def my_work(user, *, soonest: int = 5) -> dict:
    """The user's open tasks (inbox and queue) on the landing page, in two queries: per step
    how many are held, waiting to be taken, due today and overdue (one GROUP BY); and the
    first `soonest` by due date."""
    from django.db.models import Count

    day = today()
    held, offered = inbox_q(user, prefix=""), queue_q(user, prefix="")
    mine = TaskDeadline.objects.filter(held | offered)
    rows = (mine.order_by().values("step")
            .annotate(inbox=Count("pk", filter=held), queue=Count("pk", filter=offered),
                      due_today=Count("pk", filter=Q(due_on=day)),
                      overdue=Count("pk", filter=Q(due_on__lt=day))))
    per_step = {row["step"]: row for row in rows}
    totals = {key: sum(row[key] for row in per_step.values())
              for key in ("inbox", "queue", "due_today", "overdue")}
    # the values() rows with three flags for the page: plain dicts, no longer the rows' type
    first: list[dict[str, Any]] = [
        {**row, "held": row["assigned_to_id"] is not None, "overdue": row["due_on"] < day,
         "due_today": row["due_on"] == day}
        for row in mine.order_by("due_on", "pk").values(
            "task_id", "task__process_id", "step", "due_on", "assigned_to_id", "dossier_id",
            "dossier__title", "dossier__unit__name")[:soonest]]
    return {"per_step": per_step, "soonest": first, **totals}


def waiting_per_step(user) -> dict[str, dict[str, int]]:
    """Every open task of the dossiers the user may see, per step: total and overdue (one
    GROUP BY on the deadlines' own columns) — what a head or a manager watches."""
    from django.db.models import Count

    rows = (TaskDeadline.objects.filter(deadlines_visible_to(user), finished_at__isnull=True)
            .order_by().values("step")
            .annotate(total=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today()))))
    return {row["step"]: {"total": row["total"], "overdue": row["overdue"]} for row in rows}


def drafts_of(user, *, first: int = 5) -> dict:
    """The unit officer's dossiers still being drafted (count and the latest few)."""
    from nominations.choices import DossierStatus

    if not user.unit_id:
        return {"count": 0, "rows": []}
    drafts = dossiers_visible_to(user).filter(unit_id=user.unit_id, status=DossierStatus.DRAFT)
    return {"count": drafts.count(),
            "rows": list(drafts.order_by("-updated_at", "-pk").values("pk", "title", "year")
                         [:first])}


def bloc_votes_of(user) -> list[dict]:
    """The blocs the user's unit leads, per year, with an open vote session or dossiers
    waiting for the bloc's vote (two queries): what the bloc leader should run next."""
    from django.db.models import Count

    from blocs.models import SessionStatus, VoteSession

    pairs = _leading_pairs(user.unit_id)
    if not pairs:
        return []
    wanted = Q(pk__in=[])
    for bloc_id, year in pairs:
        wanted |= Q(bloc_id=bloc_id, year=year)
    found: dict[tuple[int, int], dict] = {}
    for session in VoteSession.objects.filter(wanted, status=SessionStatus.OPEN).values(
            "bloc_id", "bloc__name", "year"):
        found[(session["bloc_id"], session["year"])] = {
            "bloc_id": session["bloc_id"], "bloc_name": session["bloc__name"],
            "year": session["year"], "open": True, "waiting": 0}
    waiting_q = Q(pk__in=[])
    for bloc_id, year in pairs:
        waiting_q |= Q(bloc_id=bloc_id, dossier__year=year)
    for row in (TaskDeadline.objects.filter(waiting_q, step="bloc_vote",
                                            finished_at__isnull=True)
                .order_by().values("bloc_id", "bloc__name", "dossier__year")
                .annotate(n=Count("pk"))):
        key = (row["bloc_id"], row["dossier__year"])
        entry = found.setdefault(key, {"bloc_id": row["bloc_id"], "bloc_name": row["bloc__name"],
                                       "year": row["dossier__year"], "open": False,
                                       "waiting": 0})
        entry["waiting"] = row["n"]
    return sorted(found.values(), key=lambda e: (-e["year"], e["bloc_name"]))
