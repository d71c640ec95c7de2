"""v1 resources: dossiers, nominations, tasks, cases and decisions.

Thin: reads go through the selectors the pages use (nominations.selectors,
workflows.selectors), so a user sees exactly what the pages show them and an object they may
not see is a 404, like an unknown id; writes go through the services the pages call
(workflows.services), so the route, deadlines, events and notices are the same."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from nominations import selectors as nomination_selectors
from workflows import selectors, services
from workflows.engine import RouteConflict
from workflows.steps import (
    BOARD_HEAD_APPROVAL,
    COMMITTEE_DECISION,
    COMMITTEE_SIGN,
    RETURNING_STEPS,
    UNIT_REVISE,
    step_label,
)

from . import route_serializers as s
from .errors import error_body
from .pagination import ApiPagination
from .parsers import BoundedJSONParser
from .serializers import ErrorsSerializer

ERRORS = {
    400: OpenApiResponse(ErrorsSerializer, description="Dữ liệu không hợp lệ (từng trường)"),
    403: OpenApiResponse(ErrorsSerializer, description="Chưa đăng nhập, mã truy cập sai, "
                                                       "hoặc không có quyền"),
    404: OpenApiResponse(ErrorsSerializer, description="Không có, hoặc người dùng không được "
                                                       "xem"),
    429: OpenApiResponse(ErrorsSerializer, description="Quá nhiều yêu cầu (xem Retry-After)"),
}
CONFLICT = {409: OpenApiResponse(ErrorsSerializer, description=(
    "Công việc đã được người khác nhận / xử lý, hoặc hồ sơ đang được xử lý ở nơi khác"))}


def _errors(*codes: int) -> dict:
    return {code: ERRORS[code] if code in ERRORS else CONFLICT[code] for code in codes}


def _filters(serializer_class, request) -> dict:
    """The list's query parameters, checked (400 with Vietnamese field errors)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class _ListView(GenericAPIView):
    pagination_class = ApiPagination
    filter_serializer = None

    def list_response(self, queryset, render):
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(render(list(page)))


# ---------------------------------------------------------------- dossiers


class DossierListView(_ListView):
    serializer_class = s.DossierSerializer

    @extend_schema(operation_id="dossiers_list", tags=["dossiers"],
                   summary="Danh sách hồ sơ đề nghị người dùng được xem",
                   description=("Mới nhất trước (năm thành tích, ngày lập), 50 hồ sơ một "
                                "trang. Đơn vị chỉ thấy hồ sơ của mình; Khối trưởng thấy hồ "
                                "sơ các đơn vị trong Khối năm đó; cấp tỉnh thấy hồ sơ của "
                                "tỉnh."),
                   parameters=[s.DossierFilterSerializer],
                   responses={200: s.DossierSerializer(many=True), **_errors(400, 403, 404,
                                                                           429)})
    def get(self, request):
        wanted = _filters(s.DossierFilterSerializer, request)
        queryset = nomination_selectors.dossiers_visible_to(request.user).order_by(
            "-year", "-created_at", "-pk")
        if "year" in wanted:
            queryset = queryset.filter(year=wanted["year"])
        if "status" in wanted:
            queryset = queryset.filter(status=wanted["status"])
        if "unit" in wanted:
            queryset = queryset.filter(unit_id=wanted["unit"])

        def render(rows):
            return s.DossierSerializer(nomination_selectors.with_nomination_counts(rows),
                                       many=True).data

        return self.list_response(queryset, render)


def _dossier_detail(user, pk: int):
    dossier = nomination_selectors.dossiers_visible_to(user).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    dossier.nominations_list = list(
        dossier.nominations.select_related("award", "person", "collective", "eligibility")
        .order_by("id"))
    return dossier


class DossierDetailView(GenericAPIView):
    serializer_class = s.DossierDetailSerializer

    @extend_schema(operation_id="dossiers_retrieve", tags=["dossiers"],
                   summary="Một hồ sơ với các đề nghị",
                   responses={200: s.DossierDetailSerializer, **_errors(403, 404, 429)})
    def get(self, request, pk: int):
        dossier = _dossier_detail(request.user, pk)
        return Response(s.DossierDetailSerializer(dossier).data)


# ---------------------------------------------------------------- nominations


