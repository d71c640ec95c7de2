"""Writes of `notifications`: plan reminders, turn events and due reminders into notices,
send e-mails. Everything that sends claims its rows in the database first.

Exactly once but for one crash window (end of 3.), in three steps (docs/notifications.md § 5):

1. `claim_due_reminders` takes due `Reminder` rows with ``SELECT … FOR UPDATE SKIP LOCKED``
   and stamps them with a claim token. Two sweeps never get the same row; a claim older than
   the lease (``NOTIFICATIONS_CLAIM_LEASE_SECONDS``) is taken over, so a killed worker loses
   nothing.
2. `expand_claimed_reminders` turns the claimed rows into `Notice` rows and sets `sent_at`,
   in one transaction that re-checks the claim. `Notice.key` is unique, so even a replay
   adds no second notice. The next late reminder is planned in the same transaction.
3. `send_pending_emails` / `send_due_digests` claim notices the same way; just before the
   SMTP conversation a conditional UPDATE (still ours?) marks the notice `sending` under
   its Message-ID — fixed per notice (`<notice-<id>@…>`) or per digest (from the notices
   it carries) — and commits; it is marked `sent` right after the server accepted it. A
   failure before the conversation (no connection) releases the claim with a backoff
   (`email_next_at`). A notice still `sending` after a failed send (its backoff passed) or
   a crash (its claim older than the lease) is sent again by `resume_interrupted_emails`
   as the same message, same Message-ID. So: a notice never `sending` was never offered to
   the server (sent later, once); the one window left is a crash between the server's
   "250 OK" and the UPDATE (milliseconds), where the resend is a second copy under the
   same Message-ID — at least once there, recognisable, and flagged (`RESENT_NOTE`).
"""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from nominations.choices import DossierStatus
from nominations.models import Dossier, Province, Unit
from nominations.selectors import intake_deadlines
from workdays.calendar import WorkingCalendar, calendar_for
from workflows.models import TaskDeadline

from . import messages, recipients
from .models import Notice, Preference, Reminder

logger = logging.getLogger(__name__)

Kind = Reminder.Kind
RETURN_STEP = "unit_revise"


# ---------------------------------------------------------------- settings and clocks


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _lease() -> timedelta:
    return timedelta(seconds=_setting("NOTIFICATIONS_CLAIM_LEASE_SECONDS", 600))


def backoff(attempts: int) -> timedelta:
    """1, 2, 4 … minutes after each failed attempt, at most one hour."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


def send_cutoff(now: datetime) -> date:
    """Reminders planned up to this day are due: today once the day's send hour has come."""
    local = timezone.localtime(now)
    if local.hour >= _setting("REMINDER_SEND_HOUR", 7):
        return local.date()
    return local.date() - timedelta(days=1)


def next_digest_at(now: datetime) -> datetime:
    local = timezone.localtime(now)
    at = local.replace(hour=_setting("NOTIFICATIONS_DIGEST_HOUR", 7), minute=0, second=0,
                       microsecond=0)
    return at if at > local else at + timedelta(days=1)


class _Clock:
    """`now` that moves on from a given start (tests pass a fixed `now`)."""

    def __init__(self, start: datetime):
        self.start, self._t0 = start, time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._t0)


def _province_id(deadline: TaskDeadline) -> int | None:
    return getattr(deadline, "province_id", None) or deadline.dossier.unit.province_id


class _Calendars(dict):
    def of(self, province_id: int | None) -> WorkingCalendar:
        if province_id not in self:
            self[province_id] = calendar_for(province_id)
        return self[province_id]


# ---------------------------------------------------------------- planning reminders


def _task_key(deadline_id: int, due: date, kind: str, send_on: date | None = None) -> str:
    tail = f":{send_on:%Y%m%d}" if send_on else ""
    return f"t{deadline_id}:{due:%Y%m%d}:{kind}{tail}"


def _return_key(dossier_id: int, due: date, kind: str, send_on: date) -> str:
    return f"r{dossier_id}:{due:%Y%m%d}:{kind}:{send_on:%Y%m%d}"


