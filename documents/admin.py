from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from nominations.files import clean_file_name

from .models import DocumentTemplate
from .rendering import check_template


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ("kind", "province", "file", "active")

    def clean(self):
        data = super().clean()
        uploaded = data.get("file")
        if uploaded is not None and hasattr(uploaded, "content_type") and data.get("kind"):
            try:
                check_template(uploaded, data["kind"])
            except ValidationError as exc:
                self.add_error("file", exc)
        return data


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """The same checks as the templates page (rendering.check_template)."""

    form = DocumentTemplateForm
    list_display = ("kind", "province", "original_name", "uploaded_by", "uploaded_at", "active")
    list_filter = ("kind", "active", "province")
    list_select_related = ("province", "uploaded_by")

    def save_model(self, request, obj, form, change):
        if "file" in form.changed_data:
            obj.original_name = clean_file_name(form.cleaned_data["file"].name,
                                                extension="docx")
        if not obj.uploaded_by_id:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