class NominationListView(_ListView):
    serializer_class = s.NominationSerializer

    @extend_schema(operation_id="nominations_list", tags=["nominations"],
                   summary="Danh sách đề nghị (người, tập thể × danh hiệu) được xem",
                   parameters=[s.NominationFilterSerializer],
                   responses={200: s.NominationSerializer(many=True),
                              **_errors(400, 403, 404, 429)})
    def get(self, request):
        wanted = _filters(s.NominationFilterSerializer, request)
        queryset = (nomination_selectors.nominations_visible_to(request.user)
                    .select_related("eligibility").order_by("-pk"))
        for key, lookup in (("year", "dossier__year"), ("status", "status"),
                            ("unit", "dossier__unit_id"), ("dossier", "dossier_id"),
                            ("award", "award__code")):
            if key in wanted:
                queryset = queryset.filter(**{lookup: wanted[key]})
        return self.list_response(
            queryset, lambda rows: s.NominationSerializer(rows, many=True).data)


class NominationDetailView(GenericAPIView):
    serializer_class = s.NominationSerializer

    @extend_schema(operation_id="nominations_retrieve", tags=["nominations"],
                   summary="Một đề nghị",
                   responses={200: s.NominationSerializer, **_errors(403, 404, 429)})
    def get(self, request, pk: int):
        nomination = (nomination_selectors.nominations_visible_to(request.user)
                      .select_related("eligibility").filter(pk=pk).first())
        if nomination is None:
            raise Http404
        return Response(s.NominationSerializer(nomination).data)


# ---------------------------------------------------------------- tasks

TASK_ROW_FIELDS = ("task_id", "task__process_id", "step", "started_on", "due_on",
                   "finished_at", "dossier_id", "dossier__title", "dossier__year",
                   "dossier__unit_id", "dossier__unit__name", "bloc__name",
                   "assigned_to__username")


class _TaskListView(_ListView):
    serializer_class = s.TaskRowSerializer

    def base_q(self, user):
        raise NotImplementedError

    def get(self, request):
        from workflows.models import TaskDeadline

        wanted = _filters(s.TaskFilterSerializer, request)
        queryset = TaskDeadline.objects.filter(self.base_q(request.user))
        if "step" in wanted:
            queryset = queryset.filter(step=wanted["step"])
        if "year" in wanted:
            queryset = queryset.filter(dossier__year=wanted["year"])
        queryset = queryset.order_by("due_on", "pk").values(*TASK_ROW_FIELDS)

        def render(rows):
            awards = selectors.award_names_of({row["dossier_id"] for row in rows})
            today = selectors.today()
            for row in rows:
                row["overdue"] = row["finished_at"] is None and row["due_on"] < today
                row["awards"] = awards.get(row["dossier_id"], "")
            return s.TaskRowSerializer(rows, many=True).data

        return self.list_response(queryset, render)


class InboxView(_TaskListView):
    def base_q(self, user):
        return selectors.inbox_q(user, prefix="")

    @extend_schema(operation_id="tasks_inbox", tags=["tasks"],
                   summary="Việc của tôi (đã nhận, hoặc giữ thay người vắng mặt)",
                   description="Hạn sớm nhất trước, như trang “Việc của tôi”.",
                   parameters=[s.TaskFilterSerializer],
                   responses={200: s.TaskRowSerializer(many=True),
                              **_errors(400, 403, 404, 429)})
    def get(self, request):
        return super().get(request)


class QueueView(_TaskListView):
    def base_q(self, user):
        return selectors.queue_q(user, prefix="")

    @extend_schema(operation_id="tasks_queue", tags=["tasks"],
                   summary="Việc chờ nhận ở vai trò của tôi",
                   description="Hạn sớm nhất trước, như trang “Việc chờ nhận”.",
                   parameters=[s.TaskFilterSerializer],
                   responses={200: s.TaskRowSerializer(many=True),
                              **_errors(400, 403, 404, 429)})
    def get(self, request):
        return super().get(request)


def _visible_task(user, pk: int):
    """The route task `pk` if its dossier is visible to `user`, else 404."""
    task = (selectors.route_tasks().filter(
        pk=pk, deadline__isnull=False,
        process__in=selectors.processes_visible_to(user).values("pk")).first())
    if task is None:
        raise Http404
    return task


# steps with a way back: to the unit (review steps), to the specialist (the Trưởng Ban), to
# the board (the VP UBND officer), to the officer (the Chủ tịch)
RETURNABLE_STEPS = (*RETURNING_STEPS, BOARD_HEAD_APPROVAL, COMMITTEE_DECISION, COMMITTEE_SIGN)


