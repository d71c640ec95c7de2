"""Notices: `Draft` and `create_notices` (the one writer of `Notice` rows, with the e-mail
state the person's preference asks for), and one `notify_*` function per event the
receivers hear (receivers.py), planning or cancelling the reminders that go with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from workflows import selectors as route_selectors
from workflows.models import TaskDeadline

from .. import messages, recipients
from ..models import Notice, Preference
from ._common import RETURN_STEP, int_setting
from .planning import (
    cancel_return_reminders,
    cancel_task_reminders,
    schedule_return_reminders,
    schedule_task_reminders,
)


def next_digest_at(now: datetime) -> datetime:
    local = timezone.localtime(now)
    at = local.replace(hour=int_setting("NOTIFICATIONS_DIGEST_HOUR", 7), minute=0, second=0,
                       microsecond=0)
    return at if at > local else at + timedelta(days=1)


@dataclass
class Draft:
    """A notice about to be written (one person, one message)."""

    recipient: User
    kind: str
    key: str
    title: str
    body: str
    url: str = ""
    dossier_id: int | None = None
    deadline_id: int | None = None
    reminder_id: int | None = None


def _dossier_url(dossier_id: int | None) -> str:
    return reverse("khenthuong:dossiers:detail", args=[dossier_id]) if dossier_id else ""


def create_notices(drafts: list[Draft], *, now: datetime | None = None) -> list[int]:
    """Write the notices (a key that exists already is skipped) and return the ids of those
    whose e-mail should go now. The e-mail follows the person's preference."""
    if not drafts:
        return []
    now = now or timezone.now()
    prefs = {p.user_id: p for p in
             Preference.objects.filter(user_id__in={d.recipient.pk for d in drafts})}
    digest_at = next_digest_at(now)
    rows = []
    for d in drafts:
        pref = prefs.get(d.recipient.pk)
        if not d.recipient.email or (pref and not pref.email_enabled):
            state, next_at = Notice.Email.SKIPPED, None
        elif pref and pref.delivery == Preference.Delivery.DIGEST:
            state, next_at = Notice.Email.DIGEST, digest_at
        else:
            state, next_at = Notice.Email.PENDING, now
        rows.append(Notice(key=d.key[:160], recipient=d.recipient, kind=d.kind,
                           title=d.title[:300], body=d.body, url=d.url or
                           _dossier_url(d.dossier_id), dossier_id=d.dossier_id,
                           deadline_id=d.deadline_id, reminder_id=d.reminder_id,
                           email_state=state, email_next_at=next_at))
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Notice.objects.filter(key__in=[r.key for r in rows],
                                      email_state=Notice.Email.PENDING)
                .values_list("pk", flat=True))


def notify_task_created(*, task, deadline: TaskDeadline, recipients: list,
                        now: datetime | None = None) -> list[int]:
    """A task reached a person or a group: tell them, and plan the task's reminders."""
    with transaction.atomic(savepoint=False):
        if deadline.step == RETURN_STEP:
            cancel_return_reminders(dossier=deadline.dossier)  # the task's reminders cover it
        schedule_task_reminders(deadline=deadline)
        title, body = messages.task_created(step=deadline.step, dossier=deadline.dossier,
                                            due_on=deadline.due_on,
                                            labels=messages.step_labels())
        return create_notices([
            Draft(recipient=user, kind=Notice.Kind.TASK_CREATED,
                  key=f"task_created:{task.pk}:{user.pk}", title=title, body=body,
                  dossier_id=deadline.dossier_id, deadline_id=deadline.pk)
            for user in recipients if user is not None
        ], now=now)


def notify_task_assigned(*, task, deadline: TaskDeadline, user, by: str | None = None,
                         actor=None, now: datetime | None = None) -> list[int]:
    """A task was given to `user` by someone else; taking it yourself needs no notice.

    `by` is how (the route sends "self", "head", "delegation"), `actor` who did it."""
    if user is None or by == "self":
        return []
    if actor is not None and actor.pk == user.pk:
        return []
    stamp = int(deadline.assigned_at.timestamp()) if deadline.assigned_at else 0
    title, body = messages.task_assigned(step=deadline.step, dossier=deadline.dossier,
                                         due_on=deadline.due_on, by=actor,
                                         labels=messages.step_labels())
    with transaction.atomic(savepoint=False):
        return create_notices([
            Draft(recipient=user, kind=Notice.Kind.TASK_ASSIGNED,
                  key=f"task_assigned:{task.pk}:{user.pk}:{stamp}", title=title, body=body,
                  dossier_id=deadline.dossier_id, deadline_id=deadline.pk)
        ], now=now)


