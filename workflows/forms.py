"""Forms of the route's screens (Vietnamese labels). Validation that needs the database or
the user's rights lives in workflows.services."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from accounts.roles import ROLE_LABELS
from nominations.choices import DecidingLevel, DossierStatus
from nominations.forms import UploadField
from nominations.models import Award, Bloc, Nomination
from nominations.selectors import units_visible_to
from nominations.validation import TEXT_MAX_LENGTH, not_in_future

from . import selectors
from .models import TaskDeadline
from .services import NominationOutcome
from .steps import (
    BOARD_APPRAISAL,
    COUNCIL_REVIEW,
    FORWARD,
    RETURNED,
    STEP_CHOICES,
    STEPS,
    UNIT_HEAD_SUBMIT,
)

APPROVE, REJECT = "approve", "reject"
OUTCOME_CHOICES = [(APPROVE, _("Đồng ý đề nghị")), (REJECT, _("Không đề nghị"))]


def _submit_label(step: str) -> str:
    """The review form's "go on" choice: the step table's wording, else the general one."""
    known = STEPS.get(step)
    return (known.submit_label if known else "") or _("Chuyển bước tiếp theo")


class ReviewForm(forms.Form):
    """One outcome (and reason) per nomination, then: go on, or return to the unit."""

    action = forms.ChoiceField(label=_("Xử lý hồ sơ"), widget=forms.RadioSelect)
    return_reason = forms.CharField(label=_("Lý do trả lại / nội dung cần bổ sung"),
                                    widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                    max_length=TEXT_MAX_LENGTH)
    return_days = forms.IntegerField(label=_("Hạn bổ sung (số ngày làm việc)"), min_value=1,
                                     max_value=60, required=False)

    def __init__(self, *args, step: str, nominations: list[Nomination], return_days: int,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.nominations = nominations
        self.fields["action"].choices = [
            (FORWARD, _submit_label(step)),
            (RETURNED, _("Trả lại đơn vị để bổ sung, hoàn thiện")),
        ]
        self.fields["action"].initial = FORWARD
        self.fields["return_days"].initial = return_days
        if step == UNIT_HEAD_SUBMIT and any(
                n.award.deciding_level == DecidingLevel.UNIT for n in nominations):
            # the head decides these awards himself (LDTT, CSTDCS, TTLDTT, Giấy khen)
            self.fields["unit_decision_number"] = forms.CharField(
                label=_("Số quyết định khen thưởng của thủ trưởng (danh hiệu, hình thức cấp "
                        "đơn vị)"), max_length=100, required=False)
            self.fields["unit_decision_date"] = forms.DateField(
                label=_("Ngày ký quyết định của thủ trưởng"), required=False,
                validators=[not_in_future], widget=forms.DateInput(attrs={"type": "date"}))
        for n in nominations:
            initial = APPROVE
            if step == COUNCIL_REVIEW and n.council_result == "failed":
                initial = REJECT
            self.fields[f"outcome_{n.pk}"] = forms.ChoiceField(
                label=str(n), choices=OUTCOME_CHOICES, initial=initial, widget=forms.RadioSelect)
            self.fields[f"reason_{n.pk}"] = forms.CharField(
                label=_("Lý do không đề nghị"), required=False, max_length=TEXT_MAX_LENGTH)
            if step == BOARD_APPRAISAL:
                self.fields[f"opinion_{n.pk}"] = forms.CharField(
                    label=_("Ý kiến thẩm định"), required=False, initial=n.board_opinion,
                    max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2}))

    def rows(self):
        for n in self.nominations:
            yield {
                "nomination": n,
                "outcome": self[f"outcome_{n.pk}"],
                "reason": self[f"reason_{n.pk}"],
                "opinion": self[f"opinion_{n.pk}"] if self.step == BOARD_APPRAISAL else None,
            }

    def clean(self):
        data = super().clean()
        for n in self.nominations:
            if data.get(f"outcome_{n.pk}") == REJECT and not (data.get(f"reason_{n.pk}") or
                                                             "").strip():
                self.add_error(f"reason_{n.pk}", _("Vui lòng nêu lý do không đề nghị."))
        if data.get("action") == RETURNED and not (data.get("return_reason") or "").strip():
            self.add_error("return_reason", _("Vui lòng nêu lý do trả lại hồ sơ."))
        return data

    def outcomes(self) -> dict[int, NominationOutcome]:
        data = self.cleaned_data
        return {
            n.pk: NominationOutcome(
                approved=data.get(f"outcome_{n.pk}") != REJECT,
                reason=data.get(f"reason_{n.pk}", ""),
                opinion=data.get(f"opinion_{n.pk}", "") or "",
            )
            for n in self.nominations
        }


class DecisionForm(forms.Form):
    """The committee's decision, or a return to the board."""

    action = forms.ChoiceField(
        label=_("Xử lý"), widget=forms.RadioSelect, initial="decide",
        choices=[("decide", _("Ghi nhận quyết định")),
                 ("back_to_board", _("Trả lại Ban Thi đua – Khen thưởng"))])
    number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    date = forms.DateField(label=_("Ngày ký"), required=False, validators=[not_in_future],
                           widget=forms.DateInput(attrs={"type": "date"}))
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    upward_letter_number = forms.CharField(label=_("Số tờ trình đề nghị cấp trên"),
                                           max_length=100, required=False)
    upward_letter_date = forms.DateField(label=_("Ngày tờ trình đề nghị cấp trên"),
                                         required=False, validators=[not_in_future],
                                         widget=forms.DateInput(attrs={"type": "date"}))
    return_reason = forms.CharField(label=_("Lý do trả lại Ban Thi đua – Khen thưởng"),
                                    widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                    max_length=TEXT_MAX_LENGTH)

    def __init__(self, *args, nominations: list[Nomination], **kwargs):
        super().__init__(*args, **kwargs)
        self.nominations = nominations
        self.local = [n for n in nominations if not n.award.proposed_upward]
        self.upward = [n for n in nominations if n.award.proposed_upward]
        for n in self.local:
            self.fields[f"awarded_{n.pk}"] = forms.BooleanField(
                label=str(n), required=False, initial=True)

    def rows(self):
        for n in self.local:
            yield {"nomination": n, "awarded": self[f"awarded_{n.pk}"]}

    def awarded_ids(self) -> set[int]:
        return {n.pk for n in self.local if self.cleaned_data.get(f"awarded_{n.pk}")}


