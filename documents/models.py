"""Templates of generated documents (users may upload their own) and PDF conversions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .kinds import DocumentKind


def template_upload_path(instance, filename: str) -> str:
    """document-templates/<uuid>.docx: outside uploads/, whose files `orphan_files` removes
    when no Attachment refers to them."""
    import uuid

    return f"document-templates/{uuid.uuid4().hex}.docx"


class DocumentTemplate(models.Model):
    """A user's version of a document template (.docx with docxtpl tags).

    Per kind, a province's active row wins, then an active row without province (the
    administrator's default for every province), then the file shipped in
    documents/defaults/. Older versions stay, inactive, as history."""

    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentKind.choices)
    province = models.ForeignKey("nominations.Province", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("tỉnh"),
                                 help_text=_("Để trống: dùng cho mọi tỉnh chưa có mẫu riêng."))
    file = models.FileField(_("tệp mẫu (.docx)"), upload_to=template_upload_path,
                            max_length=300)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("người tải lên"))
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                "kind", Coalesce("province", Value(0)), condition=Q(active=True),
                name="document_template_one_active",
                violation_error_message=_("Mỗi loại văn bản chỉ có một mẫu đang dùng cho "
                                          "mỗi tỉnh.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"


class PdfConversion(models.Model):
    """A generated document waiting for (or done with) its PDF conversion by the worker.

    Only the user who asked sees it; rows older than a day are removed by the next
    conversion."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chuyển sang PDF")
        DONE = "done", _("Đã xong")
        ERROR = "error", _("Lỗi khi chuyển sang PDF")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("người yêu cầu"))
    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentKind.choices)
    file_name = models.CharField(_("tên tệp"), max_length=200)
    docx = models.BinaryField(_("bản DOCX"))
    pdf = models.BinaryField(_("bản PDF"), null=True, blank=True)
    state = models.CharField(_("tình trạng"), max_length=8, choices=State.choices,
                             default=State.QUEUED)
    error = models.TextField(_("lỗi"), blank=True)
    created_at = models.DateTimeField(_("thời điểm yêu cầu"), auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(_("thời điểm xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("yêu cầu chuyển PDF")
        verbose_name_plural = _("yêu cầu chuyển PDF")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
