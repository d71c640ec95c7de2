"""The step screens of the route (review, decision, approval, signature, revision) and
the unit's own actions on its dossier (send it, withdraw it)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from config.confirm import confirm_page, confirmed
from config.forms import ServiceFormMixin
from nominations.catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS
from nominations.choices import AttachmentKind, NominationStatus
from nominations.models import Dossier, Nomination
from nominations.selectors import bloc_of_unit, dossiers_visible_to, missing_documents

from .. import forms, selectors, services
from ..steps import (
    BACK_TO_BOARD,
    BLOC_VOTE,
    BOARD_APPRAISAL,
    UNIT_HEAD_SUBMIT,
    UNIT_REVISE,
    step_label,
)
from .common import case_link


def checklist(dossier: Dossier, nominations: list[Nomination]) -> list[tuple[str, bool]]:
    """The dossier's required documents, each (label, present); each nomination's own on
    `nomination.checklist`."""
    have: dict[int | None, set[str]] = {}
    for nomination_id, kind in dossier.attachments.values_list("nomination_id", "kind"):
        have.setdefault(nomination_id, set()).add(kind)
    labels = dict(AttachmentKind.choices)
    for n in nominations:
        mine = have.get(n.pk, set())
        n.checklist = [(labels.get(k, k), k in mine)
                       for k in NOMINATION_DOCUMENTS.get(n.award.code, ())]
    return [(labels.get(k, k), k in have.get(None, set())) for k in DOSSIER_DOCUMENTS]


# ---------------------------------------------------------------- step screens


class StepViewMixin(ServiceFormMixin):
    """Context every step screen shows: the dossier, its nominations, the return info.

    A step view's `call_service(form)` moves the task through a service and returns the
    message to show; a refusal stays on the form (ValidationError), a conflict (the task
    moved on meanwhile) is a 409 and a refused right a 403 on the same screen."""

    template_name = "workflows/step.html"

    @property
    def task(self):
        return self.request.activation.task

    @property
    def step(self) -> str:
        return self.task.flow_task.name

    def get_dossier(self) -> Dossier:
        if not hasattr(self, "_dossier"):
            self._dossier = get_object_or_404(
                dossiers_visible_to(self.request.user), pk=self.task.process.artifact_object_id)
        return self._dossier

    def all_nominations(self) -> list[Nomination]:
        if not hasattr(self, "_nominations"):
            self._nominations = list(
                self.get_dossier().nominations.select_related(
                    "award", "person", "collective", "eligibility").order_by("pk"))
        return self._nominations

    def considered(self) -> list[Nomination]:
        active = [n for n in self.all_nominations() if n.status == NominationStatus.ACTIVE]
        if self.step == BLOC_VOTE:
            active = [n for n in active if n.award.via_bloc]
        return active

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        dossier = self.get_dossier()
        nominations = self.all_nominations()
        dossier_docs = checklist(dossier, nominations)
        deadline = getattr(self.task, "deadline", None)
        ctx.update(
            dossier=dossier, nominations=nominations, dossier_docs=dossier_docs,
            step=self.step, step_label=step_label(self.step), task=self.task,
            deadline=deadline,
            show_eligibility=self.step in (UNIT_HEAD_SUBMIT, BOARD_APPRAISAL),
            missing_documents=(missing_documents(dossier, nominations=self.considered())
                               if self.step == UNIT_HEAD_SUBMIT else []),
            case_url=case_link(dossier.pk), page_title=step_label(self.step),
            needs_claim=self.task.owner_id is None,
            bloc_session_url=self._bloc_session_url(dossier),
            resubmission=(selectors.last_resubmission(dossier, self.step)
                          if self.step != UNIT_REVISE else None),
        )
        return ctx

    def _bloc_session_url(self, dossier: Dossier) -> str | None:
        """The bloc's vote session page, from the bloc step (the step waits for its close)."""
        if self.step != BLOC_VOTE:
            return None
        membership = bloc_of_unit(dossier.unit_id, dossier.year)
        if membership is None:
            return None
        return reverse("khenthuong:blocs:session", args=[membership.bloc_id, dossier.year])

    def dispatch(self, request, *args, **kwargs):
        if self.task.status not in selectors.OPEN_STATUSES:
            # a colleague finished (or the unit withdrew) it meanwhile: say so, change nothing
            message = services.already_done(self.task).message
            if request.method != "POST":
                messages.error(request, message)
                return redirect(self.task.flow_task.reverse(
                    "detail", args=[self.task.process_id, self.task.pk]))
            return self.conflict(self.get_form(), message)
        return super().dispatch(request, *args, **kwargs)

    def conflict(self, form, message: str, status: int = 409):
        messages.error(self.request, message)
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = status
        return response

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect("khenthuong:route:inbox")

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.RouteConflict as exc:
            return self.conflict(form, exc.message)
        except PermissionDenied as exc:
            return self.conflict(form, str(exc) or _("Bạn không có quyền xử lý công việc này."),
                                 status=403)

    def service_done(self, form, message: str):
        return self.done(message)


class ReviewStepView(StepViewMixin, generic.FormView):
    """Unit head, bloc, council and board: per-nomination outcome, then forward or return."""

    form_class = forms.ReviewForm

    def get_form_kwargs(self):
        from workdays.calendar import step_working_days

        return {**super().get_form_kwargs(), "step": self.step,
                "nominations": self.considered(),
                "return_days": step_working_days("unit_revise")}

    def call_service(self, form) -> str:
        data = form.cleaned_data
        services.complete_review(
            user=self.request.user, task=self.task, action=data["action"],
            outcomes=form.outcomes(), return_reason=data.get("return_reason", ""),
            return_days=data.get("return_days"),
            unit_decision_number=data.get("unit_decision_number", ""),
            unit_decision_date=data.get("unit_decision_date"))
        return _("Đã ghi nhận kết quả bước “%(step)s”.") % {"step": step_label(self.step)}


