"""Data the route keeps beside viewflow's own Process/Task tables."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TaskDeadline(models.Model):
    """Every human task of the route gets one when it is created: its step, who it is for,
    and its due date in working days (workdays.calendar). `finished_at` is set when the task
    is done or cancelled; open deadlines are found through a partial index."""

    task = models.OneToOneField("viewflow.Task", on_delete=models.CASCADE,
                                related_name="deadline", verbose_name=_("công việc"))
    dossier = models.ForeignKey("nominations.Dossier", on_delete=models.CASCADE,
                                related_name="task_deadlines", verbose_name=_("hồ sơ"))
    step = models.CharField(_("bước"), max_length=40)
    started_on = models.DateField(_("ngày bắt đầu"))
    due_on = models.DateField(_("hạn xử lý"))
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("người đang xử lý"))
    assigned_at = models.DateTimeField(_("thời điểm nhận việc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm hoàn thành"), null=True, blank=True)

    class Meta:
        verbose_name = _("hạn xử lý công việc")
        verbose_name_plural = _("hạn xử lý công việc")
        indexes = [
            models.Index(fields=["due_on"], condition=Q(finished_at__isnull=True),
                         name="open_task_deadline_due"),
            models.Index(fields=["dossier", "step"]),
        ]

    def __str__(self) -> str:
        return f"{self.step} – hạn {self.due_on:%d/%m/%Y}"
