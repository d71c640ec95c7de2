from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import AttachmentKind, Basis
from .files import clean_file_name, size_error
from .models import Award, Collective, Nomination, Person
from .validation import SUMMARY_MAX_LENGTH


class UploadField(forms.FileField):
    """A file field that shows the size error on the field itself: the upload handler
    (nominations/upload_handlers.py) stopped keeping a file past settings.UPLOAD_MAX_MB and
    passed its name and size on. Content checks stay in the service (files.check_upload)."""

    def validate(self, value):
        super().validate(value)
        if value:
            error = size_error(clean_file_name(value.name), value.size or 0)
            if error is not None:
                raise error


class DossierForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=300)
    year = forms.IntegerField(label=_("Năm thành tích"), min_value=2000, max_value=2100)


def grouped_award_choices(awards) -> list:
    """Award choices grouped by who may receive them: individual titles and awards under
    "Cá nhân", collective ones under "Tập thể" (awards for both appear in both groups)."""
    from .choices import NomineeKind

    groups: dict[str, list[tuple[str, str]]] = {NomineeKind.INDIVIDUAL: [],
                                                NomineeKind.COLLECTIVE: []}
    for pk, name, kind in awards.values_list("pk", "name", "nominee_kind"):
        for group, items in groups.items():
            if kind in (group, NomineeKind.BOTH):
                items.append((str(pk), name))
    return [(str(NomineeKind(kind).label), items) for kind, items in groups.items() if items]


class NominationForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Person.objects.none(),
                                    required=False)
    collective = forms.ModelChoiceField(label=_("Tập thể"), queryset=Collective.objects.none(),
                                        required=False)
    award = forms.ModelChoiceField(label=_("Danh hiệu / hình thức đề nghị"),
                                   queryset=Award.objects.all())
    basis = forms.ChoiceField(label=_("Loại thành tích"), choices=Basis.choices,
                              initial=Basis.CONG_TRANG)
    summary = forms.CharField(label=_("Tóm tắt thành tích"), widget=forms.Textarea,
                              required=False, max_length=SUMMARY_MAX_LENGTH)
    report = UploadField(label=_("Báo cáo thành tích (PDF, DOCX, XLSX, JPG, PNG)"),
                             required=False)

    def __init__(self, *args, unit=None, **kwargs):
        super().__init__(*args, **kwargs)
        award = self.fields["award"]
        award.choices = [("", award.empty_label)] + grouped_award_choices(award.queryset)
        if unit is not None:
            self.fields["person"].queryset = Person.objects.filter(unit=unit)
            self.fields["collective"].queryset = Collective.objects.filter(unit=unit)

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("collective")):
            raise forms.ValidationError(_("Chọn đúng một đối tượng: một cá nhân hoặc một tập thể."))
        return data


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại tài liệu"), choices=AttachmentKind.choices)
    nomination = forms.ModelChoiceField(label=_("Thuộc đề nghị"),
                                        queryset=Nomination.objects.none(), required=False)
    file = UploadField(label=_("Tệp (PDF, DOCX, XLSX, JPG, PNG)"))

    def __init__(self, *args, dossier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dossier is not None:
            self.fields["nomination"].queryset = dossier.nominations.select_related(
                "award", "person", "collective")
            self.fields["nomination"].label_from_instance = (
                lambda n: f"{n.nominee} – {n.award.name}")