def schedule_task_reminders(*, deadline: TaskDeadline, today: date | None = None) -> int:
    """Plan an open task's reminders: N working days before the due date, on it, on the first
    late day (each late reminder plans the next), and the escalation after M late days.
    Idempotent (unique keys); returns the number of rows planned."""
    if deadline.finished_at is not None:
        return 0
    today = today or timezone.localdate()
    cal = calendar_for(_province_id(deadline))
    due = deadline.due_on
    first_possible = cal.next_working_day(today)
    rows: list[Reminder] = []

    def add(kind: str, send_on: date, key: str) -> None:
        rows.append(Reminder(key=key, kind=kind, deadline=deadline,
                             dossier_id=deadline.dossier_id, due_on=due, send_on=send_on))

    days_before = _setting("REMINDER_DAYS_BEFORE", 2)
    if days_before > 0:
        before = cal.subtract_working_days(due, days_before)
        if before > deadline.started_on and before >= today:
            add(Kind.BEFORE, before, _task_key(deadline.pk, due, Kind.BEFORE, before))
    if due >= today:
        add(Kind.DUE, due, _task_key(deadline.pk, due, Kind.DUE, due))
    first_late = max(cal.add_working_days(due, 1), first_possible)
    add(Kind.LATE, first_late, _task_key(deadline.pk, due, Kind.LATE, first_late))
    late_days = _setting("ESCALATE_AFTER_LATE_DAYS", 3)
    if late_days > 0:
        escalate_on = max(cal.add_working_days(due, late_days), first_possible)
        add(Kind.ESCALATE, escalate_on, _task_key(deadline.pk, due, Kind.ESCALATE))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _delete_pending(reminders) -> int:
    """Delete pending reminders in one statement. No notice points at a pending reminder
    (a reminder's notices are written in the transaction that marks it sent), so the
    ORM's cascade (select the rows, null the notices' link, then delete) is not needed."""
    return reminders.filter(sent_at__isnull=True)._raw_delete(reminders.db)


def cancel_task_reminders(*, deadline: TaskDeadline) -> int:
    """A closed task is reminded of no more (pending rows are deleted)."""
    return _delete_pending(Reminder.objects.filter(deadline=deadline))


def schedule_return_reminders(*, dossier, due: date, today: date | None = None) -> int:
    """Plan the unit's reminders of a returned dossier's `return_due` (DL-RETURN)."""
    today = today or timezone.localdate()
    cal = calendar_for(dossier.unit.province_id)
    rows: list[Reminder] = []

    def add(kind: str, send_on: date) -> None:
        rows.append(Reminder(key=_return_key(dossier.pk, due, kind, send_on), kind=kind,
                             dossier=dossier, due_on=due, send_on=send_on))

    days_before = _setting("REMINDER_DAYS_BEFORE", 2)
    if days_before > 0:
        before = cal.subtract_working_days(due, days_before)
        if before > today:
            add(Kind.RETURN_BEFORE, before)
    if due >= today:
        add(Kind.RETURN_DUE, due)
    add(Kind.RETURN_LATE, max(cal.add_working_days(due, 1), cal.next_working_day(today)))
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def cancel_return_reminders(*, dossier) -> int:
    return _delete_pending(Reminder.objects.filter(dossier=dossier, deadline__isnull=True))


# ---------------------------------------------------------------- notices


@dataclass
class Draft:
    """A notice about to be written (one person, one message)."""

    recipient: object
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


def notify_task_assigned(*, task, deadline: TaskDeadline, user, by=None, actor=None,
                         now: datetime | None = None) -> list[int]:
    """A task was given to `user` by someone else; taking it yourself needs no notice.

    `by` is how (the route sends "self", "head", "delegation"), `actor` who did it."""
    if user is None or by == "self":
        return []
    if actor is None and by is not None and not isinstance(by, str):
        actor = by  # a User given as `by`
    if actor is not None and getattr(actor, "pk", None) == user.pk:
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


# ---------------------------------------------------------------- due reminders


def claim_due_reminders(*, now: datetime | None = None,
                        limit: int = 500) -> tuple[uuid.UUID | None, int]:
    """Claim up to `limit` due reminders for this caller; returns (token, count).

    Reads the partial index on `send_on` (pending rows only): the cost depends on what is
    due, not on how many tasks are open."""
    now = now or timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            Reminder.objects.filter(sent_at__isnull=True, send_on__lte=send_cutoff(now))
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - _lease()))
            .filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
            .order_by("send_on", "id")
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)[:limit]
        )
        if not ids:
            return None, 0
        Reminder.objects.filter(id__in=ids).update(claim=token, claimed_at=now,
                                                   attempts=F("attempts") + 1)
    return token, len(ids)


