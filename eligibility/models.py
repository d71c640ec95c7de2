"""The eligibility check's data: the stored verdict of each nomination and the
province-configurable pieces of the check.

Both models were in `nominations` until issue 15 (tables `nominations_eligibilityresult`
and `nominations_eligibilitysettings`): migration `nominations.0013` renamed the tables and
`eligibility.0001` took them over without copying a row (docs/eligibility.md, "Layout").
"""

from __future__ import annotations

from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from nominations.choices import Rating
from nominations.models import Nomination, Province


class EligibilityResult(models.Model):
    """The stored verdict of the eligibility engine for a nomination (never recomputed by pages)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Đang chờ kiểm tra")
        DONE = "done", _("Đã kiểm tra")
        STALE = "stale", _("Dữ liệu đã thay đổi – đang kiểm tra lại")
        ERROR = "error", _("Lỗi khi kiểm tra")

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE,
                                      related_name="eligibility", verbose_name=_("đề nghị"))
    state = models.CharField(_("tình trạng"), max_length=8, choices=State.choices,
                             default=State.QUEUED, db_index=True)
    eligible = models.BooleanField(_("đủ điều kiện"), null=True, blank=True)
    rules = models.JSONField(_("các tiêu chí"), default=list, blank=True)
    rule_set = models.CharField(_("bộ quy tắc"), max_length=60, blank=True)
    as_of = models.DateField(_("áp dụng tại ngày"), null=True, blank=True)
    facts_hash = models.CharField(_("dấu dữ liệu"), max_length=64, blank=True)
    checked_at = models.DateTimeField(_("thời điểm kiểm tra"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    # when the pending check was marked or handed to the broker; None: the broker did not
    # take it. The beat's requeue_checks sends those, and those older than the lease, again.
    queued_at = models.DateTimeField(_("thời điểm gửi kiểm tra"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả kiểm tra điều kiện")
        verbose_name_plural = _("kết quả kiểm tra điều kiện")

    def __str__(self) -> str:
        return f"{self.nomination}: {self.eligible}"


# ---------------------------------------------------------------- eligibility settings


def default_one_use_initiatives() -> bool:
    """Field default: read from settings.ELIGIBILITY when a row is created (not at migration)."""
    from .defaults import one_use_initiatives

    return one_use_initiatives()


def default_giay_khen_min_rating() -> str:
    from .defaults import giay_khen_min_rating

    return giay_khen_min_rating()


class EligibilitySettings(models.Model):
    """The province-configurable pieces of the eligibility check (LAW-2022.md: Giấy khen
    criteria, the one-use rule for initiatives).

    One row per province, plus at most one row without a province: the default for
    provinces without their own row. With no row at all, settings.ELIGIBILITY applies.
    New rows start from settings.ELIGIBILITY. See eligibility/selectors.py. The province's
    intake date is not an eligibility setting: `nominations.ProvinceSettings`."""

    province = models.ForeignKey(Province, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+", verbose_name=_("tỉnh"),
                                 help_text=_("Để trống: áp dụng chung cho các tỉnh chưa có "
                                             "cấu hình riêng."))
    one_use_initiatives = models.BooleanField(
        _("mỗi sáng kiến / đề tài chỉ dùng cho một lần khen"),
        default=default_one_use_initiatives,
        help_text=_("GEN-ONE-USE: sáng kiến, đề tài đã dùng để xét khen thưởng thì không "
                    "được tính lại (Luật Điều 5 khoản 2 điểm c; CV 5007/BNV-TĐKT)."))
    giay_khen_min_rating = models.CharField(
        _("tiêu chuẩn Giấy khen: xếp loại tối thiểu"), max_length=4, blank=True,
        choices=Rating.choices, default=default_giay_khen_min_rating,
        help_text=_("Để trống: tiêu chuẩn Giấy khen do người thẩm định xem xét (Luật Điều 75 "
                    "khoản 2)."))
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("cấu hình xét điều kiện khen thưởng")
        verbose_name_plural = _("cấu hình xét điều kiện khen thưởng")
        constraints = [
            # one row per province, and one without a province (COALESCE makes NULL unique)
            models.UniqueConstraint(
                Coalesce("province", Value(0)), name="eligibility_settings_one_per_province",
                violation_error_message=_("Đã có cấu hình cho tỉnh này (hoặc đã có cấu hình "
                                          "mặc định chung).")),
        ]

    def __str__(self) -> str:
        return str(_("Cấu hình xét điều kiện – %(where)s")
                   % {"where": self.province.name if self.province is not None else _("mặc định")})
