"""The domain's core data: organisation, award catalogue, achievement history, dossiers.

Business logic lives in services.py (writes) and selectors.py (reads), not here.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .choices import (
    EVENT_ACTIONS,
    AttachmentKind,
    AwardKind,
    BallotThreshold,
    Basis,
    BlocKind,
    BlocRole,
    DecidingLevel,
    DisciplineForm,
    DossierStatus,
    Gender,
    InitiativeKind,
    InitiativeScope,
    NominationStatus,
    NomineeKind,
    Rating,
)
from .files import generated_upload_path
from .steps import STEP_NAMES

# ---------------------------------------------------------------- organisation


class Province(models.Model):
    """A province. When provinces merge (Nghị quyết 202/2025/QH15: 34 provinces from
    01/07/2025) the old one stays, with `merged_into` and `merged_on`, for its history (its
    blocs, its routes' tasks); its units and users move to the merged province
    (nominations.services.merge_provinces). docs/architecture.md, "Sáp nhập tỉnh"."""

    code = models.SlugField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_from",
                                    verbose_name=_("đã sáp nhập vào"))
    merged_on = models.DateField(_("sáp nhập từ ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("tỉnh / thành phố")
        verbose_name_plural = _("tỉnh / thành phố")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def default_intake_month() -> int | None:
    """Field default: settings.PROVINCE_INTAKE_DAY when a row is created (not at migration)."""
    from .intake import settings_intake

    intake = settings_intake()
    return intake[0] if intake else None


def default_intake_day() -> int | None:
    from .intake import settings_intake

    intake = settings_intake()
    return intake[1] if intake else None


class ProvinceSettings(models.Model):
    """A province's own settings: today its intake date for the annual dossiers
    (LAW-2022.md DL-PROVINCE, e.g. 10/12), read by the dossier pages ("Nộp sau hạn của
    tỉnh") and the units' intake reminders (selectors.intake_deadlines).

    One row per province, plus at most one row without a province: the default for
    provinces without their own row. With no row at all, settings.PROVINCE_INTAKE_DAY
    applies; a new row starts from it. (Until issue 15 the intake date was a field of the
    eligibility settings; migration 0011 copied it here.)"""

    province = models.OneToOneField(Province, null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="settings", verbose_name=_("tỉnh"),
                                    help_text=_("Để trống: áp dụng chung cho các tỉnh chưa có "
                                                "cấu hình riêng."))
    intake_month = models.PositiveSmallIntegerField(
        _("tháng nhận hồ sơ hằng năm"), null=True, blank=True, default=default_intake_month,
        validators=[MinValueValidator(1), MaxValueValidator(12)])
    intake_day = models.PositiveSmallIntegerField(
        _("ngày nhận hồ sơ hằng năm"), null=True, blank=True, default=default_intake_day,
        validators=[MinValueValidator(1), MaxValueValidator(31)])
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("cấu hình của tỉnh")
        verbose_name_plural = _("cấu hình của tỉnh")
        constraints = [
            # one row per province, and one without a province (COALESCE makes NULL unique)
            models.UniqueConstraint(
                Coalesce("province", Value(0)), name="province_settings_one_per_province",
                violation_error_message=_("Đã có cấu hình cho tỉnh này (hoặc đã có cấu hình "
                                          "mặc định chung).")),
            models.CheckConstraint(
                condition=(Q(intake_month__isnull=True, intake_day__isnull=True)
                           | Q(intake_month__isnull=False, intake_day__isnull=False)),
                name="province_settings_intake_both_or_none",
                violation_error_message=_("Nhập cả ngày và tháng nhận hồ sơ, hoặc để trống "
                                          "cả hai.")),
        ]

    def __str__(self) -> str:
        return str(_("Cấu hình của tỉnh – %(where)s")
                   % {"where": self.province.name if self.province_id else _("mặc định")})


class Unit(models.Model):
    """A member unit (cơ quan, đơn vị, doanh nghiệp) that nominates its people."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="units",
                                 verbose_name=_("tỉnh"))
    name = models.CharField(_("tên đơn vị"), max_length=300)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="unit_unique_name"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name


class Bloc(models.Model):
    """Khối / Cụm thi đua of a province; members and leadership are per year."""

    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="blocs",
                                 verbose_name=_("tỉnh"))
    name = models.CharField(_("tên khối / cụm"), max_length=300)
    kind = models.CharField(_("loại"), max_length=10, choices=BlocKind.choices,
                            default=BlocKind.KHOI)

    class Meta:
        verbose_name = _("khối / cụm thi đua")
        verbose_name_plural = _("khối / cụm thi đua")
        ordering = ["province__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="bloc_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class BlocMembership(models.Model):
    """A unit's membership of a bloc in one year, with its role (leader, deputy, member)."""

    bloc = models.ForeignKey(Bloc, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("khối / cụm"))
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="bloc_memberships",
                             verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm"))
    role = models.CharField(_("vai trò"), max_length=10, choices=BlocRole.choices,
                            default=BlocRole.MEMBER)

    class Meta:
        verbose_name = _("thành viên khối / cụm")
        verbose_name_plural = _("thành viên khối / cụm")
        ordering = ["bloc", "year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_bloc_per_unit_year"),
            models.UniqueConstraint(fields=["bloc", "year"], condition=Q(role="leader"),
                                    name="one_leader_per_bloc_year"),
            models.UniqueConstraint(fields=["bloc", "year"], condition=Q(role="deputy"),
                                    name="one_deputy_per_bloc_year"),
        ]
        indexes = [models.Index(fields=["bloc", "year", "role"])]

    def __str__(self) -> str:
        return f"{self.unit} – {self.bloc} ({self.year})"


