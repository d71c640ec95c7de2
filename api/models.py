"""API access tokens. Only a SHA-256 digest of each token is stored: the token itself is
shown once, when it is created (api.services.create_token), and a leaked database gives no
usable token. A token is 32 random bytes, so a fast hash is enough (no per-request
password hashing: that cost 1 s a request when HTTP Basic was accepted)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens", verbose_name=_("người dùng"))
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    prefix = models.CharField(_("tiền tố"), max_length=12,
                              help_text=_("Các ký tự đầu của mã, để nhận ra mã."))
    key_hash = models.CharField(_("băm SHA-256 của mã"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user"], condition=Q(revoked_at__isnull=True),
                                name="api_token_live_user")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