@dataclass
class _Plan:
    outcome: str
    drafts: list[Draft] = field(default_factory=list)
    follow_ups: list[Reminder] = field(default_factory=list)


def _plan_task_reminder(r: Reminder, today: date, cals: _Calendars, labels,
                        people_now: dict[int, list] | None = None) -> _Plan:
    d = r.deadline
    if d.finished_at is not None:
        return _Plan("closed")
    if d.due_on != r.due_on:
        return _Plan("stale")
    cal = cals.of(_province_id(d))
    late_days = cal.working_days_between(d.due_on, today) if today > d.due_on else 0
    plan = _Plan("sent")
    if r.kind == Kind.ESCALATE:
        people = recipients.step_heads(d)
        title, body = messages.escalation(step=d.step, dossier=r.dossier, due_on=d.due_on,
                                          late_days=late_days,
                                          assignees=recipients.task_people(d), labels=labels)
        kind = Notice.Kind.ESCALATION
    else:
        if people_now is not None and d.pk in people_now:
            people = people_now[d.pk]
        else:
            people = recipients.task_people(d)
        days_left = cal.working_days_between(today, d.due_on) if today < d.due_on else 0
        title, body = messages.task_reminder(kind=r.kind, step=d.step, dossier=r.dossier,
                                             due_on=d.due_on, days_left=days_left,
                                             late_days=late_days, labels=labels)
        kind = Notice.Kind.REMINDER
        if r.kind == Kind.LATE:
            nxt = cal.add_working_days(max(r.send_on, today), 1)
            plan.follow_ups.append(Reminder(
                key=_task_key(d.pk, d.due_on, Kind.LATE, nxt), kind=Kind.LATE, deadline=d,
                dossier_id=r.dossier_id, due_on=d.due_on, send_on=nxt))
    if not people:
        plan.outcome = "no_recipient"
    plan.drafts = [Draft(recipient=u, kind=kind, key=f"rem:{r.pk}:{u.pk}", title=title,
                         body=body, dossier_id=r.dossier_id, deadline_id=d.pk,
                         reminder_id=r.pk) for u in people]
    return plan


def _plan_return_reminder(r: Reminder, today: date, cals: _Calendars) -> _Plan:
    dossier = r.dossier
    if dossier.status != DossierStatus.RETURNED or dossier.return_due != r.due_on:
        return _Plan("stale")
    if TaskDeadline.objects.filter(dossier=dossier, step=RETURN_STEP,
                                   finished_at__isnull=True).exists():
        return _Plan("covered_by_task")
    cal = cals.of(dossier.unit.province_id)
    late_days = cal.working_days_between(r.due_on, today) if today > r.due_on else 0
    days_left = cal.working_days_between(today, r.due_on) if today < r.due_on else 0
    title, body = messages.return_reminder(kind=r.kind, dossier=dossier, due_on=r.due_on,
                                           days_left=days_left, late_days=late_days)
    people = recipients.unit_people(dossier)
    plan = _Plan("sent" if people else "no_recipient")
    plan.drafts = [Draft(recipient=u, kind=Notice.Kind.RETURN_REMINDER, key=f"rem:{r.pk}:{u.pk}",
                         title=title, body=body, dossier_id=dossier.pk, reminder_id=r.pk)
                   for u in people]
    if r.kind == Kind.RETURN_LATE:
        nxt = cal.add_working_days(max(r.send_on, today), 1)
        plan.follow_ups.append(Reminder(
            key=_return_key(dossier.pk, r.due_on, Kind.RETURN_LATE, nxt),
            kind=Kind.RETURN_LATE, dossier=dossier, due_on=r.due_on, send_on=nxt))
    return plan


