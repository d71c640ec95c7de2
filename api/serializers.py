"""The eligibility contract (ELIGIBILITY-CONTRACT.md) described for the OpenAPI schema.

These serializers document the shapes only: the view validates with the contract's own
parser (eligibility.engine.parse_case), so the API, the command and the function
give the same answers and the same error fields."""

from __future__ import annotations

from rest_framework import serializers

from eligibility.engine.facts import (
    AWARDS,
    BASES,
    DISCIPLINE_FORMS,
    INITIATIVE_KINDS,
    KINDS,
    RATINGS,
    SCOPES,
    TITLES,
)


class MemberFiguresSerializer(serializers.Serializer):
    total = serializers.IntegerField(min_value=0)
    at_least_ht = serializers.IntegerField(min_value=0, help_text="số hoàn thành nhiệm vụ trở lên")
    ldtt = serializers.IntegerField(min_value=0, help_text="số đạt Lao động tiên tiến")
    cstdcs = serializers.IntegerField(min_value=0, help_text="số đạt Chiến sĩ thi đua cơ sở")
    disciplined_canh_cao_or_above = serializers.IntegerField(min_value=0)


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    rating = serializers.ChoiceField(RATINGS, required=False, allow_null=True)
    titles = serializers.ListField(child=serializers.ChoiceField(TITLES), required=False)
    members = MemberFiguresSerializer(required=False, help_text="chỉ cho tập thể")
    bloc_leader = serializers.BooleanField(required=False, help_text="chỉ cho tập thể")


class PriorAwardSerializer(serializers.Serializer):
    award = serializers.ChoiceField(AWARDS)
    year = serializers.IntegerField()
    basis = serializers.ChoiceField(BASES, required=False)


class InitiativeSerializer(serializers.Serializer):
    id = serializers.CharField()
    year = serializers.IntegerField()
    scope = serializers.ChoiceField(SCOPES)
    kind = serializers.ChoiceField(INITIATIVE_KINDS, required=False)
    used_for = serializers.CharField(required=False, allow_null=True)


class DisciplineSerializer(serializers.Serializer):
    form = serializers.ChoiceField(DISCIPLINE_FORMS)
    start = serializers.DateField()
    end = serializers.DateField(required=False, allow_null=True)


class NomineeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(KINDS)
    deceased = serializers.BooleanField(required=False)
    pending_review = serializers.BooleanField(required=False)
    months_in_service = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    years = YearSerializer(many=True, required=False)
    awards = PriorAwardSerializer(many=True, required=False)
    initiatives = InitiativeSerializer(many=True, required=False)
    disciplines = DisciplineSerializer(many=True, required=False)


class CaseSerializer(serializers.Serializer):
    award = serializers.ChoiceField(AWARDS)
    year = serializers.IntegerField(help_text="năm thành tích được xét")
    as_of = serializers.DateField(required=False, help_text="ngày áp dụng (mặc định: hôm nay); "
                                                            "từ 01/01/2024")
    basis = serializers.ChoiceField(BASES, required=False, help_text="mặc định cong_trang")
    nominee = NomineeSerializer()
    lodged_on = serializers.DateField(required=False, help_text=(
        "ngày đơn vị trình hồ sơ (không bắt buộc); nếu trước as_of thì xét theo bộ quy tắc có"
        " hiệu lực ngày này (hồ sơ chuyển tiếp)"))


class RuleResultSerializer(serializers.Serializer):
    id = serializers.CharField()
    result = serializers.ChoiceField(["pass", "fail", "manual"])
    citation = serializers.CharField()
    message = serializers.CharField()
    confidence = serializers.ChoiceField(["L", "P", "I"], allow_null=True, help_text=(
        "L: lời văn của luật; P: theo văn bản diễn giải của tỉnh, bộ; I: diễn giải của hệ thống"
        " (kể cả khi kết quả dựa vào một cách hiểu của hệ thống); null: văn bản chưa đối chiếu"))


class VerdictSerializer(serializers.Serializer):
    award = serializers.CharField()
    year = serializers.IntegerField()
    rule_set = serializers.CharField()
    eligible = serializers.BooleanField(allow_null=True, help_text=(
        "true: mọi tiêu chí đạt; false: có tiêu chí không đạt; null: không có tiêu chí nào "
        "không đạt nhưng có tiêu chí cần người thẩm định xem xét"))
    rules = RuleResultSerializer(many=True)


class CaseErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text=(
        "mã lỗi: invalid_case, no_rule_set, invalid_json (kiểm tra điều kiện); required, "
        "invalid, invalid_choice, max_value… (trường dữ liệu); not_authenticated, "
        "authentication_failed, permission_denied, not_found, conflict, throttled…"))
    field = serializers.CharField(help_text="đường dẫn trường lỗi, ví dụ nominee.years[2].rating")
    message = serializers.CharField()


class ErrorsSerializer(serializers.Serializer):
    errors = CaseErrorSerializer(many=True)
