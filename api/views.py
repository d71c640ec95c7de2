"""REST API views: thin, over the services and selectors of the domain."""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
)
from rest_framework.exceptions import ParseError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from eligibility.engine import CaseError, check_json, error_to_dict
from eligibility.selectors import config_for

from . import examples
from .errors import error_body
from .parsers import BoundedJSONParser
from .serializers import CaseSerializer, ErrorsSerializer, VerdictSerializer
from .throttling import AnonRateThrottle, ScopedRateThrottle, UserRateThrottle


def _province_id(user) -> int | None:
    if getattr(user, "province_id", None):
        return user.province_id
    unit = getattr(user, "unit", None)
    return unit.province_id if unit is not None else None


_CASES = PolymorphicProxySerializer(
    component_name="EligibilityCaseOrList",
    serializers=[CaseSerializer, CaseSerializer(many=True)],
    resource_type_field_name=None,
    many=False,
)
_VERDICTS = PolymorphicProxySerializer(
    component_name="EligibilityVerdictOrList",
    serializers=[VerdictSerializer, VerdictSerializer(many=True)],
    resource_type_field_name=None,
    many=False,
)


class EligibilityCheckView(APIView):
    """POST /api/v1/eligibility/check: one case in, its verdict out; a list in, the list
    of verdicts out (ELIGIBILITY-CONTRACT.md). Reads no nomination data: facts only."""

    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser]
    # the site-wide anon/user rates, and a tighter one for the check (a list costs more)
    throttle_classes = [AnonRateThrottle, UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "eligibility"

    @extend_schema(
        operation_id="eligibility_check",
        summary="Kiểm tra điều kiện khen thưởng theo Luật TĐKT 2022",
        description=(
            "Gửi một hồ sơ xét (case) hoặc một danh sách; nhận kết quả (verdict) từng tiêu "
            "chí với trích dẫn điều khoản, theo bộ quy tắc có hiệu lực tại ngày `as_of` "
            "(mặc định: hôm nay). Dữ liệu sai (mã không có, xếp loại sai, thiếu năm, hoặc "
            "`as_of` trước 01/01/2024) trả về HTTP 400 với trường lỗi. Cấu hình của tỉnh "
            "(tiêu chuẩn Giấy khen, quy tắc một sáng kiến một lần khen) theo tỉnh của người "
            "dùng."
        ),
        tags=["eligibility"],
        request=_CASES,
        responses={
            200: _VERDICTS,
            400: OpenApiResponse(ErrorsSerializer, description="Dữ liệu không hợp lệ"),
            403: OpenApiResponse(description="Chưa đăng nhập hoặc không có quyền"),
            429: OpenApiResponse(ErrorsSerializer, description="Quá nhiều yêu cầu (xem "
                                 "Retry-After)"),
        },
        examples=[
            OpenApiExample("CaseIndividual", summary="Một cá nhân (theo hợp đồng)",
                           value=examples.CONTRACT_CASE, request_only=True),
            OpenApiExample("CaseList", summary="Danh sách",
                           value=[examples.CONTRACT_CASE, examples.COLLECTIVE_CASE],
                           request_only=True),
            OpenApiExample("Verdict", summary="Kết quả", value=examples.CONTRACT_VERDICT,
                           response_only=True, status_codes=["200"]),
            OpenApiExample("VerdictList", summary="Kết quả cho danh sách",
                           value=examples.LIST_VERDICTS, response_only=True,
                           status_codes=["200"]),
            OpenApiExample("ErrorBadRating", summary="Xếp loại sai",
                           value=examples.BAD_RATING_ERROR, response_only=True,
                           status_codes=["400"]),
            OpenApiExample("ErrorNoRuleSet", summary="Ngày trước 01/01/2024",
                           value=examples.NO_RULE_SET_ERROR, response_only=True,
                           status_codes=["400"]),
        ],
    )
    def post(self, request):
        try:
            data = request.data
        except ParseError as exc:
            return Response(error_body("invalid_json", f"JSON không hợp lệ: {exc.detail}"),
                            status=400)
        try:
            result = check_json(data, config_for(_province_id(request.user)))
        except CaseError as err:
            return Response({"errors": [error_to_dict(err)]}, status=400)
        return Response(result)
