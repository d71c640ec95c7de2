"""Who a reminder goes to, resolved when it is sent (so reassignment and delegation count).

The route owns the answer: `workflows.selectors.task_recipients`, `step_head` and
`substitutes`; this module only keeps the active people and batches the sweep's look-ups.
"""

from __future__ import annotations

from django.db.models import Q

from accounts import roles
from accounts.models import User
from workflows import selectors as route


def _active(users) -> list[User]:
    seen, out = set(), []
    for user in users:
        if user is not None and user.is_active and user.pk not in seen:
            seen.add(user.pk)
            out.append(user)
    return out


def task_people(deadline) -> list[User]:
    """The people who should act on the task now: its assignee, or whoever it is offered to."""
    return _active(route.task_recipients(deadline.task))


_OPEN_TASK_STATUSES = frozenset({"NEW", "ASSIGNED", "STARTED"})


def task_people_many(deadlines) -> dict[int, list[User]]:
    """`task_people` for many deadlines at once (the sweep's batch), deadline id → people.

    Assigned tasks are resolved together in a few queries (one more per role among them) —
    the owner, replaced by the substitute they delegated the task's role to, exactly as
    `workflows.selectors.task_recipients` does — instead of two queries per task; the rest
    go through `task_people` one by one.
    (A batch `task_recipients_many` in workflows.selectors would let this shrink to a call.)"""
    out: dict[int, list[User]] = {}
    assigned: dict[int, tuple[int, str]] = {}
    for d in deadlines:
        if d.task.owner_id and d.task.status in _OPEN_TASK_STATUSES:
            assigned[d.pk] = (d.task.owner_id, d.role)
        else:
            out[d.pk] = task_people(d)
    if assigned:
        owner_ids = {owner_id for owner_id, _role in assigned.values()}
        owners = User.objects.in_bulk(owner_ids)
        subs: dict[tuple[int, str], int] = {}
        for role in {role for _owner, role in assigned.values()}:
            for absent_id, sub_id in route.substitutes(owner_ids, role).items():
                subs[(absent_id, role)] = sub_id
        stand_ins = User.objects.in_bulk(set(subs.values())) if subs else {}
        for deadline_id, (owner_id, role) in assigned.items():
            person = stand_ins.get(subs.get((owner_id, role))) or owners.get(owner_id)
            out[deadline_id] = _active([person])
    return out


def step_heads(deadline) -> list[User]:
    """Whom a late task escalates to."""
    return _active(route.step_head(deadline.task))


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
