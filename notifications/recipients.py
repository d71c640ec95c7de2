"""Who a reminder goes to, resolved when it is sent (so reassignment and delegation count).

The route owns the answer (`workflows.selectors.task_recipients` / `step_head`). Until that
module exists this falls back to what `TaskDeadline` and the accounts know. Keep every
fallback in this file: once the selectors land, the fallbacks can simply be deleted.
"""

from __future__ import annotations

import logging
from importlib import import_module

from django.db.models import Q

from accounts import roles
from accounts.models import User

logger = logging.getLogger(__name__)

# Fallback only (no workflows.selectors yet): the role that heads each step, in the
# deadline's province (or, for unit steps, the dossier's unit).
_STEP_HEAD_ROLE = {
    "board_appraisal": roles.BOARD_HEAD,
    "board_head_approval": roles.BOARD_HEAD,
    "committee_sign": roles.COMMITTEE_LEADER,
    "council_review": roles.COUNCIL_SECRETARY,
    "committee_decision": roles.COMMITTEE_LEADER,
}
_UNIT_STEPS = frozenset({"unit_head_submit", "unit_revise", "draft"})


def _route_selector(name: str):
    try:
        module = import_module("workflows.selectors")
    except ImportError:
        return None
    return getattr(module, name, None)


def _active(users) -> list[User]:
    seen, out = set(), []
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            out.append(user)
    return out


def task_people(deadline) -> list[User]:
    """The people who should act on the task now: its assignee, or whoever it is offered to."""
    selector = _route_selector("task_recipients")
    if selector is not None:
        return _active(selector(deadline.task))
    if deadline.assigned_to_id:
        return _active([deadline.assigned_to])
    # Fallback: the people the route named when it created the task (task_created notices).
    return _active(
        User.objects.filter(notices__deadline=deadline, notices__kind="task_created").distinct()
    )


_OPEN_TASK_STATUSES = frozenset({"NEW", "ASSIGNED", "STARTED"})


def task_people_many(deadlines) -> dict[int, list[User]]:
    """`task_people` for many deadlines at once (the sweep's batch), deadline id → people.

    Assigned tasks are resolved together in a few queries (one more per role among them) —
    the owner, replaced by the substitute they delegated the task's role to, exactly as
    `workflows.selectors.task_recipients` does — instead of two queries per task; the rest
    go through `task_people` one by one.
    (A batch `task_recipients_many` in workflows.selectors would let this shrink to a call.)"""
    selector = _route_selector("task_recipients")
    substitutes = _route_selector("substitutes")
    out: dict[int, list[User]] = {}
    assigned: dict[int, tuple[int, str]] = {}
    for d in deadlines:
        if selector is None:
            out[d.pk] = task_people(d)
        elif (substitutes is not None and d.task.owner_id
              and d.task.status in _OPEN_TASK_STATUSES):
            assigned[d.pk] = (d.task.owner_id, d.role)
        else:
            out[d.pk] = task_people(d)
    if assigned:
        owner_ids = {owner_id for owner_id, _role in assigned.values()}
        owners = User.objects.in_bulk(owner_ids)
        subs: dict[tuple[int, str], int] = {}
        for role in {role for _owner, role in assigned.values()}:
            for absent_id, sub_id in substitutes(owner_ids, role).items():
                subs[(absent_id, role)] = sub_id
        stand_ins = User.objects.in_bulk(set(subs.values())) if subs else {}
        for deadline_id, (owner_id, role) in assigned.items():
            person = stand_ins.get(subs.get((owner_id, role))) or owners.get(owner_id)
            out[deadline_id] = _active([person])
    return out


def step_heads(deadline) -> list[User]:
    """Whom a late task escalates to."""
    selector = _route_selector("step_head")
    if selector is not None:
        return _active(selector(deadline.task))
    if deadline.step in _UNIT_STEPS:
        return _active(User.objects.filter(unit_id=deadline.dossier.unit_id,
                                           groups__name=roles.UNIT_HEAD))
    role = _STEP_HEAD_ROLE.get(deadline.step)
    if not role:
        return []
    province_id = getattr(deadline, "province_id", None) or deadline.dossier.unit.province_id
    return _active(User.objects.filter(province_id=province_id, groups__name=role))


def unit_people(dossier) -> list[User]:
    """The unit's officers and head, and whoever drafted the dossier."""
    users = User.objects.filter(
        Q(unit_id=dossier.unit_id, groups__name__in=roles.UNIT_ROLES) | Q(pk=dossier.created_by_id)
    ).distinct().order_by("pk")
    return _active(users)


def unit_officers_many(unit_ids) -> dict[int, list[User]]:
    """The active TĐKT officers (unit_officer) of each unit, in one query."""
    found: dict[int, list[User]] = {}
    users = (User.objects.filter(unit_id__in=list(unit_ids), groups__name=roles.UNIT_OFFICER,
                                 is_active=True).distinct().order_by("pk"))
    for user in users:
        found.setdefault(user.unit_id, []).append(user)
    return found
