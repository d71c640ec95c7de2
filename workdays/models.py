from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DayOverride(models.Model):
    """A day the province declares off (nghỉ bù, nghỉ thêm) or a make-up working day (làm bù).

    Province-less rows apply everywhere (e.g. a national make-up Saturday)."""

    class Kind(models.TextChoices):
        OFF = "off", _("Ngày nghỉ")
        WORKING = "working", _("Ngày làm việc bù")

    province = models.ForeignKey("nominations.Province", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="day_overrides",
                                 verbose_name=_("tỉnh (để trống: áp dụng toàn quốc)"))
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("ngày nghỉ / làm bù")
        verbose_name_plural = _("ngày nghỉ / làm bù do tỉnh công bố")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["province", "date"], name="override_once_per_day"),
            models.UniqueConstraint(fields=["date"], condition=Q(province__isnull=True),
                                    name="national_override_once_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}"


class StepDuration(models.Model):
    """How many working days a route step may take (configurable in the admin)."""

    step = models.CharField(_("bước"), max_length=40, unique=True)
    label = models.CharField(_("tên bước"), max_length=200, blank=True)
    working_days = models.PositiveSmallIntegerField(_("số ngày làm việc"))
    citation = models.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thời hạn xử lý của bước")
        verbose_name_plural = _("thời hạn xử lý các bước")
        ordering = ["step"]

    def __str__(self) -> str:
        return f"{self.label or self.step}: {self.working_days} ngày làm việc"
