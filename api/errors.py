"""JSON error answers of the API, in the shape of the eligibility check's 400
(`{"errors": [{"error", "field", "message"}]}`), Vietnamese messages.

- `exception_handler` (DRF's EXCEPTION_HANDLER): every DRF error gets that shape — a
  throttled request with HTTP 429 and Retry-After, invalid data one entry per field (the
  path of the field, e.g. `outcomes[0].reason`), a missing or unknown token, a refusal, an
  object not found (or not visible: the same 404); Django's own ValidationError,
  PermissionDenied and Http404 raised by a service are answered alike. DRF's English
  default messages are replaced by Vietnamese ones (api/locale holds those DRF's
  catalogue lacks).
- `bad_request`, `not_found`, `server_error` (config.urls' handler400/404/500): under /api/
  anything Django itself answers (an unknown URL, an unexpected exception, a body too
  large) is JSON too; elsewhere Django's default pages.
"""

from __future__ import annotations

import math

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

API_PREFIX = "/api/"


def error_body(error: str, message: str, field: str = "") -> dict:
    return {"errors": [{"error": error, "field": field, "message": message}]}


def flatten(detail, field: str = "") -> list[dict]:
    """DRF's error detail (dicts and lists of ErrorDetail, nested like the data) as a flat
    list of {"error", "field", "message"}, fields written as paths (`outcomes[0].reason`)."""
    if isinstance(detail, dict):
        return [entry for key, value in detail.items()
                for entry in flatten(value, _join(field, key))]
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [entry for item in detail for entry in flatten(item, field)]
        return [entry for index, item in enumerate(detail)
                for entry in flatten(item, f"{field}[{index}]")]
    code = getattr(detail, "code", None) or "invalid"
    return [{"error": str(code), "field": field, "message": str(detail)}]


def _join(field: str, key) -> str:
    if key == api_settings.NON_FIELD_ERRORS_KEY:
        return field
    if isinstance(key, int):  # a ListSerializer's errors, keyed by the item's index
        return f"{field}[{key}]"
    return f"{field}.{key}" if field else str(key)


def django_errors(exc: DjangoValidationError) -> list[dict]:
    """A Django ValidationError raised by a service (field errors as `error_dict`)."""
    if hasattr(exc, "error_dict"):
        return [{"error": error.code or "invalid",
                 "field": "" if name == NON_FIELD_ERRORS else name,
                 "message": message}
                for name, errors in exc.error_dict.items()
                for error in errors for message in error.messages]
    return [{"error": error.code or "invalid", "field": "", "message": message}
            for error in exc.error_list for message in error.messages]


def _messages() -> dict[type, tuple[str, str]]:
    """(error code, Vietnamese message) for DRF's exceptions raised with their English
    default detail."""
    return {
        exceptions.NotAuthenticated: (
            "not_authenticated",
            _("Chưa đăng nhập: gửi tiêu đề “Authorization: Token <mã truy cập>” hoặc "
              "đăng nhập.")),
        exceptions.AuthenticationFailed: (
            "authentication_failed", _("Mã truy cập không hợp lệ hoặc đã bị thu hồi.")),
        exceptions.PermissionDenied: (
            "permission_denied", _("Bạn không có quyền thực hiện thao tác này.")),
        exceptions.NotFound: ("not_found", _("Không tìm thấy.")),
        exceptions.MethodNotAllowed: (
            "method_not_allowed", _("Phương thức này không được hỗ trợ ở địa chỉ này.")),
        exceptions.NotAcceptable: (
            "not_acceptable", _("Không trả lời được theo định dạng yêu cầu (Accept).")),
        exceptions.UnsupportedMediaType: (
            "unsupported_media_type", _("Định dạng dữ liệu gửi lên không được hỗ trợ; "
                                        "dùng application/json.")),
        exceptions.ParseError: ("invalid_json", _("JSON không hợp lệ.")),
    }


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response({"errors": django_errors(exc)}, status=400)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is not None:
            message = _("Quá nhiều yêu cầu. Vui lòng thử lại sau %(seconds)d giây.") % {
                "seconds": math.ceil(exc.wait)}
        else:
            message = _("Quá nhiều yêu cầu. Vui lòng thử lại sau.")
        response.data = error_body("throttled", message)
    elif isinstance(exc, exceptions.ValidationError):
        response.data = {"errors": flatten(exc.detail)}
    else:
        if isinstance(exc, Http404):
            exc = exceptions.NotFound()
        elif isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied(str(exc) or None)
        code, message = "error", str(getattr(exc, "detail", "") or "")
        for kind, (kind_code, vietnamese) in _messages().items():
            if isinstance(exc, kind):
                code = kind_code
                if message in ("", str(kind.default_detail), _(str(kind.default_detail))) \
                        or kind is exceptions.ParseError and message.startswith("JSON parse"):
                    message = vietnamese
                elif kind is exceptions.ParseError:
                    message = f"{vietnamese} {message}"
                break
        response.data = error_body(code, message)
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
