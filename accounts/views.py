from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from config.client_ip import client_ip

from . import services
from .forms import QueuedPasswordResetForm


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, throttled per client IP and per e-mail address. A throttled
    request sends nothing and gets the form back (HTTP 429) with the same message whether
    the address belongs to an account or not. The e-mail itself is sent by the worker
    (QueuedPasswordResetForm), so the answer takes as long either way."""

    form_class = QueuedPasswordResetForm

    def form_valid(self, form):
        allowed = services.note_password_reset_request(
            ip=client_ip(self.request), email=form.cleaned_data["email"])
        if allowed:
            return super().form_valid(form)
        form.add_error("email", _(
            "Đã có quá nhiều yêu cầu đặt lại mật khẩu từ máy này hoặc cho địa chỉ e-mail này. "
            "Vui lòng thử lại sau %(minutes)d phút.")
            % {"minutes": settings.PASSWORD_RESET_WINDOW_MINUTES})
        response = self.form_invalid(form)
        response.status_code = 429
        return response
