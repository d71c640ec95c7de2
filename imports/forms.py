from django import forms
from django.utils.translation import gettext_lazy as _

from nominations.forms import UploadField
from nominations.models import Dossier


class UploadForm(forms.Form):
    file = UploadField(label=_("Tệp Excel (.xlsx) theo mẫu"))

    def __init__(self, *args, dossiers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dossiers is not None:
            self.fields["dossier"] = forms.ModelChoiceField(
                label=_("Hồ sơ nhận danh sách đề nghị"), queryset=dossiers,
                empty_label=_("— Chọn hồ sơ đang soạn —"))
            self.fields["dossier"].label_from_instance = (
                lambda d: f"{d.title} ({d.year})")
            self.order_fields(["dossier", "file"])

    def dossier(self) -> Dossier | None:
        return self.cleaned_data.get("dossier")