def expand_claimed_reminders(*, token: uuid.UUID, now: datetime | None = None) -> int:
    """Turn the reminders claimed with `token` into notices; returns how many were done."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    claimed = list(
        Reminder.objects.filter(claim=token, sent_at__isnull=True)
        .select_related("deadline__assigned_to", "deadline__task", "dossier__unit", "unit")
        .order_by("send_on", "id")
    )
    if not claimed:
        return 0
    cals, labels = _Calendars(), messages.step_labels()
    plans: dict[int, _Plan] = {}
    failures: dict[int, tuple[int, str]] = {}
    try:  # who to remind, for the whole batch at once
        people_now = recipients.task_people_many(
            [r.deadline for r in claimed if r.deadline_id and r.kind != Kind.ESCALATE
             and r.deadline.finished_at is None])
    except Exception:  # fall back to one by one, where a bad row only fails itself
        logger.exception("Batch recipient lookup failed; resolving one by one")
        people_now = None
    intake = None
    try:  # the units' intake reminders: sent dossiers, officers, dates, for the batch at once
        intake = _intake_batch([r for r in claimed if r.kind in INTAKE_KINDS])
    except Exception:  # their rows fail below and are retried later
        logger.exception("Batch lookup of intake reminders failed")
    for r in claimed:
        try:
            if r.kind in INTAKE_KINDS:
                plans[r.pk] = _plan_intake_reminder(r, today, cals, intake)
            elif r.deadline_id:
                plans[r.pk] = _plan_task_reminder(r, today, cals, labels, people_now)
            else:
                plans[r.pk] = _plan_return_reminder(r, today, cals)
        except Exception as exc:  # one bad row must not hold back the others
            logger.exception("Reminder %s could not be prepared", r.pk)
            failures[r.pk] = (r.attempts, repr(exc))

    with transaction.atomic():
        locked = set(Reminder.objects.select_for_update()
                     .filter(pk__in=list(plans), claim=token, sent_at__isnull=True)
                     .values_list("pk", flat=True))
        mine = [pk for pk in plans if pk in locked]  # in send_on order
        create_notices([d for pk in mine for d in plans[pk].drafts], now=now)
        Reminder.objects.bulk_create([f for pk in mine for f in plans[pk].follow_ups],
                                     ignore_conflicts=True)
        by_outcome: dict[str, list[int]] = defaultdict(list)
        for pk in mine:
            by_outcome[plans[pk].outcome].append(pk)
        for outcome, pks in by_outcome.items():
            Reminder.objects.filter(pk__in=pks).update(sent_at=now, outcome=outcome,
                                                       claim=None)
    for pk, (attempts, error) in failures.items():
        Reminder.objects.filter(pk=pk, claim=token).update(
            claim=None, claimed_at=None, retry_at=now + backoff(attempts), last_error=error)
    return len(mine)


# ---------------------------------------------------------------- the province's intake date


INTAKE_KINDS = (Kind.INTAKE_BEFORE, Kind.INTAKE_DUE)


def _intake_key(unit_id: int, year: int, kind: str) -> str:
    """One reminder per unit, achievement year and kind — whatever the date becomes."""
    return f"i{unit_id}:{year}:{kind}"


def _sent_dossier(year: int):
    return Dossier.objects.filter(unit=OuterRef("pk"), year=year, submitted_at__isnull=False)


def plan_intake_reminders(*, today: date | None = None) -> int:
    """Plan today's reminders of the provinces' intake dates (DL-PROVINCE): for each unit
    that has not sent a dossier of the year, `INTAKE_REMINDER_DAYS_BEFORE` (5) working days
    before its province's date and on the date itself. Only provinces whose date is near are
    looked at; units are selected in one query per (year, kind, date) — never one per unit.
    Idempotent: one row per unit/year/kind (unique key), and rows already planned are not
    selected again. Returns the number of rows written. A run missed on the "before" day is
    caught up until the date (the row keeps its planned `send_on`)."""
    today = today or timezone.localdate()
    days_before = _setting("INTAKE_REMINDER_DAYS_BEFORE", 5)
    horizon = today + timedelta(days=2 * max(days_before, 0) + 31)  # enough for Tết
    province_ids = list(Province.objects.values_list("pk", flat=True))
    cals = _Calendars()
    groups: dict[tuple[int, str, date, date], list[int]] = defaultdict(list)
    for year in sorted({today.year, horizon.year}):
        for pid, due in intake_deadlines(province_ids, year).items():
            if pid is None or due is None or not today <= due <= horizon:
                continue
            if due == today:
                groups[(year, Kind.INTAKE_DUE, due, due)].append(pid)
            elif days_before > 0:
                before = cals.of(pid).subtract_working_days(due, days_before)
                if before <= today:
                    groups[(year, Kind.INTAKE_BEFORE, due, before)].append(pid)
    rows: list[Reminder] = []
    for (year, kind, due, send_on), pids in groups.items():
        planned = Reminder.objects.filter(unit=OuterRef("pk"), kind=kind, due_on__year=year)
        unit_ids = (Unit.objects.filter(province_id__in=pids)
                    .exclude(Exists(_sent_dossier(year))).exclude(Exists(planned))
                    .values_list("pk", flat=True))
        rows += [Reminder(key=_intake_key(uid, year, kind), kind=kind, unit_id=uid,
                          due_on=due, send_on=send_on) for uid in unit_ids]
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


@dataclass
class _IntakeBatch:
    sent: set[tuple[int, int]]
    deadlines: dict[tuple[int | None, int], date | None]
    officers: dict[int, list]


def _intake_batch(reminders: list[Reminder]) -> _IntakeBatch | None:
    """What the intake reminders of one claimed batch need, in a fixed number of queries."""
    if not reminders:
        return None
    unit_ids = {r.unit_id for r in reminders}
    years = {r.due_on.year for r in reminders}
    sent = set(Dossier.objects.filter(unit_id__in=unit_ids, year__in=years,
                                      submitted_at__isnull=False)
               .values_list("unit_id", "year").distinct())
    provinces = {r.unit.province_id for r in reminders}
    deadlines = {(pid, year): due for year in years
                 for pid, due in intake_deadlines(provinces, year).items()}
    return _IntakeBatch(sent=sent, deadlines=deadlines,
                        officers=recipients.unit_officers_many(unit_ids))


def _plan_intake_reminder(r: Reminder, today: date, cals: _Calendars,
                          batch: _IntakeBatch | None) -> _Plan:
    if batch is None:
        raise RuntimeError("intake reminders of this batch could not be looked up")
    unit, year = r.unit, r.due_on.year
    if (unit.pk, year) in batch.sent:
        return _Plan("already_sent")
    if batch.deadlines.get((unit.province_id, year)) != r.due_on:
        return _Plan("stale")  # the province changed its date
    if today > r.due_on or (r.kind == Kind.INTAKE_BEFORE and today == r.due_on):
        return _Plan("stale")  # sent too late to say "còn N ngày" / "hôm nay"
    cal = cals.of(unit.province_id)
    days_left = cal.working_days_between(today, r.due_on) if today < r.due_on else 0
    title, body = messages.intake_reminder(kind=r.kind, unit=unit, year=year, due_on=r.due_on,
                                           days_left=days_left)
    people = batch.officers.get(unit.pk, [])
    plan = _Plan("sent" if people else "no_recipient")
    url = reverse("khenthuong:dossiers:index")
    plan.drafts = [Draft(recipient=u, kind=Notice.Kind.INTAKE_REMINDER, key=f"rem:{r.pk}:{u.pk}",
                         title=title, body=body, url=url, reminder_id=r.pk) for u in people]
    return plan


def remind_intake(*, now: datetime | None = None, dispatch=None) -> dict:
    """The daily beat job: plan today's intake reminders, then run the sweep (claim and
    expand what is due, hand the e-mails out) so they go at once. Runs twice → sent once."""
    now = now or timezone.now()
    planned = plan_intake_reminders(today=timezone.localdate(now))
    return {"planned": planned, **sweep(now=now, dispatch=dispatch).as_dict()}


# ---------------------------------------------------------------- e-mail


def _absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL.rstrip("/") + path


def _mail_domain() -> str:
    return settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip("> ") or "khenthuong.local"


def _email_context(recipient, **extra) -> dict:
    return {
        "recipient": recipient,
        "site_url": settings.SITE_URL.rstrip("/"),
        "centre_url": _absolute(reverse("khenthuong:notifications:index")),
        "preferences_url": _absolute(reverse("khenthuong:notifications:preferences")),
        **extra,
    }


def _render(name: str, context: dict) -> tuple[str, str, str]:
    with translation.override("vi"):
        subject = render_to_string(f"notifications/email/{name}_subject.txt", context)
        text = render_to_string(f"notifications/email/{name}.txt", context)
        html = render_to_string(f"notifications/email/{name}.html", context)
    return " ".join(subject.split()), text, html


def notice_message_id(notice: Notice) -> str:
    """The Message-ID of a notice's own e-mail: the same at every attempt."""
    return f"<notice-{notice.pk}@{_mail_domain()}>"


