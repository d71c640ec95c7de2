"""Serializers of the v1 resources: dossiers, nominations, tasks, cases, decisions.

Read serializers only render what the selectors loaded (no query of their own: the list
views join or prefetch what they show). Write serializers check the shape of the input;
the rules (who may act, what a step allows, dates of a decision) stay in the services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from nominations.choices import DossierStatus, NominationStatus
from nominations.validation import TEXT_MAX_LENGTH, not_in_future
from workflows import steps
from workflows.steps import step_label

# the step table's choices, labels as text for the schema
STEP_CHOICES = [(code, str(label)) for code, label in steps.STEP_CHOICES]


class UnitRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DossierRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    year = serializers.IntegerField()
    unit = UnitRefSerializer()


class NomineeRefSerializer(serializers.Serializer):
    kind = serializers.ChoiceField([("person", _("cá nhân")), ("collective", _("tập thể"))])
    id = serializers.IntegerField()
    name = serializers.CharField()

    def to_representation(self, nomination):
        if nomination.person_id:
            return {"kind": "person", "id": nomination.person_id,
                    "name": nomination.person.full_name}
        return {"kind": "collective", "id": nomination.collective_id,
                "name": nomination.collective.name}


class AwardRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class EligibilitySummarySerializer(serializers.Serializer):
    state = serializers.CharField(help_text="queued | done | stale | error")
    eligible = serializers.BooleanField(allow_null=True)
    rule_set = serializers.CharField()


class NominationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    dossier_id = serializers.IntegerField()
    nominee = NomineeRefSerializer(source="*")
    award = AwardRefSerializer()
    basis = serializers.CharField()
    status = serializers.ChoiceField(NominationStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    outcome_step = serializers.CharField()
    outcome_reason = serializers.CharField()
    bloc_result = serializers.CharField()
    council_result = serializers.CharField()
    board_opinion = serializers.CharField()
    decision_id = serializers.IntegerField(allow_null=True)
    eligibility = serializers.SerializerMethodField()

    def get_eligibility(self, nomination) -> EligibilitySummarySerializer(allow_null=True):
        try:
            result = nomination.eligibility
        except nomination._meta.get_field("eligibility").related_model.DoesNotExist:
            return None
        return {"state": result.state, "eligible": result.eligible,
                "rule_set": result.rule_set}


class DossierSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    year = serializers.IntegerField()
    unit = UnitRefSerializer()
    status = serializers.ChoiceField(DossierStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    created_at = serializers.DateTimeField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    nomination_count = serializers.IntegerField()


class DossierDetailSerializer(DossierSerializer):
    nomination_count = None
    returned_from = serializers.CharField()
    return_reason = serializers.CharField()
    return_due = serializers.DateField(allow_null=True)
    upward_letter_number = serializers.CharField()
    upward_letter_date = serializers.DateField(allow_null=True)
    nominations = NominationSerializer(many=True, source="nominations_list")


class TaskRowSerializer(serializers.Serializer):
    """A row of the inbox or the queue (the task list page's columns)."""

    id = serializers.IntegerField(source="task_id")
    process_id = serializers.IntegerField(source="task__process_id")
    step = serializers.ChoiceField(STEP_CHOICES)
    step_label = serializers.SerializerMethodField()
    started_on = serializers.DateField()
    due_on = serializers.DateField()
    overdue = serializers.BooleanField()
    dossier = serializers.SerializerMethodField()
    bloc = serializers.CharField(source="bloc__name", allow_null=True)
    assigned_to = serializers.CharField(source="assigned_to__username", allow_null=True)
    awards = serializers.CharField(help_text="các danh hiệu / hình thức đề nghị của hồ sơ")

    def get_step_label(self, row) -> str:
        return step_label(row["step"])

    def get_dossier(self, row) -> DossierRefSerializer:
        return {"id": row["dossier_id"], "title": row["dossier__title"],
                "year": row["dossier__year"],
                "unit": {"id": row["dossier__unit_id"], "name": row["dossier__unit__name"]}}


class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    process_id = serializers.IntegerField()
    step = serializers.ChoiceField(STEP_CHOICES)
    step_label = serializers.CharField()
    status = serializers.CharField(help_text="NEW (chờ nhận) | ASSIGNED (đã nhận) | DONE | "
                                             "CANCELED …")
    owner = serializers.CharField(allow_null=True)
    started_on = serializers.DateField()
    due_on = serializers.DateField()
    overdue = serializers.BooleanField()
    finished_at = serializers.DateTimeField(allow_null=True)
    dossier = DossierRefSerializer()
    actions = serializers.ListField(
        child=serializers.ChoiceField(["claim", "release", "complete", "return"]),
        help_text="các thao tác người dùng được làm với công việc lúc này")
    nominations = NominationSerializer(many=True, help_text="các đề nghị bước này xét")


class WaitingSerializer(serializers.Serializer):
    task = serializers.IntegerField()
    step = serializers.ChoiceField(STEP_CHOICES)
    step_label = serializers.CharField()
    started_on = serializers.DateField()
    due_on = serializers.DateField()
    overdue = serializers.BooleanField()
    assigned_to = serializers.CharField(allow_null=True)


class EventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    action = serializers.CharField()
    action_label = serializers.CharField()
    step = serializers.CharField()
    step_label = serializers.CharField()
    actor = serializers.CharField(source="actor_label")
    reason = serializers.CharField()
    nomination_id = serializers.IntegerField(allow_null=True)


class DecisionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    date = serializers.DateField()
    signer = serializers.CharField()


class CaseDetailSerializer(serializers.Serializer):
    dossier = DossierDetailSerializer()
    waiting = WaitingSerializer(many=True, help_text="các bước đang chờ xử lý, với hạn")
    timeline = EventSerializer(many=True)
    decisions = DecisionRefSerializer(many=True)


# ---------------------------------------------------------------- the case page's JSON


class StoredInstantField(serializers.DateTimeField):
    """A time stamp as stored (UTC, ISO 8601 with its offset), not in the local time zone:
    the case page's JSON always gave it so."""

    def to_representation(self, value):
        return value.isoformat() if value else None


class CaseSummaryNominationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nominee = serializers.CharField(help_text="họ tên cá nhân / tên tập thể")
    award = serializers.CharField(source="award.code", help_text="mã danh hiệu")
    status = serializers.ChoiceField(NominationStatus.choices)


class CaseSummaryWaitingSerializer(serializers.Serializer):
    step = serializers.ChoiceField(STEP_CHOICES)
    since = serializers.DateField(source="started_on")
    due = serializers.DateField(source="due_on")
    overdue = serializers.BooleanField(source="is_overdue")
    assigned_to = serializers.CharField(allow_null=True, help_text="người đang giữ việc")


class CaseSummaryEventSerializer(serializers.Serializer):
    at = StoredInstantField()
    action = serializers.CharField()
    step = serializers.CharField()
    actor = serializers.CharField(allow_null=True)
    reason = serializers.CharField()


class CaseSummarySerializer(serializers.Serializer):
    """The case page's own JSON (`khenthuong:route:case_api`), rendered from
    workflows.selectors.case_of: names rather than ids (the unit, the nominee, the
    actor), where the dossier waits, its timeline."""

    id = serializers.IntegerField(source="dossier.pk")
    title = serializers.CharField(source="dossier.title")
    unit = serializers.CharField(source="dossier.unit", help_text="tên đơn vị")
    year = serializers.IntegerField(source="dossier.year")
    status = serializers.ChoiceField(DossierStatus.choices, source="dossier.status")
    nominations = CaseSummaryNominationSerializer(many=True)
    waiting = CaseSummaryWaitingSerializer(many=True,
                                           help_text="các bước đang chờ, từ ngày nào, hạn")
    events = CaseSummaryEventSerializer(many=True, help_text="nhật ký hồ sơ")


class DecisionSerializer(DecisionRefSerializer):
    dossier = DossierRefSerializer()
    recorded_at = serializers.DateTimeField()
    nominations = NominationSerializer(many=True)


class MoveResultSerializer(serializers.Serializer):
    """After a claim, release, completion or return: the task and where the dossier
    waits now."""

    task = TaskSerializer()
    dossier_status = serializers.ChoiceField(DossierStatus.choices)
    waiting = WaitingSerializer(many=True)


# ---------------------------------------------------------------- query parameters


class DossierFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200,
                                    help_text="năm thành tích")
    status = serializers.ChoiceField(DossierStatus.choices, required=False)
    unit = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1,
                                    help_text="mã đơn vị")


