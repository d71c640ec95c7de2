"""Excel import jobs: the uploaded workbook, its progress and the outcome of each row.

Business logic lives in services.py (writes), selectors.py (reads) and rows.py (what a
row means); the models only hold the state (docs/imports.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    HISTORY = "history", _("Quá trình thi đua, khen thưởng")
    NOMINEES = "nominees", _("Danh sách đề nghị khen thưởng")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ kiểm tra")
    VALIDATING = "validating", _("Đang kiểm tra từng dòng")
    READY = "ready", _("Đã kiểm tra – chờ xác nhận ghi")
    INVALID = "invalid", _("Có lỗi – chưa ghi dữ liệu nào")
    CONFIRMED = "confirmed", _("Đã xác nhận – chờ ghi")
    WRITING = "writing", _("Đang ghi dữ liệu")
    DONE = "done", _("Đã ghi xong")
    FAILED = "failed", _("Lỗi hệ thống – chưa ghi dữ liệu nào")


# a worker is at these; the page shows the progress bar and polls
RUNNING_STATUSES = (ImportStatus.QUEUED, ImportStatus.VALIDATING, ImportStatus.CONFIRMED,
                    ImportStatus.WRITING)


class ImportJob(models.Model):
    """One uploaded workbook: checked by a Celery task (preview), written after the user
    confirms (checked again first). Nothing is written while any row has an error."""

    kind = models.CharField(_("loại dữ liệu"), max_length=10, choices=ImportKind.choices)
    status = models.CharField(_("tình trạng"), max_length=10, choices=ImportStatus.choices,
                              default=ImportStatus.QUEUED, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("người nhập"))
    created_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)
    dossier = models.ForeignKey("nominations.Dossier", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("hồ sơ nhận danh sách đề nghị"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    # the workbook itself: the web and the worker may not share a disk (docker-compose);
    # emptied once the rows are written
    content = models.BinaryField(_("nội dung tệp"), editable=False)
    total_rows = models.PositiveIntegerField(_("tổng số dòng"), default=0)
    rows_done = models.PositiveIntegerField(_("số dòng đã xử lý"), default=0)
    counts = models.JSONField(_("số dòng theo kết quả"), default=dict, blank=True)
    file_errors = models.JSONField(_("lỗi của cả tệp"), default=list, blank=True)
    error = models.TextField(_("lỗi hệ thống"), blank=True)
    queued_at = models.DateTimeField(_("thời điểm gửi cho tiến trình nền"), null=True,
                                     blank=True)
    progress_at = models.DateTimeField(_("cập nhật tiến độ lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm ghi xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("lượt nhập Excel")
        verbose_name_plural = _("lượt nhập Excel")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at", "-id"],
                                name="importjob_by_user_newest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    @property
    def running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.rows_done / self.total_rows))


class RowAction(models.TextChoices):
    CREATE = "create", _("Thêm mới")
    UPDATE = "update", _("Cập nhật")
    UNCHANGED = "unchanged", _("Không đổi")
    ERROR = "error", _("Có lỗi")


class ImportRow(models.Model):
    """What one row of the workbook will do (or why it cannot), shown on the preview."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows",
                            verbose_name=_("lượt nhập"))
    sheet = models.CharField(_("trang tính"), max_length=40)
    row = models.PositiveIntegerField(_("dòng"))
    action = models.CharField(_("kết quả"), max_length=10, choices=RowAction.choices)
    nominee = models.CharField(_("đối tượng"), max_length=300, blank=True)
    summary = models.CharField(_("nội dung"), max_length=500, blank=True)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)

    class Meta:
        verbose_name = _("dòng nhập")
        verbose_name_plural = _("dòng nhập")
        ordering = ["job", "id"]
        indexes = [models.Index(fields=["job", "action", "id"], name="importrow_job_action")]

    def __str__(self) -> str:
        return f"{self.sheet} {self.row}: {self.action}"