def digest_message_id(recipient_id: int, notice_ids: list[int]) -> str:
    """A digest's Message-ID follows the notices it carries: sent again, the same digest
    keeps it."""
    ids = ",".join(str(pk) for pk in sorted(notice_ids))
    digest = hashlib.sha256(ids.encode()).hexdigest()[:20]
    return f"<digest-{recipient_id}-{digest}@{_mail_domain()}>"


def notice_email(notice: Notice, connection=None, message_id: str = ""
                 ) -> EmailMultiAlternatives:
    link = _absolute(reverse("khenthuong:notifications:open", args=[notice.pk]))
    subject, text, html = _render("notice", _email_context(notice.recipient, notice=notice,
                                                           link=link))
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [notice.recipient.email],
        connection=connection,
        headers={"Message-ID": message_id or notice_message_id(notice)},
    )
    message.attach_alternative(html, "text/html")
    return message


def digest_email(recipient, notices: list[Notice], message_id: str,
                 connection=None) -> EmailMultiAlternatives:
    items = [(n, _absolute(reverse("khenthuong:notifications:open", args=[n.pk])))
             for n in notices]
    subject, text, html = _render("digest", _email_context(recipient, items=items,
                                                           count=len(items)))
    message = EmailMultiAlternatives(
        subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email], connection=connection,
        headers={"Message-ID": message_id},
    )
    message.attach_alternative(html, "text/html")
    return message