def _actions(user, task) -> list[str]:
    step = task.flow_task.name
    if task.status not in selectors.OPEN_STATUSES:
        return []
    actions = []
    claimable = selectors.can_claim(user, task)
    if claimable:
        actions.append("claim")
    if task.owner_id == user.pk:
        actions.append("release")
    if claimable or selectors.can_act(user, task):
        actions.append("complete")
        if step in RETURNABLE_STEPS:
            actions.append("return")
    return actions


def _task_data(user, task) -> dict:
    from nominations.choices import NominationStatus
    from workflows.steps import BLOC_VOTE

    deadline = task.deadline
    dossier = deadline.dossier
    nominations = [n for n in dossier.nominations.select_related(
        "award", "person", "collective", "eligibility").order_by("pk")
        if n.status == NominationStatus.ACTIVE
        and (task.flow_task.name != BLOC_VOTE or n.award.via_bloc)]
    return {
        "id": task.pk, "process_id": task.process_id, "step": deadline.step,
        "step_label": step_label(deadline.step), "status": task.status,
        "owner": task.owner.username if task.owner_id else None,
        "started_on": deadline.started_on, "due_on": deadline.due_on,
        "overdue": deadline.is_overdue, "finished_at": deadline.finished_at,
        "dossier": {"id": dossier.pk, "title": dossier.title, "year": dossier.year,
                    "unit": {"id": dossier.unit_id, "name": dossier.unit.name}},
        "actions": _actions(user, task),
        "nominations": nominations,
    }


def _waiting(dossier) -> list[dict]:
    return [{"task": d.task_id, "step": d.step, "step_label": step_label(d.step),
             "started_on": d.started_on, "due_on": d.due_on, "overdue": d.is_overdue,
             "assigned_to": d.assigned_to.username if d.assigned_to_id else None}
            for d in selectors.open_deadlines(dossier)]


class TaskDetailView(GenericAPIView):
    serializer_class = s.TaskSerializer

    @extend_schema(operation_id="tasks_retrieve", tags=["tasks"],
                   summary="Một công việc: bước, hạn, hồ sơ, các đề nghị bước xét, thao tác "
                           "được làm",
                   responses={200: s.TaskSerializer, **_errors(403, 404, 429)})
    def get(self, request, pk: int):
        task = _visible_task(request.user, pk)
        return Response(s.TaskSerializer(_task_data(request.user, task)).data)


class _TaskActionView(GenericAPIView):
    serializer_class = s.MoveResultSerializer

    def act(self, request, task):
        raise NotImplementedError

    def post(self, request, pk: int):
        task = _visible_task(request.user, pk)
        try:
            self.act(request, task)
        except RouteConflict as exc:
            return Response(error_body("conflict", exc.message), status=409)
        task = _visible_task(request.user, pk)
        dossier = task.deadline.dossier
        dossier.refresh_from_db(fields=["status"])
        return Response(s.MoveResultSerializer({
            "task": _task_data(request.user, task), "dossier_status": dossier.status,
            "waiting": _waiting(dossier)}).data)


class ClaimView(_TaskActionView):
    @extend_schema(operation_id="tasks_claim", tags=["tasks"], request=None,
                   summary="Nhận việc",
                   description="Công việc đang chờ nhận ở vai trò của người dùng trở thành "
                               "việc của họ (như nút “Nhận việc”).",
                   responses={200: s.MoveResultSerializer, **_errors(400, 403, 404, 429),
                              **CONFLICT})
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, task):
        services.claim_task(user=request.user, task=task)


class ReleaseView(_TaskActionView):
    @extend_schema(operation_id="tasks_release", tags=["tasks"], request=None,
                   summary="Trả công việc về nhóm",
                   responses={200: s.MoveResultSerializer, **_errors(400, 403, 404, 429),
                              **CONFLICT})
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, task):
        if task.owner_id != request.user.pk:
            raise PermissionDenied(_("Bạn không giữ công việc này."))
        services.release_task(user=request.user, task=task)


def _outcomes(data) -> dict:
    return {o["nomination"]: services.NominationOutcome(
        approved=o["approved"], reason=o.get("reason", ""), opinion=o.get("opinion", ""))
        for o in data.get("outcomes", [])}


