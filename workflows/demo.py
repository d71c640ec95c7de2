"""DEMO ONLY (`manage.py load_demo`): move demo dossiers along the route, and date what a
move wrote as if it had happened on another day. Nothing in the application calls this.

`advance` completes the open task of a dossier with the services a user's click calls
(complete_review, approve_appraisal, complete_decision, sign_decision with a placeholder
signed PDF), acting as the first user the task
is offered to, step after step until the dossier waits at the wanted step: the route
(RouteFlow) decides what comes next, so added review steps are walked through as well (a
step of another kind stops the demo loudly: DemoRouteError).

`redate` is the demo's clock: there is no clock to set back in the services (they read
timezone.now()), so after a batch of moves the rows it wrote — timeline events, viewflow's
tasks and process, the deadlines, the decision's record, the dossier's own times, the
notices — are moved to the day the demo says it happened. A step opened then keeps its
length in working days (due date from the calendar), so a step opened long enough ago is
overdue exactly as it would be; its notice and reminders are planned again from the new
dates by notifications, which listens to `signals.demo_redated` (nothing here imports it).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone
from viewflow.workflow.models import Task

from nominations.choices import NominationStatus
from nominations.models import Decision, Dossier, DossierEvent, Nomination
from workdays.calendar import calendar_for

from . import selectors, services
from .models import DossierProcess, TaskDeadline
from .steps import (
    BOARD_HEAD_APPROVAL,
    COMMITTEE_DECISION,
    COMMITTEE_SIGN,
    FORWARD,
    RETURNED,
    REVIEW_STEPS,
    UNIT_REVISE,
)

# A one-page placeholder PDF: the demo's stand-in for each scanned document and for the
# signed decision (a real file goes through the same upload checks)
DEMO_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class DemoRouteError(RuntimeError):
    """The demo met a step it cannot complete, or nobody to complete it."""


def _pdf(name: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def attach_required_documents(*, user, dossier: Dossier) -> int:
    """Upload a placeholder PDF for each document the dossier still lacks (the tờ trình,
    the minutes, each nominee's report…), through the upload service the dossier page
    uses, so that the dossier may be sent and signed. Returns how many were attached."""
    from nominations import services as dossiers
    from nominations.catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS

    have = set(dossier.attachments.values_list("nomination_id", "kind"))
    wanted = [(None, kind) for kind in DOSSIER_DOCUMENTS]
    for nomination in (dossier.nominations.filter(status=NominationStatus.ACTIVE)
                       .select_related("award").order_by("pk")):
        wanted += [(nomination, kind)
                   for kind in NOMINATION_DOCUMENTS.get(nomination.award.code, ())]
    attached = 0
    for nomination, kind in wanted:
        if (nomination.pk if nomination else None, kind) in have:
            continue
        dossiers.attach_file(user=user, dossier=dossier, kind=kind, nomination=nomination,
                             uploaded=_pdf(f"{kind}.pdf"))
        attached += 1
    return attached


def open_deadline(dossier: Dossier) -> TaskDeadline | None:
    return (TaskDeadline.objects.select_related("task", "dossier")
            .filter(dossier=dossier, finished_at__isnull=True).order_by("pk").first())


def actor_for(deadline: TaskDeadline):
    """The first user the task is offered to (its role in its unit / bloc / province)."""
    user = selectors.eligible_users(deadline).first()
    if user is None:
        raise DemoRouteError(f"no demo user may act on {deadline.step} of {deadline.dossier}")
    return user


def advance(dossier: Dossier, *, until: str | None, decision: dict | None = None
            ) -> TaskDeadline | None:
    """Approve every step of `dossier` (already sent) until its open task is at step `until`
    (returned), or to the end of the route (`until=None`; the committee records `decision`:
    number, date, signer — every active nomination awarded unless `awarded_ids` says)."""
    while True:
        deadline = open_deadline(dossier)
        if deadline is None or deadline.step == until:
            return deadline
        user = actor_for(deadline)
        if deadline.step == COMMITTEE_DECISION:
            if decision is None:
                raise DemoRouteError(f"{dossier} reached the decision without one")
            awarded = decision.get("awarded_ids") or set(
                dossier.nominations.filter(status=NominationStatus.ACTIVE)
                .values_list("pk", flat=True))
            services.complete_decision(user=user, task=deadline.task,
                                       **{**decision, "awarded_ids": awarded})
        elif deadline.step == COMMITTEE_SIGN:
            services.sign_decision(user=user, task=deadline.task,
                                   signed_file=_pdf("quyet-dinh-da-ky.pdf"))
        elif deadline.step == BOARD_HEAD_APPROVAL:
            services.approve_appraisal(user=user, task=deadline.task, action=services.APPROVE)
        elif deadline.step in REVIEW_STEPS:
            services.complete_review(user=user, task=deadline.task, action=FORWARD)
        else:
            raise DemoRouteError(f"the demo cannot complete step {deadline.step}")


def return_at(dossier: Dossier, step: str, *, reason: str, days: int) -> TaskDeadline:
    """Advance `dossier` to `step`, whose reviewer returns it to the unit with `reason`
    and `days` working days to revise it. Returns the unit's revision task."""
    deadline = advance(dossier, until=step)
    if deadline is None:
        raise DemoRouteError(f"{dossier} never reached {step}")
    services.complete_review(user=actor_for(deadline), task=deadline.task, action=RETURNED,
                             return_reason=reason, return_days=days)
    revise = open_deadline(dossier)
    if revise is None or revise.step != UNIT_REVISE:
        raise DemoRouteError(f"{dossier} was not returned to its unit")
    return revise


# ---------------------------------------------------------------- the demo's clock


def _shift(queryset, fields: Iterable[str], since: datetime, delta) -> None:
    for name in fields:
        queryset.filter(**{f"{name}__gte": since}).update(**{name: F(name) + delta})


def redate(dossier_ids: Iterable[int], *, since: datetime, when: datetime,
           historic: bool = False) -> None:
    """DEMO ONLY. What the route wrote for these dossiers since `since` (a moment before the
    batch of moves) happened at `when` instead: every time stamp written since is moved by
    `when - since` (order and gaps kept); the deadlines opened get the new day as start and
    the same number of working days to their due date. `historic`: the batch's notices were
    read long ago (and their e-mail is not sent); otherwise the open tasks' notices and
    reminders are planned again from their new dates."""
    from . import signals

    ids = list(dossier_ids)
    delta = when - since
    opened = list(TaskDeadline.objects.select_related("task", "dossier", "dossier__unit")
                  .filter(dossier_id__in=ids, task__created__gte=since))
    processes = DossierProcess.objects.filter(
        artifact_content_type=ContentType.objects.get_for_model(Dossier),
        artifact_object_id__in=ids)
    _shift(DossierEvent.objects.filter(dossier_id__in=ids), ["at"], since, delta)
    _shift(Dossier.objects.filter(pk__in=ids), ["created_at", "updated_at", "submitted_at"],
           since, delta)
    _shift(Nomination.objects.filter(dossier_id__in=ids), ["created_at", "updated_at"],
           since, delta)
    _shift(Decision.objects.filter(dossier_id__in=ids), ["recorded_at"], since, delta)
    _shift(Task.objects.filter(process__in=processes),
           ["created", "assigned", "started", "finished"], since, delta)
    _shift(processes, ["created", "finished"], since, delta)
    _shift(TaskDeadline.objects.filter(dossier_id__in=ids), ["assigned_at", "finished_at"],
           since, delta)
    day = timezone.localdate(when)
    for deadline in opened:
        calendar = calendar_for(deadline.province_id)
        length = calendar.working_days_between(deadline.started_on, deadline.due_on)
        old_due = deadline.due_on
        deadline.started_on, deadline.due_on = day, calendar.add_working_days(day, length)
        deadline.save(update_fields=["started_on", "due_on"])
        if deadline.step == UNIT_REVISE:
            Dossier.objects.filter(pk=deadline.dossier_id, return_due=old_due).update(
                return_due=deadline.due_on)
    # the notices and reminders of the batch follow (notifications.receivers)
    signals.demo_redated.send(sender=None, dossier_ids=ids, since=since, delta=delta,
                              historic=historic, opened=opened)


def settle_notices(dossier_ids: Iterable[int], *, when: datetime) -> None:
    """DEMO ONLY. The history's notices written once the load commits (decided, rejected:
    the domain's signals are sent after commit) happened at `when` and were read."""
    from . import signals

    signals.demo_history_settled.send(sender=None, dossier_ids=list(dossier_ids), when=when)


# ---------------------------------------------------------------- the demo's live work


def _nominee(unit, spec):
    from nominations.models import Collective, Person

    kind, which = spec
    if kind == "person":
        return {"person": Person.objects.get(unit=unit, birth_year=1975 + 3 * which)}
    if which is None:
        return {"collective": Collective.objects.get(unit=unit, is_whole_unit=True)}
    return {"collective": Collective.objects.get(unit=unit, name__startswith=which)}


def load_live_work(*, plan, returned: dict, units: dict, officers: dict, year: int) -> int:
    """The demo's dossiers at every step of the route (nominations.demo.data.LIVE): drafted
    by the unit's officer through the services, sent, approved step by step to where each
    waits, its step dated as opened `n` working days ago (`redate`), so some are overdue.
    Idempotent: a dossier of the plan already there (same unit, year, title) is left as it
    is. Returns the number of dossiers created."""
    from nominations import services as dossiers
    from nominations.models import Award

    today = selectors.today()
    created = 0
    for key, title, nominations, where, days_ago in plan:
        unit = units[key]
        if Dossier.objects.filter(unit=unit, year=year, title=title).exists():
            continue
        created += 1
        officer = officers[key]
        dossier = dossiers.create_dossier(user=officer, unit=unit, year=year, title=title)
        for code, spec in nominations:
            dossiers.add_nomination(user=officer, dossier=dossier,
                                    award=Award.objects.get(code=code),
                                    summary=f"Hoàn thành xuất sắc nhiệm vụ năm {year}.",
                                    **_nominee(unit, spec))
        if where == "draft":
            continue
        attach_required_documents(user=officer, dossier=dossier)
        since = timezone.now()
        services.send_dossier(user=officer, dossier=dossier)
        if where == "returned":
            return_at(dossier, returned["step"], reason=returned["reason"],
                      days=returned["days"])
        else:
            step = where.removeprefix("claimed:")
            # waiting for the Chủ tịch's signature: the VP UBND officer drafted it today
            draft = ({"number": f"{dossier.pk}/QĐ-UBND", "date": today,
                      "signer": f"Chủ tịch UBND tỉnh {unit.province.name}"}
                     if step == COMMITTEE_SIGN else None)
            deadline = advance(dossier, until=step, decision=draft)
            if deadline is None:
                raise DemoRouteError(f"{dossier} never reached {step}")
            if where.startswith("claimed:"):
                services.claim_task(user=actor_for(deadline), task=deadline.task)
        if days_ago:
            opened = calendar_for(unit.province_id).subtract_working_days(today, days_ago)
            redate([dossier.pk], since=since,
                   when=timezone.make_aware(datetime.combine(opened, time(8, 30))))
    return created