class ApprovalForm(forms.Form):
    """The Trưởng Ban: approve the appraisal, or send it back to the specialist."""

    action = forms.ChoiceField(
        label=_("Xử lý"), widget=forms.RadioSelect, initial="approve",
        choices=[("approve", _("Phê duyệt kết quả thẩm định, trình UBND tỉnh")),
                 ("back", _("Trả lại chuyên viên thẩm định"))])
    return_reason = forms.CharField(label=_("Ý kiến / lý do trả lại chuyên viên"),
                                    widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                    max_length=TEXT_MAX_LENGTH)

    def rows(self):
        return iter(())


class SignForm(forms.Form):
    """The Chủ tịch UBND tỉnh: sign the drafted decision (upload the signed PDF, confirm),
    or send the draft back to the officer."""

    action = forms.ChoiceField(
        label=_("Xử lý"), widget=forms.RadioSelect, initial="sign",
        choices=[("sign", _("Ký quyết định")),
                 ("back", _("Trả lại dự thảo cho Văn phòng UBND tỉnh"))])
    number = forms.CharField(label=_("Số quyết định"), max_length=100, required=False)
    date = forms.DateField(label=_("Ngày ký"), required=False, validators=[not_in_future],
                           widget=forms.DateInput(attrs={"type": "date"}))
    signer = forms.CharField(label=_("Người ký"), max_length=200, required=False)
    signed_file = UploadField(label=_("Bản quyết định đã ký (PDF)"), required=False)
    confirm = forms.BooleanField(
        label=_("Tôi xác nhận ký quyết định này; sau khi ký, quyết định có hiệu lực và hồ sơ "
                "bị khóa, không thể hoàn tác."), required=False)
    return_reason = forms.CharField(label=_("Lý do trả lại dự thảo"),
                                    widget=forms.Textarea(attrs={"rows": 3}), required=False,
                                    max_length=TEXT_MAX_LENGTH)

    def rows(self):
        return iter(())

    def clean(self):
        data = super().clean()
        if data.get("action") == "sign":
            if not data.get("signed_file") and "signed_file" not in self.errors:
                self.add_error("signed_file", _("Vui lòng tải lên bản quyết định đã ký (PDF)."))
            if not data.get("confirm"):
                self.add_error("confirm", _("Vui lòng đánh dấu xác nhận trước khi ký quyết "
                                            "định."))
        return data