class CompleteView(_TaskActionView):
    parser_classes = [BoundedJSONParser, MultiPartParser]

    @extend_schema(
        operation_id="tasks_complete", tags=["tasks"], request={
            "application/json": s.CompleteSerializer,
            "multipart/form-data": s.SignSerializer},
        summary="Hoàn thành bước: chuyển tiếp / phê duyệt / dự thảo / ký quyết định / nộp lại",
        description=(
            "Theo bước của công việc (JSON, trừ bước ký):\n\n"
            "* thủ trưởng ký trình, Khối bình xét, Hội đồng, Ban TĐKT thẩm định: `outcomes` "
            "(đồng ý hoặc không đề nghị từng đề nghị, kèm lý do; Ban TĐKT thêm ý kiến thẩm "
            "định), hồ sơ chuyển bước tiếp theo; ở bước thủ trưởng, đề nghị thuộc thẩm quyền "
            "đơn vị cần `unit_decision_number`, `unit_decision_date`;\n"
            "* Trưởng Ban phê duyệt kết quả thẩm định: `note` (ý kiến, không bắt buộc);\n"
            "* Văn phòng UBND tỉnh dự thảo quyết định: `number`, `date`, `signer`, `awarded` "
            "(các đề nghị được khen), và `upward_letter_number`, `upward_letter_date` cho "
            "đề nghị trình cấp trên;\n"
            "* Chủ tịch UBND tỉnh ký (multipart/form-data): `signed_file` (PDF quyết định đã "
            "ký), có thể sửa `number`, `date`, `signer` của dự thảo;\n"
            "* đơn vị bổ sung hồ sơ bị trả lại: `note` (bắt buộc), hồ sơ về lại bước đã "
            "trả.\n\n"
            "Công việc chưa ai nhận được nhận luôn cho người gửi (như trên trang). Hạn của "
            "bước tiếp theo, nhật ký hồ sơ và thông báo như khi xử lý trên trang."),
        responses={200: s.MoveResultSerializer, **_errors(400, 403, 404, 429), **CONFLICT})
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, task):
        step = task.flow_task.name
        user = request.user
        if step == COMMITTEE_SIGN:
            serializer = s.SignSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            services.sign_decision(user=user, task=task, signed_file=data.get("signed_file"),
                                   number=data.get("number", ""), date=data.get("date"),
                                   signer=data.get("signer", ""))
            return
        serializer = s.CompleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if step == COMMITTEE_DECISION:
            services.complete_decision(
                user=user, task=task, number=data.get("number", ""), date=data.get("date"),
                signer=data.get("signer", ""), awarded_ids=set(data.get("awarded", [])),
                upward_letter_number=data.get("upward_letter_number", ""),
                upward_letter_date=data.get("upward_letter_date"))
        elif step == BOARD_HEAD_APPROVAL:
            services.approve_appraisal(user=user, task=task, action=services.APPROVE,
                                       reason=data.get("note", ""))
        elif step == UNIT_REVISE:
            services.resubmit(user=user, task=task, note=data.get("note", ""))
        else:
            services.complete_review(
                user=user, task=task, action="forward", outcomes=_outcomes(data),
                unit_decision_number=data.get("unit_decision_number", ""),
                unit_decision_date=data.get("unit_decision_date"))


class ReturnView(_TaskActionView):
    @extend_schema(
        operation_id="tasks_return", tags=["tasks"], request=s.ReturnSerializer,
        summary="Trả lại hồ sơ",
        description=("Bước xét (thủ trưởng, Khối, Hội đồng, Ban TĐKT): trả đơn vị bổ sung "
                     "với lý do và hạn (`return_days` ngày làm việc); các đề nghị nêu "
                     "trong `outcomes` với approved=false bị loại ngay. Trưởng Ban: trả "
                     "chuyên viên thẩm định lại. Văn phòng UBND tỉnh: trả Ban Thi đua – Khen "
                     "thưởng. Chủ tịch UBND tỉnh: trả dự thảo quyết định cho Văn phòng."),
        responses={200: s.MoveResultSerializer, **_errors(400, 403, 404, 429), **CONFLICT})
    def post(self, request, pk: int):
        return super().post(request, pk)

    def act(self, request, task):
        serializer = s.ReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        step = task.flow_task.name
        user, reason = request.user, data["reason"]
        try:
            if step == COMMITTEE_DECISION:
                services.return_to_board(user=user, task=task, reason=reason)
            elif step == COMMITTEE_SIGN:
                services.return_to_officer(user=user, task=task, reason=reason)
            elif step == BOARD_HEAD_APPROVAL:
                services.approve_appraisal(user=user, task=task, action=services.BACK,
                                           reason=reason)
            elif step in RETURNING_STEPS:
                services.complete_review(user=user, task=task, action="returned",
                                         outcomes=_outcomes(data), return_reason=reason,
                                         return_days=data.get("return_days"))
            else:
                raise ValidationError(_("Bước “%(step)s” không có thao tác trả lại.")
                                      % {"step": step_label(step)})
        except ValidationError as exc:
            raise _renamed(exc, {"return_reason": "reason"}) from None


