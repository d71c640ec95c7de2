"""JSON error answers of the API, in the shape of the eligibility check's 400
(`{"errors": [{"error", "field", "message"}]}`), Vietnamese messages.

- `exception_handler` (DRF's EXCEPTION_HANDLER): a throttled request gets that shape with
  HTTP 429 and Retry-After; other DRF errors keep DRF's own answer.
- `bad_request`, `not_found`, `server_error` (config.urls' handler400/404/500): under /api/
  anything Django itself answers (an unknown URL, an unexpected exception, a body too
  large) is JSON too; elsewhere Django's default pages.
"""

from __future__ import annotations

import math

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


def error_body(error: str, message: str, field: str = "") -> dict:
    return {"errors": [{"error": error, "field": field, "message": message}]}


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.Throttled):
        if exc.wait is not None:
            message = _("Quá nhiều yêu cầu. Vui lòng thử lại sau %(seconds)d giây.") % {
                "seconds": math.ceil(exc.wait)}
        else:
            message = _("Quá nhiều yêu cầu. Vui lòng thử lại sau.")
        response.data = error_body("throttled", message)
    return response


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(body: dict, status: int) -> JsonResponse:
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def bad_request(request: HttpRequest, exception) -> HttpResponse:
    if _is_api(request):
        return _json(error_body("bad_request", _("Yêu cầu không hợp lệ.")), 400)
    return defaults.bad_request(request, exception)


def not_found(request: HttpRequest, exception) -> HttpResponse:
    if _is_api(request):
        return _json(error_body("not_found", _("Không tìm thấy địa chỉ API này.")), 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return _json(error_body("server_error", _("Lỗi máy chủ. Vui lòng thử lại sau hoặc "
                                                  "báo quản trị hệ thống.")), 500)
    return defaults.server_error(request)
