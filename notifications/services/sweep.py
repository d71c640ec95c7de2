"""The beat's sweep: claim the due reminders, expand them into notices (planning the next
late one), resume interrupted e-mails, hand the waiting ones out (or send them here), send
the digests whose hour has passed. Also the daily intake job (`remind_intake`)."""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from nominations.choices import DossierStatus
from nominations.models import Dossier, Unit
from nominations.selectors import intake_deadlines
from workflows.models import TaskDeadline

from .. import messages, recipients
from ..models import Notice, Reminder
from ._common import (
    INTAKE_KINDS,
    RETURN_STEP,
    Calendars,
    Kind,
    backoff,
    claim_lease,
    int_setting,
    province_id_of,
    return_key,
    task_key,
)
from .email import resume_interrupted_emails, send_due_digests, send_pending_emails
from .notices import Draft, create_notices
from .planning import plan_intake_reminders

logger = logging.getLogger(__name__)


def send_cutoff(now: datetime) -> date:
    """Reminders planned up to this day are due: today once the day's send hour has come."""
    local = timezone.localtime(now)
    if local.hour >= int_setting("REMINDER_SEND_HOUR", 7):
        return local.date()
    return local.date() - timedelta(days=1)


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
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - claim_lease()))
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


def _plan_task_reminder(r: Reminder, today: date, cals: Calendars, labels,
                        people_now: dict[int, list] | None = None) -> _Plan:
    d = r.deadline
    # expand_claimed_reminders sends here only the rows with a deadline
    assert d is not None, f"task reminder {r.pk} has no deadline"
    if d.finished_at is not None:
        return _Plan("closed")
    if d.due_on != r.due_on:
        return _Plan("stale")
    cal = cals.of(province_id_of(d))
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
                key=task_key(d.pk, d.due_on, Kind.LATE, nxt), kind=Kind.LATE, deadline=d,
                dossier_id=r.dossier_id, due_on=d.due_on, send_on=nxt))
    if not people:
        plan.outcome = "no_recipient"
    plan.drafts = [Draft(recipient=u, kind=kind, key=f"rem:{r.pk}:{u.pk}", title=title,
                         body=body, dossier_id=r.dossier_id, deadline_id=d.pk,
                         reminder_id=r.pk) for u in people]
    return plan


def _plan_return_reminder(r: Reminder, today: date, cals: Calendars) -> _Plan:
    dossier = r.dossier
    # a returned dossier's reminders name it (schedule_return_reminders)
    assert dossier is not None, f"return reminder {r.pk} has no dossier"
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
            key=return_key(dossier.pk, r.due_on, Kind.RETURN_LATE, nxt),
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
    cals, labels = Calendars(), messages.step_labels()
    plans: dict[int, _Plan] = {}
    failures: dict[int, tuple[int, str]] = {}
    try:  # who to remind, for the whole batch at once
        people_now = recipients.task_people_many(
            [r.deadline for r in claimed if r.deadline is not None and r.kind != Kind.ESCALATE
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


@dataclass
class _IntakeBatch:
    sent: set[tuple[int, int]]
    deadlines: dict[tuple[int | None, int], date | None]
    officers: dict[int, list]


def _unit_of(r: Reminder) -> Unit:
    """An intake reminder's unit: plan_intake_reminders always names one."""
    assert r.unit is not None, f"intake reminder {r.pk} has no unit"
    return r.unit


def _intake_batch(reminders: list[Reminder]) -> _IntakeBatch | None:
    """What the intake reminders of one claimed batch need, in a fixed number of queries."""
    if not reminders:
        return None
    unit_ids = {r.unit_id for r in reminders}
    years = {r.due_on.year for r in reminders}
    sent = set(Dossier.objects.filter(unit_id__in=unit_ids, year__in=years,
                                      submitted_at__isnull=False)
               .values_list("unit_id", "year").distinct())
    provinces = {_unit_of(r).province_id for r in reminders}
    deadlines = {(pid, year): due for year in years
                 for pid, due in intake_deadlines(provinces, year).items()}
    return _IntakeBatch(sent=sent, deadlines=deadlines,
                        officers=recipients.unit_officers_many(unit_ids))


def _plan_intake_reminder(r: Reminder, today: date, cals: Calendars,
                          batch: _IntakeBatch | None) -> _Plan:
    if batch is None:
        raise RuntimeError("intake reminders of this batch could not be looked up")
    unit, year = _unit_of(r), r.due_on.year
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
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - claim_lease()))
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


def remind_intake(*, now: datetime | None = None, dispatch=None) -> dict:
    """The daily beat job: plan today's intake reminders, then run the sweep (claim and
    expand what is due, hand the e-mails out) so they go at once. Runs twice → sent once."""
    now = now or timezone.now()
    planned = plan_intake_reminders(today=timezone.localdate(now))
    return {"planned": planned, **sweep(now=now, dispatch=dispatch).as_dict()}