def _renamed(exc, names: dict[str, str]):
    """The services name the reason `return_reason` (the pages' field): here it is
    `reason`."""
    if not hasattr(exc, "error_dict"):
        return exc
    return ValidationError({names.get(field, field): errors
                            for field, errors in exc.error_dict.items()})


# ---------------------------------------------------------------- cases, decisions


class CaseView(GenericAPIView):
    serializer_class = s.CaseDetailSerializer

    @extend_schema(operation_id="cases_retrieve", tags=["cases"],
                   summary="Trang theo dõi hồ sơ: hồ sơ, đề nghị, nhật ký, bước đang chờ",
                   responses={200: s.CaseDetailSerializer, **_errors(403, 404, 429)})
    def get(self, request, dossier_pk: int):
        case = selectors.case_of(request.user, dossier_pk)
        if case is None:
            raise Http404
        dossier = case["dossier"]
        dossier.nominations_list = case["nominations"]
        waiting = [{"task": d.task_id, "step": d.step, "step_label": step_label(d.step),
                    "started_on": d.started_on, "due_on": d.due_on, "overdue": d.is_overdue,
                    "assigned_to": d.assigned_to.username if d.assigned_to_id else None}
                   for d in case["waiting"]]
        return Response(s.CaseDetailSerializer({
            "dossier": dossier, "waiting": waiting, "timeline": case["events"],
            "decisions": case["decisions"]}).data)


class CasePageSummaryView(GenericAPIView):
    """The case page's own short JSON at the page's address (khenthuong:route:case_api, the
    site's session): the page's visibility (selectors.case_of), names rather than ids. Not
    part of /api/v1/, which serves the case in full at `cases/<id>/` (CaseView)."""

    serializer_class = s.CaseSummarySerializer
    schema = None

    def get(self, request, dossier_pk: int):
        case = selectors.case_of(request.user, dossier_pk)
        if case is None:
            raise NotFound(_("Không tìm thấy hồ sơ."))
        return Response(s.CaseSummarySerializer(case).data)


def _decisions(user):
    from django.db.models import Prefetch

    from nominations.models import Nomination

    return nomination_selectors.decisions_visible_to(user).prefetch_related(Prefetch(
        "nominations", queryset=Nomination.objects.select_related(
            "award", "person", "collective", "eligibility").order_by("pk")))


class DecisionListView(_ListView):
    serializer_class = s.DecisionSerializer

    @extend_schema(operation_id="decisions_list", tags=["decisions"],
                   summary="Quyết định khen thưởng của UBND tỉnh trên các hồ sơ được xem",
                   description=("Ghi nhận quyết định: hoàn thành công việc bước “UBND tỉnh "
                                "quyết định” (tasks_complete)."),
                   parameters=[s.DecisionFilterSerializer],
                   responses={200: s.DecisionSerializer(many=True),
                              **_errors(400, 403, 404, 429)})
    def get(self, request):
        wanted = _filters(s.DecisionFilterSerializer, request)
        queryset = _decisions(request.user).order_by("-date", "-pk")
        if "year" in wanted:
            queryset = queryset.filter(dossier__year=wanted["year"])
        return self.list_response(
            queryset, lambda rows: s.DecisionSerializer(rows, many=True).data)


class DecisionDetailView(GenericAPIView):
    serializer_class = s.DecisionSerializer

    @extend_schema(operation_id="decisions_retrieve", tags=["decisions"],
                   summary="Một quyết định với các đề nghị của nó",
                   responses={200: s.DecisionSerializer, **_errors(403, 404, 429)})
    def get(self, request, pk: int):
        decision = _decisions(request.user).filter(pk=pk).first()
        if decision is None:
            raise Http404
        return Response(s.DecisionSerializer(decision).data)

