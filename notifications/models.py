"""Who is told what and when.

Three tables, one job each:

* `Reminder` — a planned reminder of one deadline (a task's `TaskDeadline`, a returned
  dossier's `return_due`, or — for a unit, before it has sent a dossier — the province's
  intake date) on one day. Rows are written when the deadline opens, so the sweep
  reads only the rows due today through a partial index, never the open tasks. A due row is
  *claimed* (claim token + time) before anything is sent; a claim older than the lease may
  be taken over (the worker holding it died). Turning a row into notices is one transaction
  that also sets `sent_at`, so it happens once.
* `Notice` — one message to one person: the in-app notification centre's row and the e-mail
  outbox at the same time. `key` is unique, so the same event never makes two notices.
  The e-mail is claimed the same way, marked `sending` with its Message-ID (committed)
  just before the SMTP conversation, and `sent` only after the server accepted it; a failed
  send waits `email_next_at` (exponential backoff). A notice left `sending` by a crash is
  sent again after the lease under the same Message-ID (docs/notifications.md § 5).
* `Preference` — per person: e-mail on/off, immediately or in one daily digest.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Preference(models.Model):
    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("Gửi ngay từng thư")
        DIGEST = "digest", _("Gộp thành một thư tổng hợp mỗi ngày")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="notification_preference",
                                verbose_name=_("người dùng"))
    email_enabled = models.BooleanField(_("nhận thư điện tử"), default=True)
    delivery = models.CharField(_("cách gửi thư"), max_length=10, choices=Delivery.choices,
                                default=Delivery.IMMEDIATE)

    class Meta:
        verbose_name = _("cài đặt thông báo")
        verbose_name_plural = _("cài đặt thông báo")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_delivery_display()}"


class Reminder(models.Model):
    class Kind(models.TextChoices):
        BEFORE = "before", _("Nhắc trước hạn")
        DUE = "due", _("Nhắc đúng hạn")
        LATE = "late", _("Nhắc quá hạn")
        ESCALATE = "escalate", _("Báo cáo lãnh đạo khi quá hạn")
        RETURN_BEFORE = "return_before", _("Nhắc đơn vị trước hạn bổ sung")
        RETURN_DUE = "return_due", _("Nhắc đơn vị đúng hạn bổ sung")
        RETURN_LATE = "return_late", _("Nhắc đơn vị quá hạn bổ sung")
        INTAKE_BEFORE = "intake_before", _("Nhắc đơn vị trước hạn nộp hồ sơ của tỉnh")
        INTAKE_DUE = "intake_due", _("Nhắc đơn vị đúng hạn nộp hồ sơ của tỉnh")

    key = models.CharField(_("khóa"), max_length=120, unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    deadline = models.ForeignKey("workflows.TaskDeadline", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="reminders",
                                 verbose_name=_("hạn xử lý công việc"))
    dossier = models.ForeignKey("nominations.Dossier", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="reminders",
                                verbose_name=_("hồ sơ"))
    # a unit's reminder of the province's intake date (DL-PROVINCE): no dossier yet
    unit = models.ForeignKey("nominations.Unit", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="reminders",
                             verbose_name=_("đơn vị"))
    due_on = models.DateField(_("hạn được nhắc"))
    send_on = models.DateField(_("ngày gửi"))
    claim = models.UUIDField(_("mã nhận xử lý"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("thời điểm nhận xử lý"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("số lần thử"), default=0)
    retry_at = models.DateTimeField(_("thử lại lúc"), null=True, blank=True)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    sent_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)

    class Meta:
        verbose_name = _("lịch nhắc việc")
        verbose_name_plural = _("lịch nhắc việc")
        indexes = [
            models.Index(fields=["send_on"], condition=Q(sent_at__isnull=True),
                         name="reminder_pending_send_on"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.send_on:%d/%m/%Y}"


class Notice(models.Model):
    class Kind(models.TextChoices):
        TASK_CREATED = "task_created", _("Có công việc mới")
        TASK_ASSIGNED = "task_assigned", _("Được giao công việc")
        REMINDER = "reminder", _("Nhắc việc")
        ESCALATION = "escalation", _("Công việc quá hạn cần chỉ đạo")
        DOSSIER_RETURNED = "dossier_returned", _("Hồ sơ bị trả lại")
        RETURN_REMINDER = "return_reminder", _("Nhắc hạn bổ sung hồ sơ")
        DOSSIER_DECIDED = "dossier_decided", _("Hồ sơ đã có kết quả")
        NOMINATION_REJECTED = "nomination_rejected", _("Đề nghị không được chấp thuận")
        INTAKE_REMINDER = "intake_reminder", _("Nhắc hạn nộp hồ sơ của tỉnh")
        DELEGATION = "delegation", _("Ủy quyền xử lý khi vắng mặt")

    class Email(models.TextChoices):
        PENDING = "pending", _("Chờ gửi")
        DIGEST = "digest", _("Chờ thư tổng hợp")
        SENDING = "sending", _("Đang gửi")
        SENT = "sent", _("Đã gửi")
        SKIPPED = "skipped", _("Không gửi thư")
        FAILED = "failed", _("Gửi lỗi, đã dừng")

    key = models.CharField(_("khóa"), max_length=160, unique=True)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notices", verbose_name=_("người nhận"))
    kind = models.CharField(_("loại"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    dossier = models.ForeignKey("nominations.Dossier", null=True, blank=True,
                                on_delete=models.CASCADE, related_name="notices",
                                verbose_name=_("hồ sơ"))
    deadline = models.ForeignKey("workflows.TaskDeadline", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="notices",
                                 verbose_name=_("hạn xử lý công việc"))
    reminder = models.ForeignKey(Reminder, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="notices", verbose_name=_("lịch nhắc"))
    created_at = models.DateTimeField(_("thời điểm tạo"), auto_now_add=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    email_state = models.CharField(_("thư điện tử"), max_length=8, choices=Email.choices,
                                   default=Email.PENDING)
    email_next_at = models.DateTimeField(_("gửi thư từ"), null=True, blank=True)
    email_claim = models.UUIDField(null=True, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("số lần gửi thư"), default=0)
    email_error = models.TextField(_("lỗi gửi thư"), blank=True)
    emailed_at = models.DateTimeField(_("đã gửi thư lúc"), null=True, blank=True)
    # the Message-ID of the e-mail carrying this notice (its own, or its digest's): written
    # before the SMTP conversation, kept once sent; what to look for in the mail server's log
    email_message_id = models.CharField(_("Message-ID của thư"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notice_recipient_recent"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True),
                         name="notice_unread"),
            models.Index(fields=["email_next_at"],
                         condition=Q(email_state__in=["pending", "digest"]),
                         name="notice_email_outbox"),
            models.Index(fields=["email_claimed_at"], condition=Q(email_state="sending"),
                         name="notice_email_sending"),
        ]

    def __str__(self) -> str:
        return self.title