# Left on a notice whose e-mail went out on a later attempt of a message already tried: the
# operator's sign that the person may hold two copies with the same Message-ID.
RESENT_NOTE = ("Thư được gửi lại sau một lần gửi bị gián đoạn hoặc lỗi (cùng Message-ID). "
               "Nếu lần trước máy chủ thư đã nhận, người nhận có thể có hai bản trùng "
               "Message-ID.")


def _release(pks: list[int], token: uuid.UUID, now: datetime, error: Exception,
             state_after: str) -> None:
    """Give claimed notices back after a failed send: retry later, or stop after the limit.
    `state_after` is `sending` when the SMTP conversation had begun: the retry is then the
    same message (same notices, same Message-ID), never a new one."""
    max_attempts = _setting("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", 20)
    for notice in Notice.objects.filter(pk__in=pks, email_claim=token).only("pk",
                                                                         "email_attempts"):
        failed = notice.email_attempts >= max_attempts
        Notice.objects.filter(pk=notice.pk, email_claim=token).update(
            email_claim=None, email_claimed_at=None,
            email_state=Notice.Email.FAILED if failed else state_after,
            email_next_at=None if failed else now + backoff(notice.email_attempts),
            email_error=repr(error)[:2000],
        )


def _claim_notices(base, *, token: uuid.UUID, now: datetime, limit: int,
                   sending_as=None) -> list[int]:
    """Claim up to `limit` notices of `base` that are due and not held by a live claim.
    `sending_as(pks) -> Message-ID`, when given, marks them `sending` under that Message-ID
    in the same transaction (a digest: the message is fixed before it is sent)."""
    with transaction.atomic():
        pks = list(
            base.filter(email_next_at__lte=now)
            .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - _lease()))
            .order_by("email_next_at", "id")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if pks:
            sending = ({"email_state": Notice.Email.SENDING,
                        "email_message_id": sending_as(pks)} if sending_as else {})
            Notice.objects.filter(pk__in=pks).update(
                email_claim=token, email_claimed_at=now,
                email_attempts=F("email_attempts") + 1, **sending)
    return pks


def _deliver(message: EmailMultiAlternatives, pks: list[int], token: uuid.UUID,
             clock: _Clock, *, note: str = "") -> bool:
    """Send one message for notices already marked `sending` under its Message-ID (and
    committed), then mark them `sent`. On failure they stay `sending` — the server may have
    taken the message — and `resume_interrupted_emails` sends the same message again after
    the backoff."""
    try:
        message.send()
    except Exception as exc:
        logger.warning("E-mail %s failed: %r", message.extra_headers.get("Message-ID"), exc)
        _release(pks, token, clock(), exc, Notice.Email.SENDING)
        return False
    Notice.objects.filter(pk__in=pks, email_claim=token, email_state=Notice.Email.SENDING
                          ).update(email_state=Notice.Email.SENT, emailed_at=clock(),
                                   email_claim=None, email_error=note)
    return True