class ReviseForm(forms.Form):
    note = forms.CharField(
        label=_("Nội dung đã bổ sung, hoàn thiện"), max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Vui lòng nêu nội dung đơn vị đã bổ sung, hoàn thiện "
                                      "theo yêu cầu.")})


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Lý do rút hồ sơ"), required=False,
                             max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))


class ReassignForm(forms.Form):
    to_user = forms.ModelChoiceField(label=_("Giao cho"), queryset=get_user_model().objects.none())

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["to_user"].queryset = candidates


class DelegationForm(forms.Form):
    absent = forms.ModelChoiceField(label=_("Người vắng mặt"),
                                    queryset=get_user_model().objects.none())
    role = forms.ChoiceField(
        label=_("Vai trò được ủy quyền"),
        choices=[(role, ROLE_LABELS[role]) for role in selectors.DELEGABLE_ROLES],
        help_text=_("Người thay thế phải giữ cùng vai trò, cùng đơn vị / tỉnh."))
    substitute = forms.ModelChoiceField(label=_("Người thay thế"),
                                        queryset=get_user_model().objects.none())
    start = forms.DateField(label=_("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Lý do"), max_length=300, required=False)

    def __init__(self, *args, colleagues=None, **kwargs):
        super().__init__(*args, **kwargs)
        if colleagues is not None:
            self.fields["absent"].queryset = colleagues
            self.fields["substitute"].queryset = colleagues


class SaveFilterForm(forms.Form):
    name = forms.CharField(label=_("Tên bộ lọc"), max_length=100)
    page = forms.CharField(widget=forms.HiddenInput)
    query = forms.CharField(widget=forms.HiddenInput, required=False)


# ---------------------------------------------------------------- list filters


def _units(request):
    return units_visible_to(request.user) if request else Bloc.objects.none()


def _blocs(request):
    if request is None:
        return Bloc.objects.none()
    return Bloc.objects.filter(
        memberships__unit__in=units_visible_to(request.user).values("pk")).distinct()


class RouteTaskFilter(django_filters.FilterSet):
    """Filters of the task lists (on TaskDeadline rows): step, bloc, unit, award, year,
    dossier status, overdue."""

    step = django_filters.ChoiceFilter(field_name="step", choices=STEP_CHOICES,
                                       label=_("Bước"))
    bloc = django_filters.ModelChoiceFilter(field_name="bloc", queryset=_blocs,
                                            label=_("Khối / Cụm"))
    unit = django_filters.ModelChoiceFilter(field_name="unit", queryset=_units,
                                            label=_("Đơn vị"))
    award = django_filters.ModelChoiceFilter(queryset=Award.objects.order_by("order", "name"),
                                             method="filter_award",
                                             label=_("Danh hiệu / hình thức"))
    year = django_filters.NumberFilter(field_name="dossier__year", label=_("Năm"))
    status = django_filters.ChoiceFilter(field_name="dossier__status",
                                         choices=DossierStatus.choices,
                                         label=_("Trạng thái hồ sơ"))
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("Quá hạn"))

    class Meta:
        model = TaskDeadline
        fields: list[str] = []

    def filter_award(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Nomination.objects.filter(
            dossier_id=OuterRef("dossier_id"), award=value)))

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = {"due_on__lt": selectors.today(), "finished_at__isnull": True}
        return queryset.filter(**late) if value else queryset.exclude(**late)