class NominationFilterSerializer(DossierFilterSerializer):
    status = serializers.ChoiceField(NominationStatus.choices, required=False)
    dossier = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    award = serializers.CharField(required=False, max_length=20, help_text="mã danh hiệu")


class TaskFilterSerializer(serializers.Serializer):
    step = serializers.ChoiceField(STEP_CHOICES, required=False)
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)


class DecisionFilterSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200,
                                    help_text="năm thành tích của hồ sơ")


# ---------------------------------------------------------------- task actions


class OutcomeSerializer(serializers.Serializer):
    nomination = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    approved = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX_LENGTH,
                                   help_text="bắt buộc khi không đề nghị (approved=false)")
    opinion = serializers.CharField(required=False, allow_blank=True,
                                    max_length=TEXT_MAX_LENGTH,
                                    help_text="ý kiến thẩm định (bước Ban TĐKT)")

    def validate(self, data):
        if not data["approved"] and not (data.get("reason") or "").strip():
            raise serializers.ValidationError(
                {"reason": _("Vui lòng nêu lý do không đề nghị.")})
        return data


def _unique_nominations(outcomes: list[dict]) -> list[dict]:
    ids = [o["nomination"] for o in outcomes]
    if len(ids) != len(set(ids)):
        raise serializers.ValidationError(_("Mỗi đề nghị chỉ được nêu một lần."))
    return outcomes