class DecisionStepView(StepViewMixin, generic.FormView):
    form_class = forms.DecisionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "nominations": self.considered()}

    def call_service(self, form) -> str:
        data = form.cleaned_data
        if data["action"] == BACK_TO_BOARD:
            services.return_to_board(user=self.request.user, task=self.task,
                                     reason=data.get("return_reason", ""))
            return _("Đã trả hồ sơ về Ban Thi đua – Khen thưởng.")
        services.complete_decision(
            user=self.request.user, task=self.task, number=data.get("number", ""),
            date=data.get("date"), signer=data.get("signer", ""),
            awarded_ids=form.awarded_ids(),
            upward_letter_number=data.get("upward_letter_number", ""),
            upward_letter_date=data.get("upward_letter_date"))
        return _("Đã trình Chủ tịch UBND tỉnh ký quyết định.")


class ApprovalStepView(StepViewMixin, generic.FormView):
    """The Trưởng Ban approves the appraisal or sends it back to the specialist."""

    form_class = forms.ApprovalForm

    def call_service(self, form) -> str:
        data = form.cleaned_data
        services.approve_appraisal(user=self.request.user, task=self.task,
                                   action=data["action"], reason=data.get("return_reason", ""))
        if data["action"] == services.BACK:
            return _("Đã trả lại chuyên viên thẩm định.")
        return _("Đã phê duyệt kết quả thẩm định; hồ sơ được trình UBND tỉnh.")


class SignStepView(StepViewMixin, generic.FormView):
    """The Chủ tịch UBND tỉnh signs the drafted decision (signed PDF) or sends it back."""

    form_class = forms.SignForm

    def get_initial(self):
        draft = services.decision_draft(self.task.process)
        return {"number": draft.get("number", ""), "date": draft.get("date"),
                "signer": draft.get("signer") or str(self.request.user)}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        draft = services.decision_draft(self.task.process)
        awarded = set(draft.get("awarded_ids", ()))
        considered = self.considered()
        ctx["decision_draft"] = {
            **draft,
            "awarded": [n for n in considered if n.pk in awarded],
            "not_awarded": [n for n in considered
                            if n.pk not in awarded and not n.award.proposed_upward],
            "upward": [n for n in considered if n.award.proposed_upward],
        }
        return ctx

    def call_service(self, form) -> str:
        data = form.cleaned_data
        if data["action"] == "back":
            services.return_to_officer(user=self.request.user, task=self.task,
                                       reason=data.get("return_reason", ""))
            return _("Đã trả lại dự thảo quyết định cho Văn phòng UBND tỉnh.")
        services.sign_decision(
            user=self.request.user, task=self.task, signed_file=data.get("signed_file"),
            number=data.get("number", ""), date=data.get("date"),
            signer=data.get("signer", ""))
        return _("Đã ký quyết định. Hồ sơ đã được khóa.")


class ReviseStepView(StepViewMixin, generic.FormView):
    form_class = forms.ReviseForm

    def call_service(self, form) -> str:
        services.resubmit(user=self.request.user, task=self.task,
                          note=form.cleaned_data.get("note", ""))
        return _("Đã nộp lại hồ sơ.")


# ---------------------------------------------------------------- the unit's actions


class SendDossierView(LoginRequiredMixin, generic.View):
    """POST: the unit officer sends the drafted dossier to the unit head."""

    def post(self, request, dossier_pk: int):
        dossier = get_object_or_404(dossiers_visible_to(request.user), pk=dossier_pk)
        if not confirmed(request):
            missing = missing_documents(dossier)
            if not missing and selectors.active_process(dossier) is None:
                return confirm_page(
                    request, title=_("Gửi hồ sơ để thủ trưởng ký trình"),
                    message=_("Hồ sơ “%(title)s” sẽ được gửi thủ trưởng đơn vị ký trình. Sau "
                              "khi gửi, đơn vị không sửa được hồ sơ, trừ khi hồ sơ bị trả lại.")
                    % {"title": dossier.title},
                    details=[f"{n.nominee} – {n.award.name}" for n in dossier.nominations
                             .select_related("award", "person", "collective").order_by("pk")],
                    cancel_url=reverse("khenthuong:dossiers:detail", args=[dossier.pk]),
                    button=_("Gửi hồ sơ"))
            # refused below with the reason (missing documents, already sent)
        try:
            services.send_dossier(user=request.user, dossier=dossier)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Đã gửi hồ sơ để thủ trưởng đơn vị ký trình."))
        return redirect("khenthuong:dossiers:detail", dossier.pk)


class WithdrawDossierView(LoginRequiredMixin, ServiceFormMixin, generic.FormView):
    template_name = "workflows/withdraw.html"
    form_class = forms.WithdrawForm
    success_message = gettext_lazy("Đơn vị đã rút hồ sơ.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.dossier = get_object_or_404(dossiers_visible_to(request.user),
                                             pk=kwargs["dossier_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(dossier=self.dossier,
                                        page_title=_("Rút hồ sơ đề nghị"), **kwargs)

    def call_service(self, form):
        return services.withdraw(user=self.request.user, dossier=self.dossier,
                                 reason=form.cleaned_data.get("reason", ""))

    def get_success_url(self):
        return reverse("khenthuong:dossiers:detail", args=[self.dossier.pk])

