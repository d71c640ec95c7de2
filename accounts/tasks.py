from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives


@shared_task(name="accounts.tasks.send_password_reset_mail", ignore_result=True)
def send_password_reset_mail(*, subject: str, body: str, to_email: str,
                             from_email: str | None = None, html: str | None = None) -> None:
    """Send a password-reset e-mail rendered by the request (accounts.forms)."""
    message = EmailMultiAlternatives(subject, body, from_email or settings.DEFAULT_FROM_EMAIL,
                                     [to_email])
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