class CompleteSerializer(serializers.Serializer):
    """What finishing a step takes; which fields apply depends on the step."""

    outcomes = OutcomeSerializer(many=True, required=False, max_length=500, help_text=(
        "Bước xét (thủ trưởng, Khối, Hội đồng, Ban TĐKT): kết quả từng đề nghị; đề nghị "
        "không nêu là đồng ý."))
    note = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX_LENGTH,
                                 help_text="Bước đơn vị bổ sung: nội dung đã bổ sung (bắt "
                                           "buộc); bước Trưởng Ban: ý kiến phê duyệt")
    unit_decision_number = serializers.CharField(
        required=False, allow_blank=True, max_length=100,
        help_text="Bước thủ trưởng: số quyết định khen của đơn vị (danh hiệu thuộc thẩm "
                  "quyền đơn vị)")
    unit_decision_date = serializers.DateField(required=False, allow_null=True,
                                               validators=[not_in_future])
    number = serializers.CharField(required=False, allow_blank=True, max_length=100,
                                   help_text="Bước UBND tỉnh: số quyết định")
    date = serializers.DateField(required=False, allow_null=True, validators=[not_in_future],
                                 help_text="Bước UBND tỉnh: ngày ký")
    signer = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                   help_text="Bước UBND tỉnh: người ký")
    awarded = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), required=False,
        max_length=500, help_text="Bước UBND tỉnh: các đề nghị được khen thưởng")
    upward_letter_number = serializers.CharField(required=False, allow_blank=True,
                                                 max_length=100)
    upward_letter_date = serializers.DateField(required=False, allow_null=True,
                                               validators=[not_in_future])

    def validate_outcomes(self, value):
        return _unique_nominations(value)


class SignSerializer(serializers.Serializer):
    """The Chủ tịch signs the drafted decision: the signed PDF, and corrections."""

    signed_file = serializers.FileField(required=False, help_text="PDF quyết định đã ký")
    number = serializers.CharField(required=False, allow_blank=True, max_length=100)
    date = serializers.DateField(required=False, allow_null=True, validators=[not_in_future])
    signer = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX_LENGTH,
                                   help_text="lý do trả lại / nội dung cần bổ sung")
    return_days = serializers.IntegerField(required=False, min_value=1, max_value=60,
                                           help_text="hạn bổ sung (ngày làm việc); mặc định "
                                                     "theo cấu hình")
    outcomes = OutcomeSerializer(many=True, required=False, max_length=500, help_text=(
        "đề nghị bị loại ngay khi trả lại (approved=false, kèm lý do)"))

    def validate_outcomes(self, value):
        return _unique_nominations(value)


class TokenSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField()
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    revoked_at = serializers.DateTimeField(allow_null=True)
