"""E-mails of notices: rendering (Vietnamese, text and HTML), fixed Message-IDs, claiming
and sending a notice's own e-mail or a digest, and resuming a send that was interrupted
(the same message again). See the package's docstring for what "exactly once" means here."""

from __future__ import annotations

import hashlib
import logging
import time
import uuid
from datetime import datetime, timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ..models import Notice
from ._common import backoff, claim_lease, int_setting

logger = logging.getLogger(__name__)


class _Clock:
    """`now` that moves on from a given start (tests pass a fixed `now`)."""

    def __init__(self, start: datetime):
        self.start, self._t0 = start, time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._t0)


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
    max_attempts = int_setting("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", 20)
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
            .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - claim_lease()))
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
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - claim_lease()))
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
           .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - claim_lease())))
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
