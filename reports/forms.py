"""The dashboard's filters: a plain GET form whose choices are what the user may see."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.choices import NomineeKind
from nominations.steps import STEP_CHOICES
from workflows.selectors import today

from . import selectors
from .selectors import ReportFilter

ALL_YEARS = "all"


class ReportFilterForm(forms.Form):
    year = forms.ChoiceField(label=_("Năm thành tích"), required=False)
    bloc = forms.ModelChoiceField(label=_("Khối / Cụm"), queryset=None, required=False,
                                  empty_label=_("Tất cả khối / cụm"))
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None, required=False,
                                  empty_label=_("Tất cả đơn vị"))
    kind = forms.ChoiceField(label=_("Đối tượng"), required=False, choices=[
        ("", _("Cá nhân và tập thể")),
        (NomineeKind.INDIVIDUAL.value, NomineeKind.INDIVIDUAL.label),
        (NomineeKind.COLLECTIVE.value, NomineeKind.COLLECTIVE.label)])
    step = forms.ChoiceField(label=_("Bước"), required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        this_year = today().year
        self.fields["year"].choices = [(ALL_YEARS, _("Tất cả các năm"))] + [
            (str(y), str(y)) for y in range(this_year + 1, this_year - 11, -1)]
        self.fields["bloc"].queryset = selectors.bloc_choices(user)
        self.fields["unit"].queryset = selectors.unit_choices(user)
        self.fields["step"].choices = [("", _("Tất cả các bước")), *STEP_CHOICES]


def report_filter(request) -> tuple[ReportFilterForm, ReportFilter]:
    """The form (bound to the query string, the default year filled in) and the filter it
    says. A value the user may not choose (another province's unit) is left out."""
    data = request.GET.copy()
    if not data.get("year"):
        data["year"] = str(selectors.default_year(request.user))
    form = ReportFilterForm(data, user=request.user)
    form.is_valid()
    clean = {name: form.cleaned_data.get(name) for name in form.fields
             if name not in form.errors}
    year = clean.get("year") or str(selectors.default_year(request.user))
    return form, ReportFilter(
        year=int(year) if year and year != ALL_YEARS else None,
        bloc_id=clean["bloc"].pk if clean.get("bloc") else None,
        unit_id=clean["unit"].pk if clean.get("unit") else None,
        kind=clean.get("kind") or "",
        step=clean.get("step") or "")