def notify_delegation(*, delegation, revoked: bool = False,
                      now: datetime | None = None) -> list[int]:
    """A delegation was made (or revoked): the absent person and the substitute are told,
    whoever set it up."""
    state = "revoked" if revoked else "made"
    drafts = [
        Draft(recipient=user, kind=Notice.Kind.DELEGATION,
              key=f"delegation:{delegation.pk}:{state}:{user.pk}",
              title=title, body=body, url=reverse("khenthuong:route:delegations"))
        for user, (title, body) in (
            (delegation.absent, messages.delegation(delegation=delegation, revoked=revoked,
                                                    to_absent=True)),
            (delegation.substitute, messages.delegation(delegation=delegation,
                                                        revoked=revoked, to_absent=False)),
        )
    ]
    with transaction.atomic(savepoint=False):
        return create_notices(drafts, now=now)


def close_task(*, deadline: TaskDeadline) -> int:
    """The task is done or cancelled: its pending reminders go."""
    return cancel_task_reminders(deadline=deadline)


def notify_dossier_returned(*, dossier, step: str, reason: str = "", due: date | None = None,
                            now: datetime | None = None) -> list[int]:
    """Tell the unit its dossier came back, and plan reminders of the return due date
    (unless the route opened a `unit_revise` task, whose own reminders cover it)."""
    title, body = messages.dossier_returned(dossier=dossier, step=step, reason=reason, due=due,
                                            labels=messages.step_labels())
    with transaction.atomic(savepoint=False):
        has_task = TaskDeadline.objects.filter(dossier=dossier, step=RETURN_STEP,
                                               finished_at__isnull=True).exists()
        if due and not has_task:
            schedule_return_reminders(dossier=dossier, due=due)
        return create_notices([
            Draft(recipient=user, kind=Notice.Kind.DOSSIER_RETURNED,
                  key=f"returned:{dossier.pk}:{step}:{due or ''}:{user.pk}", title=title,
                  body=body, dossier_id=dossier.pk)
            for user in recipients.unit_people(dossier)
        ], now=now)


def dossier_back_in_review(*, dossier) -> int:
    """Resubmitted or withdrawn: no more reminders of the return due date."""
    return cancel_return_reminders(dossier=dossier)


def notify_dossier_decided(*, dossier, outcome: str, decision=None,
                           now: datetime | None = None) -> list[int]:
    title, body = messages.dossier_decided(dossier=dossier, outcome=outcome, decision=decision)
    with transaction.atomic(savepoint=False):
        cancel_return_reminders(dossier=dossier)
        return create_notices([
            Draft(recipient=user, kind=Notice.Kind.DOSSIER_DECIDED,
                  key=f"decided:{dossier.pk}:{outcome}:{user.pk}", title=title, body=body,
                  dossier_id=dossier.pk)
            for user in recipients.unit_people(dossier)
        ], now=now)


def notify_nomination_rejected(*, nomination, step: str, reason: str = "",
                               now: datetime | None = None) -> list[int]:
    dossier = nomination.dossier
    title, body = messages.nomination_rejected(nomination=nomination, step=step, reason=reason,
                                               labels=messages.step_labels())
    with transaction.atomic(savepoint=False):
        return create_notices([
            Draft(recipient=user, kind=Notice.Kind.NOMINATION_REJECTED,
                  key=f"rejected:{nomination.pk}:{step}:{user.pk}", title=title, body=body,
                  dossier_id=dossier.pk)
            for user in recipients.unit_people(dossier)
        ], now=now)


# ---------------------------------------------------------------- demo only (load_demo)


def redate_demo_notices(*, dossier_ids: list[int], since, delta, historic: bool,
                        opened: list) -> None:
    """DEMO ONLY (workflows.demo.redate sends `demo_redated`). The notices the batch of
    moves wrote since `since` move by `delta`; `historic`: they were read then and are not
    e-mailed; otherwise the open steps' notice and reminders are planned again from their
    re-dated deadlines."""
    batch = Notice.objects.filter(dossier_id__in=dossier_ids, created_at__gte=since)
    if historic:
        batch.update(created_at=F("created_at") + delta, read_at=F("created_at") + delta,
                     email_state=Notice.Email.SKIPPED)
        return
    batch.update(created_at=F("created_at") + delta)
    for deadline in opened:
        if deadline.finished_at is not None:
            continue
        deadline.task.refresh_from_db(fields=["created"])  # re-dated by the demo
        Notice.objects.filter(deadline=deadline, kind=Notice.Kind.TASK_CREATED).delete()
        cancel_task_reminders(deadline=deadline)
        notify_task_created(
            task=deadline.task, deadline=deadline,
            recipients=route_selectors.task_recipients(deadline.task, deadline=deadline),
            now=deadline.task.created)
        Notice.objects.filter(deadline=deadline, kind=Notice.Kind.TASK_CREATED).update(
            created_at=deadline.task.created)  # auto_now_add dated them today


def settle_demo_notices(*, dossier_ids: list[int], when) -> int:
    """DEMO ONLY. The history's unread notices are dated `when`, read, not e-mailed."""
    return (Notice.objects.filter(dossier_id__in=dossier_ids, read_at__isnull=True)
            .update(created_at=when, read_at=when, email_state=Notice.Email.SKIPPED))
