"""A row lock held elsewhere (another reviewer, a long worker job) must not hang a request
until the web server kills it: the database waits at most `DB_LOCK_TIMEOUT_MS`
(PostgreSQL `lock_timeout`, SQLite's busy timeout), and the request then answers
409 in Vietnamese — nothing was written, the user may simply try again."""

from __future__ import annotations

from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from viewflow.workflow.exceptions import FlowLockFailed

LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL: lock_timeout expired / NOWAIT failed


def is_busy(exc: BaseException) -> bool:
    """Did `exc` come from waiting too long for a lock (any backend)?"""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, FlowLockFailed):
            return True
        if isinstance(exc, OperationalError):
            cause = exc.__cause__
            if getattr(cause, "sqlstate", None) == LOCK_NOT_AVAILABLE:
                return True
            if "database is locked" in str(exc) or "database table is locked" in str(exc):
                return True
        exc = exc.__cause__ or exc.__context__
    return False


def busy_message() -> str:
    return _("Hồ sơ đang được người khác cập nhật nên chưa thể ghi thao tác của bạn. Không "
             "có gì bị thay đổi; vui lòng thử lại sau ít giây.")


class BusyDatabaseMiddleware:
    """Turn a lock timeout anywhere in a request into a 409 (JSON under /api/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_busy(exception):
            return None
        if request.path.startswith("/api/") or "application/json" in request.headers.get(
                "Accept", ""):
            return JsonResponse({"errors": [{"error": "busy", "field": "",
                                             "message": busy_message()}]}, status=409)
        return render(request, "409.html", {"message": busy_message()}, status=409)
