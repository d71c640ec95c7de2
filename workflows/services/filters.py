"""The inbox's, queue's and archive's saved filters (a named query string per user)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _


@transaction.atomic
def save_filter(*, user, page: str, name: str, query: str):
    from ..models import SavedFilter

    name = (name or "").strip()[:100]
    if not name:
        raise ValidationError({"name": _("Vui lòng đặt tên cho bộ lọc.")})
    if page not in ("inbox", "queue", "archive"):
        raise ValidationError(_("Trang không hợp lệ."))
    saved, _created = SavedFilter.objects.update_or_create(
        user=user, page=page, name=name, defaults={"query": (query or "")[:1000]})
    return saved


@transaction.atomic
def delete_filter(*, user, pk: int) -> bool:
    """Delete one of the user's own saved filters; False when it is not theirs (or gone)."""
    from ..models import SavedFilter

    deleted, _rows = SavedFilter.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)
