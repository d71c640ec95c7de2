"""Celery tasks of `notifications` — thin: each calls one service.

Retrying is not Celery's job here: a failed e-mail is released in the database with a
backoff (`Notice.email_next_at`) and the next sweep sends it; that survives worker restarts
and never sends twice (see the `services` package)."""

from celery import shared_task

from config.celery import dispatch

from .services import email as emails
from .services import sweep as sweeping


@shared_task(name="notifications.tasks.sweep", ignore_result=False)
def sweep() -> dict:
    """Beat, every 2 minutes: due reminders → notices; their e-mails are handed out to
    `deliver_emails` in chunks (sent in parallel by the workers); digests."""
    return sweeping.sweep(dispatch=_hand_out).as_dict()


def _hand_out(notice_ids: list[int]) -> bool:
    return dispatch(deliver_emails, notice_ids)


@shared_task(name="notifications.tasks.remind_intake")
def remind_intake() -> dict:
    """Beat, daily at REMINDER_SEND_HOUR: the units' reminders of the province's intake date
    (DL-PROVINCE), planned once per unit/year/kind and sent through the sweep."""
    return sweeping.remind_intake(dispatch=_hand_out)


@shared_task(name="notifications.tasks.deliver_emails", ignore_result=True)
def deliver_emails(notice_ids: list[int]) -> dict:
    """Queued after an event's notices are committed, so the e-mail goes at once."""
    sent, failed = emails.send_pending_emails(notice_ids=list(notice_ids))
    return {"sent": sent, "failed": failed}


@shared_task(name="notifications.tasks.send_digests")
def send_digests() -> int:
    """Beat, daily at NOTIFICATIONS_DIGEST_HOUR (07:00 Asia/Ho_Chi_Minh)."""
    return emails.send_due_digests()


@shared_task(name="notifications.tasks.fire_workflow_timers")
def fire_workflow_timers() -> int:
    """Does nothing; kept for one release, then to be deleted (CHANGELOG).

    The beat used to send this every 5 minutes for viewflow's `flow.Timer` nodes, which the
    route never had (workflows/flows.py); the beat entry is gone. A message a beat sent just
    before the upgrade may still wait in the broker: a worker without this name would log it
    as an unregistered task and drop it, this one takes it quietly."""
    return 0