class Person(models.Model):
    """An individual nominee (fictional in demo data)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people",
                             verbose_name=_("đơn vị"))
    full_name = models.CharField(_("họ và tên"), max_length=200)
    gender = models.CharField(_("giới tính"), max_length=3, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    service_start = models.DateField(_("ngày bắt đầu công tác"), null=True, blank=True)
    deceased = models.BooleanField(_("đã từ trần"), default=False)
    pending_review = models.BooleanField(
        _("đang bị xem xét kỷ luật / điều tra / thanh tra / khiếu nại"), default=False)

    class Meta:
        verbose_name = _("cá nhân")
        verbose_name_plural = _("cá nhân")
        ordering = ["unit__name", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class Collective(models.Model):
    """A collective nominee: the whole unit, or a sub-collective (phòng, tổ, chi nhánh)."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="collectives",
                             verbose_name=_("đơn vị"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children", verbose_name=_("thuộc tập thể"))
    name = models.CharField(_("tên tập thể"), max_length=300)
    is_whole_unit = models.BooleanField(_("là toàn đơn vị"), default=False)
    female_share = models.PositiveSmallIntegerField(_("tỷ lệ nữ (%)"), null=True, blank=True)
    pending_review = models.BooleanField(_("đang bị thanh tra / điều tra / khiếu nại"),
                                         default=False)

    class Meta:
        verbose_name = _("tập thể")
        verbose_name_plural = _("tập thể")
        ordering = ["unit__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit"], condition=Q(is_whole_unit=True),
                                    name="one_whole_unit_collective"),
        ]

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------- award catalogue


class Award(models.Model):
    """A title or award of LAW-2022.md (rows come from nominations.catalogue)."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    nominee_kind = models.CharField(_("đối tượng"), max_length=12, choices=NomineeKind.choices)
    deciding_level = models.CharField(_("cấp quyết định"), max_length=10,
                                      choices=DecidingLevel.choices)
    via_bloc = models.BooleanField(_("qua bình xét Khối / Cụm"), default=False)
    ballot_threshold = models.PositiveSmallIntegerField(
        _("ngưỡng bỏ phiếu Hội đồng"), choices=BallotThreshold.choices, default=0)
    cash_multiplier = models.DecimalField(_("hệ số tiền thưởng"), max_digits=5,
                                          decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("danh hiệu / hình thức khen thưởng")
        verbose_name_plural = _("danh mục khen thưởng")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def proposed_upward(self) -> bool:
        return self.deciding_level == DecidingLevel.CENTRAL


# ---------------------------------------------------------------- achievement history


class NomineeRef(models.Model):
    """Abstract: exactly one of person / collective."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("cá nhân"))
    collective = models.ForeignKey(Collective, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="+", verbose_name=_("tập thể"))

    class Meta:
        abstract = True

    @property
    def nominee(self) -> Person | Collective | None:
        return self.person if self.person_id else self.collective

    @classmethod
    def one_nominee_constraint(cls, name: str) -> models.CheckConstraint:
        return models.CheckConstraint(
            condition=(Q(person__isnull=False, collective__isnull=True)
                       | Q(person__isnull=True, collective__isnull=False)),
            name=name,
        )


