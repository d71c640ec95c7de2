"""Listeners of the route's and the domain's signals (connected in apps.ready()).

The signals are sent after the writing transaction committed. Each listener writes its
notices through a service, then queues their e-mail; if the broker is down the e-mails
simply wait for the next sweep."""

from __future__ import annotations

from config.celery import dispatch_on_commit
from nominations import signals as domain
from workflows import signals as route

from .services import notices


def _queue_emails(notice_ids: list[int]) -> None:
    """Queue the notices' e-mail after commit; with the broker down they wait for the sweep
    (their `email_next_at` is now)."""
    if notice_ids:
        from .tasks import deliver_emails

        dispatch_on_commit(deliver_emails, notice_ids)


def on_task_created(sender, task, deadline, recipients=(), **kwargs):
    _queue_emails(notices.notify_task_created(task=task, deadline=deadline,
                                              recipients=list(recipients or [])))


def on_task_assigned(sender, task, deadline, user, by=None, actor=None, **kwargs):
    _queue_emails(notices.notify_task_assigned(task=task, deadline=deadline, user=user, by=by,
                                               actor=actor))


def on_task_finished(sender, task, deadline, user=None, **kwargs):
    notices.close_task(deadline=deadline)


def on_dossier_returned(sender, dossier, step="", reason="", due=None, actor=None, **kwargs):
    _queue_emails(notices.notify_dossier_returned(dossier=dossier, step=step, reason=reason,
                                                  due=due))


def on_dossier_back(sender, dossier, actor=None, **kwargs):
    notices.dossier_back_in_review(dossier=dossier)


def on_dossier_decided(sender, dossier, decision=None, outcome="decided", **kwargs):
    _queue_emails(notices.notify_dossier_decided(dossier=dossier, outcome=outcome,
                                                 decision=decision))


def on_nomination_rejected(sender, nomination, step="", reason="", actor=None, **kwargs):
    _queue_emails(notices.notify_nomination_rejected(nomination=nomination, step=step,
                                                     reason=reason))


def on_delegation_changed(sender, delegation, revoked=False, **kwargs):
    _queue_emails(notices.notify_delegation(delegation=delegation, revoked=revoked))


def on_demo_redated(sender, dossier_ids, since, delta, historic, opened, **kwargs):
    """DEMO ONLY (workflows.demo.redate): the batch's notices moved in time with it; the
    open steps' notice and reminders planned again from their new dates."""
    notices.redate_demo_notices(dossier_ids=dossier_ids, since=since, delta=delta,
                                historic=historic, opened=opened)


def on_demo_history_settled(sender, dossier_ids, when, **kwargs):
    notices.settle_demo_notices(dossier_ids=dossier_ids, when=when)


def connect() -> None:
    uid = "notifications."
    route.task_created.connect(on_task_created, dispatch_uid=uid + "task_created")
    route.task_assigned.connect(on_task_assigned, dispatch_uid=uid + "task_assigned")
    route.task_finished.connect(on_task_finished, dispatch_uid=uid + "task_finished")
    route.delegation_changed.connect(on_delegation_changed,
                                     dispatch_uid=uid + "delegation_changed")
    route.demo_redated.connect(on_demo_redated, dispatch_uid=uid + "demo_redated")
    route.demo_history_settled.connect(on_demo_history_settled,
                                       dispatch_uid=uid + "demo_history_settled")
    domain.dossier_returned.connect(on_dossier_returned, dispatch_uid=uid + "dossier_returned")
    domain.dossier_resubmitted.connect(on_dossier_back, dispatch_uid=uid + "resubmitted")
    domain.dossier_withdrawn.connect(on_dossier_back, dispatch_uid=uid + "withdrawn")
    domain.dossier_decided.connect(on_dossier_decided, dispatch_uid=uid + "dossier_decided")
    domain.nomination_rejected.connect(on_nomination_rejected,
                                       dispatch_uid=uid + "nomination_rejected")
