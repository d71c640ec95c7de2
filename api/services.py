"""Writes of the API app: access tokens. Keyword-only, type-annotated."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken

TOKEN_PREFIX = "kt_"
MAX_LIVE_TOKENS = 10


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`: the row and the token itself (shown once, never stored)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Vui lòng đặt tên gợi nhớ cho mã truy cập.")})
    if len(name) > 100:
        raise ValidationError({"name": _("Tên gợi nhớ dài tối đa 100 ký tự.")})
    live = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
    if live.count() >= MAX_LIVE_TOKENS:
        raise ValidationError(_("Mỗi người dùng có tối đa %(n)d mã truy cập đang hiệu lực; "
                                "hãy thu hồi mã không dùng nữa.") % {"n": MAX_LIVE_TOKENS})
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10],
                                    key_hash=digest(key))
    return token, key


def may_revoke(user, token: ApiToken) -> bool:
    return bool(getattr(user, "is_authenticated", False)
                and (token.user_id == user.pk or user.has_perm("api.change_apitoken")))


@transaction.atomic
def revoke_token(*, user, token: ApiToken) -> ApiToken:
    """The token stops working at once (the row stays, for the record)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if not may_revoke(user, token):
        raise PermissionDenied(_("Bạn không có quyền thu hồi mã truy cập này."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