class YearRecord(NomineeRef):
    """One evaluation year of a nominee: the task-completion rating, and for collectives
    the member figures; for people, months in service that year."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="year_records", verbose_name=_("cá nhân"))
    collective = models.ForeignKey(Collective, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="year_records", verbose_name=_("tập thể"))
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=4, choices=Rating.choices)
    months_in_service = models.PositiveSmallIntegerField(_("số tháng công tác trong năm"),
                                                         null=True, blank=True)
    members_total = models.PositiveIntegerField(_("tổng số thành viên"), null=True, blank=True)
    members_at_least_ht = models.PositiveIntegerField(_("số hoàn thành nhiệm vụ trở lên"),
                                                      null=True, blank=True)
    members_ldtt = models.PositiveIntegerField(_("số đạt Lao động tiên tiến"), null=True,
                                               blank=True)
    members_cstdcs = models.PositiveIntegerField(_("số đạt CSTĐ cơ sở"), null=True, blank=True)
    members_disciplined = models.PositiveIntegerField(
        _("số bị kỷ luật từ cảnh cáo trở lên"), null=True, blank=True)

    class Meta:
        verbose_name = _("kết quả năm")
        verbose_name_plural = _("kết quả đánh giá hằng năm")
        ordering = ["year"]
        constraints = [
            NomineeRef.one_nominee_constraint("yearrecord_one_nominee"),
            models.UniqueConstraint(fields=["person", "year"], condition=Q(person__isnull=False),
                                    name="yearrecord_person_year"),
            models.UniqueConstraint(fields=["collective", "year"],
                                    condition=Q(collective__isnull=False),
                                    name="yearrecord_collective_year"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee} {self.year}: {self.rating}"


class Honour(NomineeRef):
    """A title held or an award received (the nominee's history), with its decision."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="honours", verbose_name=_("cá nhân"))
    collective = models.ForeignKey(Collective, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="honours", verbose_name=_("tập thể"))
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="honours",
                              verbose_name=_("danh hiệu / hình thức"))
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    basis = models.CharField(_("loại thành tích"), max_length=12, choices=Basis.choices,
                             default=Basis.CONG_TRANG)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    nomination = models.ForeignKey("Nomination", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="honours", verbose_name=_("từ đề nghị"))

    class Meta:
        verbose_name = _("thành tích đã được khen")
        verbose_name_plural = _("danh hiệu và khen thưởng đã nhận")
        ordering = ["year", "award__order"]
        constraints = [
            NomineeRef.one_nominee_constraint("honour_one_nominee"),
            models.UniqueConstraint(fields=["person", "award", "year", "basis"],
                                    condition=Q(person__isnull=False),
                                    name="honour_person_unique"),
            models.UniqueConstraint(fields=["collective", "award", "year", "basis"],
                                    condition=Q(collective__isnull=False),
                                    name="honour_collective_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.award.name} {self.year} – {self.nominee}"


class Initiative(NomineeRef):
    """An initiative (sáng kiến) or science project (đề tài) recognised for a nominee."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="initiatives", verbose_name=_("cá nhân"))
    collective = models.ForeignKey(Collective, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="initiatives", verbose_name=_("tập thể"))
    code = models.CharField(_("mã"), max_length=50, unique=True)
    title = models.CharField(_("tên"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm công nhận / nghiệm thu"))
    kind = models.CharField(_("loại"), max_length=10, choices=InitiativeKind.choices,
                            default=InitiativeKind.SANG_KIEN)
    scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=10,
                             choices=InitiativeScope.choices, default=InitiativeScope.CO_SO)
    used_for = models.ForeignKey(Award, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+", verbose_name=_("đã dùng để xét"))
    used_for_honour = models.ForeignKey(Honour, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="initiatives_used",
                                        verbose_name=_("đã dùng cho khen thưởng"))

    class Meta:
        verbose_name = _("sáng kiến / đề tài")
        verbose_name_plural = _("sáng kiến / đề tài")
        ordering = ["year", "code"]
        constraints = [NomineeRef.one_nominee_constraint("initiative_one_nominee")]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class Discipline(models.Model):
    """A discipline period of a person (kỷ luật), from start to end (inclusive)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines",
                               verbose_name=_("cá nhân"))
    form = models.CharField(_("hình thức"), max_length=16, choices=DisciplineForm.choices)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    decision_ref = models.CharField(_("quyết định kỷ luật"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("kỷ luật")
        verbose_name_plural = _("kỷ luật")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")),
                                   name="discipline_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_form_display()} ({self.start}–{self.end})"


# ---------------------------------------------------------------- dossiers


class Dossier(models.Model):
    """Hồ sơ đề nghị khen thưởng: one unit, one year, several nominations."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="dossiers",
                             verbose_name=_("đơn vị"))
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    title = models.CharField(_("trích yếu"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=20, choices=DossierStatus.choices,
                              default=DossierStatus.DRAFT, db_index=True)
    returned_from = models.CharField(_("bị trả lại từ bước"), max_length=40, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    return_due = models.DateField(_("hạn bổ sung"), null=True, blank=True)
    upward_letter_number = models.CharField(_("số tờ trình đề nghị cấp trên"), max_length=100,
                                            blank=True)
    upward_letter_date = models.DateField(_("ngày tờ trình đề nghị cấp trên"), null=True,
                                          blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)
    submitted_at = models.DateTimeField(_("ngày trình"), null=True, blank=True)
    # Soft delete of a draft (services.delete_draft_dossier): the row and its timeline stay,
    # the selectors no longer show it, its files are removed.
    deleted_at = models.DateTimeField(_("thời điểm xóa"), null=True, blank=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người xóa"))

    # Not columns: set on a page's rows by selectors.with_nomination_counts and
    # selectors.with_intake_deadlines (lists, the dossier page, the API).
    nomination_count: int
    intake_deadline: date | None
    sent_late: bool

    class Meta:
        verbose_name = _("hồ sơ đề nghị khen thưởng")
        verbose_name_plural = _("hồ sơ đề nghị khen thưởng")
        ordering = ["-year", "-created_at"]
        indexes = [
            models.Index(fields=["unit", "year"]),
            models.Index(fields=["year", "status"]),
            # a province's dossiers of one year per status (the status page), index only
            models.Index(fields=["unit", "year", "status"], condition=Q(deleted_at__isnull=True),
                         name="dossier_live_unit_year_status"),
            # lists newest first (a province's dossier list takes 50 rows of 40,000)
            models.Index(fields=["-year", "-created_at", "-id"],
                         condition=Q(deleted_at__isnull=True), name="dossier_live_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.unit}, {self.year})"


class Nomination(NomineeRef):
    """One nominee × one award inside a dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="nominations",
                                verbose_name=_("hồ sơ"))
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations", verbose_name=_("cá nhân"))
    collective = models.ForeignKey(Collective, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="nominations", verbose_name=_("tập thể"))
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="nominations",
                              verbose_name=_("danh hiệu / hình thức đề nghị"))
    basis = models.CharField(_("loại thành tích"), max_length=12, choices=Basis.choices,
                             default=Basis.CONG_TRANG)
    summary = models.TextField(_("tóm tắt thành tích"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=NominationStatus.choices,
                              default=NominationStatus.ACTIVE, db_index=True)
    outcome_reason = models.TextField(_("lý do"), blank=True)
    outcome_step = models.CharField(_("tại bước"), max_length=40, blank=True)
    bloc_result = models.CharField(_("kết quả bình xét Khối/Cụm"), max_length=20, blank=True)
    council_result = models.CharField(_("kết quả Hội đồng"), max_length=20, blank=True)
    board_opinion = models.TextField(_("ý kiến thẩm định"), blank=True)
    decision = models.ForeignKey("Decision", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="nominations", verbose_name=_("quyết định"))
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật"), auto_now=True)

    class Meta:
        verbose_name = _("đề nghị")
        verbose_name_plural = _("đề nghị")
        ordering = ["dossier", "id"]
        constraints = [
            NomineeRef.one_nominee_constraint("nomination_one_nominee"),
            models.UniqueConstraint(fields=["dossier", "person", "award"],
                                    condition=Q(person__isnull=False),
                                    name="nomination_person_once"),
            models.UniqueConstraint(fields=["dossier", "collective", "award"],
                                    condition=Q(collective__isnull=False),
                                    name="nomination_collective_once"),
        ]

    def __str__(self) -> str:
        return f"{self.nominee} – {self.award.name}"


class Attachment(models.Model):
    """A file of a dossier (tờ trình, biên bản) or of one nomination (báo cáo, minh chứng).

    Content is checked (PDF, DOCX, XLSX, JPG, PNG) and stored under a generated name; the
    original name is kept for display and download.
    """

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments",
                                verbose_name=_("hồ sơ"))
    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="attachments", verbose_name=_("đề nghị"))
    kind = models.CharField(_("loại tài liệu"), max_length=24, choices=AttachmentKind.choices)
    file = models.FileField(_("tệp"), upload_to=generated_upload_path, max_length=300)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("định dạng"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("người tải lên"))
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), auto_now_add=True)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class Decision(models.Model):
    """The committee's decision (quyết định khen thưởng) for a dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="decisions",
                                verbose_name=_("hồ sơ"))
    number = models.CharField(_("số quyết định"), max_length=100)
    date = models.DateField(_("ngày ký"))
    signer = models.CharField(_("người ký"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("người ghi nhận"))
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"QĐ {self.number} ngày {self.date:%d/%m/%Y}"


class DossierEvent(models.Model):
    """Every action on a dossier: who, when, what, why (the case timeline)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events",
                                verbose_name=_("hồ sơ"))
    # SET_NULL: removing a nomination from a draft keeps its events (the audit trail)
    nomination = models.ForeignKey(Nomination, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="events", verbose_name=_("đề nghị"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("người thực hiện"))
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    action = models.CharField(_("hành động"), max_length=40)
    step = models.CharField(_("bước"), max_length=40, blank=True)
    reason = models.TextField(_("lý do / ghi chú"), blank=True)
    data = models.JSONField(_("chi tiết"), default=dict, blank=True)

    class Meta:
        verbose_name = _("nhật ký hồ sơ")
        verbose_name_plural = _("nhật ký hồ sơ")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["dossier", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"

    @property
    def action_label(self) -> str:
        return str(EVENT_ACTIONS.get(self.action, self.action))

    @property
    def step_label(self) -> str:
        return str(STEP_NAMES.get(self.step, self.step))

    @property
    def actor_label(self) -> str:
        """Who acted, as the timeline shows it: "B (thay mặt A)" for a substitute."""
        who = str(self.actor) if self.actor_id else "—"
        absent = (self.data or {}).get("on_behalf_of_name")
        return _("%(who)s (thay mặt %(absent)s)") % {"who": who, "absent": absent} if absent \
            else who


# ---------------------------------------------------------------- field defaults of old migrations
# Migration 0004 (EligibilitySettings, now eligibility.EligibilitySettings) names these as
# its fields' defaults: they stay importable here.


def default_one_use_initiatives() -> bool:
    from eligibility.models import default_one_use_initiatives

    return default_one_use_initiatives()


def default_giay_khen_min_rating() -> str:
    from eligibility.models import default_giay_khen_min_rating

    return default_giay_khen_min_rating()
