from __future__ import annotations

from django.contrib.auth.forms import PasswordResetForm
from django.template import loader

from config.celery import dispatch


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form, but the e-mail is handed to a Celery task instead of being sent
    over SMTP inside the request: a request for an address with an account then takes as
    long as one for an address without (the SMTP round trip told them apart), and a slow
    mail server no longer holds a web worker. If the broker refuses the task the mail is
    lost (logged) — the user asks again."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        html = (loader.render_to_string(html_email_template_name, context)
                if html_email_template_name else None)
        from .tasks import send_password_reset_mail

        dispatch(send_password_reset_mail, subject=subject, body=body, to_email=to_email,
                 from_email=from_email, html=html)