def send_pending_emails(*, now: datetime | None = None, limit: int = 100,
                        notice_ids: list[int] | None = None,
                        max_batches: int = 50) -> tuple[int, int]:
    """Send the e-mails of notices waiting for one; returns (sent, failed)."""
    clock = _Clock(now or timezone.now())
    sent = failed = 0
    for _batch in range(max_batches):
        token = uuid.uuid4()
        base = Notice.objects.filter(email_state=Notice.Email.PENDING)
        if notice_ids is not None:
            base = base.filter(pk__in=notice_ids)
        pks = _claim_notices(base, token=token, now=clock.start, limit=limit)
        if not pks:
            break
        ok, bad = _send_claimed(pks, token, clock)
        sent, failed = sent + ok, failed + bad
        if notice_ids is not None or (bad and not ok):
            break  # one batch for explicit ids; and stop while the server is down
    return sent, failed


def _send_claimed(pks: list[int], token: uuid.UUID, clock: _Clock) -> tuple[int, int]:
    notices = list(Notice.objects.filter(pk__in=pks, email_claim=token)
                   .select_related("recipient").order_by("pk"))
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception as exc:
        logger.warning("SMTP unavailable, %s e-mail(s) will be retried: %r", len(notices), exc)
        _release([n.pk for n in notices], token, clock(), exc, Notice.Email.PENDING)
        return 0, len(notices)
    sent = failed = 0
    try:
        for notice in notices:
            message_id = notice_message_id(notice)
            # Still ours? Then `sending`, committed before the SMTP conversation begins (this
            # also renews the claim: a slow batch is never taken over mid-way).
            if not Notice.objects.filter(pk=notice.pk, email_claim=token,
                                         email_state=Notice.Email.PENDING
                                         ).update(email_state=Notice.Email.SENDING,
                                                  email_message_id=message_id,
                                                  email_claimed_at=clock()):
                continue
            if _deliver(notice_email(notice, connection, message_id), [notice.pk], token,
                        clock):
                sent += 1
            else:
                failed += 1
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection
            pass
    return sent, failed


def send_due_digests(*, now: datetime | None = None, limit: int = 200) -> int:
    """One e-mail per person who chose the daily digest, with every notice waiting for it.
    The digest's notices are marked `sending` under its Message-ID when they are claimed."""
    clock = _Clock(now or timezone.now())
    now = clock.start
    people = list(
        Notice.objects.filter(email_state=Notice.Email.DIGEST, email_next_at__lte=now)
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - _lease()))
        .order_by().values_list("recipient_id", flat=True).distinct()[:limit]
    )
    sent = 0
    for recipient_id in people:
        token = uuid.uuid4()
        base = Notice.objects.filter(email_state=Notice.Email.DIGEST, recipient_id=recipient_id)
        pks = _claim_notices(base, token=token, now=now, limit=500,
                             sending_as=partial(digest_message_id, recipient_id))
        if not pks:
            continue
        notices = list(Notice.objects.filter(pk__in=pks, email_claim=token)
                       .select_related("recipient").order_by("created_at", "pk"))
        message = digest_email(notices[0].recipient, notices, notices[0].email_message_id)
        sent += _deliver(message, pks, token, clock)
    return sent


def resume_interrupted_emails(*, now: datetime | None = None, limit: int = 100
                              ) -> tuple[int, int]:
    """Send again the e-mails left `sending`: by a sender that died during the SMTP
    conversation (claim older than the lease), or after a failed send once its backoff has
    passed. The server may already have accepted them, so each goes again exactly as it
    was tried — the same notices, the same Message-ID — and the notices keep `RESENT_NOTE`
    (at least once in that window; nothing is lost). Returns (sent, failed)."""
    clock = _Clock(now or timezone.now())
    now = clock.start
    due = (Notice.objects.filter(email_state=Notice.Email.SENDING, email_next_at__lte=now)
           .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - _lease())))
    message_ids = list(due.order_by().values_list("email_message_id", flat=True)
                       .distinct()[:limit])
    sent = failed = 0
    for message_id in message_ids:
        token = uuid.uuid4()
        with transaction.atomic():
            # waits for a concurrent resumer, then re-reads: the message is resumed once
            pks = list(due.filter(email_message_id=message_id).order_by("pk")
                       .select_for_update().values_list("pk", flat=True))
            if not pks:
                continue
            Notice.objects.filter(pk__in=pks).update(
                email_claim=token, email_claimed_at=clock(),
                email_attempts=F("email_attempts") + 1)
        notices = list(Notice.objects.filter(pk__in=pks).select_related("recipient")
                       .order_by("created_at", "pk"))
        if len(notices) == 1 and message_id.startswith(f"<notice-{notices[0].pk}@"):
            message = notice_email(notices[0], message_id=message_id)
        else:
            message = digest_email(notices[0].recipient, notices, message_id)
        if _deliver(message, pks, token, clock, note=RESENT_NOTE):
            sent += 1
        else:
            failed += 1
    return sent, failed


