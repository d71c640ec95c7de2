"""Forms of the bloc pages: they only shape input; the services validate and decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import COUNCIL_MEMBER, COUNCIL_SECRETARY
from nominations.models import Nomination, Unit
from nominations.validation import LONG_TEXT_MAX_LENGTH, TEXT_MAX_LENGTH

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CovenantForm(forms.Form):
    title = forms.CharField(label=_("Tên giao ước"), max_length=300)
    signed_on = forms.DateField(label=_("Ngày ký"), required=False, widget=DATE_INPUT)
    content = forms.CharField(label=_("Nội dung giao ước"), widget=forms.Textarea,
                              required=False, max_length=LONG_TEXT_MAX_LENGTH)


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("Mã tiêu chí"), max_length=20)
    name = forms.CharField(label=_("Tên tiêu chí"), max_length=300)
    max_points = forms.DecimalField(label=_("Điểm tối đa"), max_digits=7, decimal_places=2)
    weight = forms.DecimalField(label=_("Hệ số"), max_digits=5, decimal_places=2, initial=1)
    is_bonus = forms.BooleanField(label=_("Tiêu chí điểm thưởng (chỉ một số đơn vị được xét)"),
                                  required=False)
    eligible_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được xét điểm thưởng"), queryset=Unit.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["eligible_units"].queryset = members


class RegistrationForm(forms.Form):
    targets = forms.CharField(label=_("Chỉ tiêu đăng ký thi đua"), widget=forms.Textarea,
                              max_length=LONG_TEXT_MAX_LENGTH)


class ScoreForm(forms.Form):
    """One text field per criterion the scored unit can earn (the service checks the range)."""

    def __init__(self, *args, criteria=(), initial_points=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_points = initial_points or {}
        for c in criteria:
            self.fields[f"c_{c.pk}"] = forms.CharField(
                label=f"{c.code}. {c.name} (tối đa {c.max_points}"
                      f"{', hệ số ' + str(c.weight) if c.weight != 1 else ''})",
                initial=initial_points.get(c.pk, ""),
                widget=forms.TextInput(attrs={"inputmode": "decimal"}))
        self.criteria = list(criteria)

    def points(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(f"c_{c.pk}", "") for c in self.criteria}


class OpenSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp bình xét"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)


class ElectForm(forms.Form):
    leader = forms.ModelChoiceField(label=_("Khối trưởng năm sau"), queryset=Unit.objects.none())
    deputy = forms.ModelChoiceField(label=_("Khối phó năm sau"), queryset=Unit.objects.none())

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["leader"].queryset = members
            self.fields["deputy"].queryset = members


class CloseSessionForm(forms.Form):
    flag_nomination = forms.ModelChoiceField(
        label=_("Đơn vị Khối chọn đề nghị Cờ thi đua (chỉ khi ngang phiếu và ngang điểm)"),
        queryset=Nomination.objects.none(), required=False)

    def __init__(self, *args, flag_candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if flag_candidates is not None:
            self.fields["flag_nomination"].queryset = flag_candidates


class CouncilMeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Ngày họp"), widget=DATE_INPUT)
    title = forms.CharField(label=_("Nội dung cuộc họp"), max_length=300)
    member_users = forms.ModelMultipleChoiceField(
        label=_("Thành viên Hội đồng có tài khoản"), queryset=User.objects.none(),
        required=False, widget=forms.CheckboxSelectMultiple)
    member_names = forms.CharField(
        label=_("Thành viên khác (mỗi dòng một người)"), widget=forms.Textarea, required=False,
        max_length=TEXT_MAX_LENGTH)

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        if province is not None:
            self.fields["member_users"].queryset = User.objects.filter(
                province=province, groups__name__in=[COUNCIL_MEMBER, COUNCIL_SECRETARY],
                is_active=True).distinct().order_by("full_name", "username")

    def names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("member_names", "").splitlines()
                if line.strip()]


class CouncilBallotForm(forms.Form):
    votes_for = forms.CharField(label=_("Số phiếu đồng ý (kể cả phiếu bằng văn bản)"))
    votes_against = forms.CharField(label=_("Số phiếu không đồng ý (kể cả phiếu bằng văn bản)"))
    written_votes = forms.CharField(
        label=_("Trong đó: số phiếu bằng văn bản của thành viên vắng mặt"), initial="0",
        required=False)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        for m in self.members:
            self.fields[f"recuse_{m.pk}"] = forms.CharField(
                label=_("%(name)s không tham gia biểu quyết – lý do") % {"name": m.name},
                required=False, max_length=TEXT_MAX_LENGTH)

    def recusals(self) -> dict[int, str]:
        return {m.pk: self.cleaned_data[f"recuse_{m.pk}"] for m in self.members
                if (self.cleaned_data.get(f"recuse_{m.pk}") or "").strip()}
