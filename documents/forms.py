from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nominations.choices import NominationStatus
from nominations.models import Award, Province, Unit
from nominations.validation import not_in_future

from .kinds import DocumentKind


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm thành tích"), min_value=2000, max_value=2100,
                              initial=lambda: timezone.localdate().year - 1,
                              error_messages={
                                  "required": _("Vui lòng chọn năm."),
                                  "invalid": _("Năm thành tích phải là một số."),
                                  "min_value": _("Năm thành tích phải từ 2000 đến 2100."),
                                  "max_value": _("Năm thành tích phải từ 2000 đến 2100.")})


class NomineeListForm(forms.Form):
    """Filters of the nominee list of a year (GET)."""

    nam = _year_field()
    don_vi = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(),
                                    required=False, empty_label=_("Tất cả đơn vị"))
    hinh_thuc = forms.ModelChoiceField(label=_("Hình thức"), queryset=Award.objects.all(),
                                       required=False, empty_label=_("Tất cả hình thức"))
    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False,
                                   choices=[("", _("Tất cả trạng thái")),
                                            *NominationStatus.choices])

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units if units is not None else Unit.objects.none()


class YearForm(forms.Form):
    nam = _year_field()


class BoardLetterForm(forms.Form):
    tinh = forms.ModelChoiceField(label=_("Tỉnh"), queryset=Province.objects.none(),
                                  empty_label=None)
    nam = _year_field()
    so = forms.CharField(label=_("Số tờ trình (để trống để điền tay)"), max_length=50,
                         required=False)
    ngay = forms.DateField(label=_("Ngày tờ trình"), required=False, validators=[not_in_future],
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           help_text=_("Để trống: hôm nay."))

    def __init__(self, *args, provinces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tinh"].queryset = provinces if provinces is not None \
            else Province.objects.none()


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Tệp mẫu (.docx)"),
                           help_text=_("Tải mẫu đang dùng về, sửa trong Word và giữ các thẻ "
                                       "{{ … }} cần thiết, rồi tải lên."))