# ---------------------------------------------------------------- the sweep


@dataclass
class SweepResult:
    reminders: int = 0
    emails_dispatched: int = 0
    emails_sent: int = 0
    emails_failed: int = 0
    emails_resent: int = 0
    digests: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def pending_email_ids(*, now: datetime | None = None, limit: int = 5000) -> list[int]:
    """Notices whose e-mail may go now (unclaimed, or claimed by someone past the lease)."""
    now = now or timezone.now()
    return list(
        Notice.objects.filter(email_state=Notice.Email.PENDING, email_next_at__lte=now)
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - _lease()))
        .order_by("email_next_at", "id").values_list("pk", flat=True)[:limit]
    )


def sweep(*, now: datetime | None = None, batch: int = 500, email_batch: int = 50,
          max_batches: int = 100, dispatch=None) -> SweepResult:
    """The beat's job: due reminders → notices, e-mails left `sending` by a crash or a
    failed send (sent again as they were), then the e-mails waiting to go.

    `dispatch(ids) -> bool`, when given (the Celery task passes one), hands the e-mails out
    in chunks of `email_batch` to be sent elsewhere (in parallel by the workers); each chunk
    is claimed by whoever sends it, so a chunk handed out twice is still sent once. Without
    it — or if handing out fails (False or an error: broker down) — the e-mails are sent
    here."""
    now = now or timezone.now()
    result = SweepResult()
    for _ in range(max_batches):
        token, _count = claim_due_reminders(now=now, limit=batch)
        if token is None:
            break
        result.reminders += expand_claimed_reminders(token=token, now=now)
    result.emails_resent, resend_failed = resume_interrupted_emails(now=now)
    result.emails_failed += resend_failed
    if dispatch is not None:
        ids = pending_email_ids(now=now)
        for start in range(0, len(ids), email_batch):
            chunk = ids[start:start + email_batch]
            try:
                handed_out = dispatch(chunk) is not False
            except Exception:
                logger.warning("Handing e-mails out failed", exc_info=True)
                handed_out = False
            if not handed_out:
                logger.warning("Could not hand e-mails out; sending them in the sweep")
                dispatch = None
                break
            result.emails_dispatched += len(chunk)
    if dispatch is None:
        sent, failed = send_pending_emails(now=now, limit=email_batch, max_batches=max_batches)
        result.emails_sent, result.emails_failed = sent, result.emails_failed + failed
    result.digests = send_due_digests(now=now)
    return result


# ---------------------------------------------------------------- the notification centre


def mark_read(*, user, notice_id: int, now: datetime | None = None) -> bool:
    return bool(Notice.objects.filter(pk=notice_id, recipient=user, read_at__isnull=True)
                .update(read_at=now or timezone.now()))


def mark_all_read(*, user, now: datetime | None = None) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now or timezone.now())


def set_preference(*, user, email_enabled: bool, delivery: str) -> Preference:
    pref, _ = Preference.objects.update_or_create(
        user=user, defaults={"email_enabled": email_enabled, "delivery": delivery})
    return pref


# ---------------------------------------------------------------- demo only (load_demo)


def redate_demo_notices(*, dossier_ids: list[int], since, delta, historic: bool,
                        opened: list) -> None:
    """DEMO ONLY (workflows.demo.redate sends `demo_redated`). The notices the batch of
    moves wrote since `since` move by `delta`; `historic`: they were read then and are not
    e-mailed; otherwise the open steps' notice and reminders are planned again from their
    re-dated deadlines."""
    from workflows import selectors as route_selectors

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
