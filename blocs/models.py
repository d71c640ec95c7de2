"""The bloc's year: covenant and criteria, registrations, cross-scoring, the bloc vote
(bình xét) with suy tôn, and the provincial council's ballot.

Business logic lives in services.py (writes) and selectors.py (reads); the ranking math in
ranking.py. Votes are secret: the bloc vote keeps counts per nomination and only THAT a
member unit has voted (VoteCast), never how.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    OPEN = "open", _("Đang họp")
    CLOSED = "closed", _("Đã kết thúc")


class BlocResult(models.TextChoices):
    APPROVED = "approved", _("Được đề nghị")
    REJECTED = "rejected", _("Không đề nghị")


class CouncilResult(models.TextChoices):
    PASSED = "passed", _("Đạt tỷ lệ phiếu")
    FAILED = "failed", _("Không đạt tỷ lệ phiếu")


# ---------------------------------------------------------------- covenant and scoring


class Covenant(models.Model):
    """Giao ước thi đua of one bloc for one year: the criteria members are scored on."""

    bloc = models.ForeignKey("nominations.Bloc", on_delete=models.CASCADE,
                             related_name="covenants", verbose_name=_("khối / cụm"))
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên giao ước"), max_length=300)
    signed_on = models.DateField(_("ngày ký giao ước"), null=True, blank=True)
    content = models.TextField(_("nội dung giao ước"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("ngày lập"), auto_now_add=True)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["-year", "bloc__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="one_covenant_per_bloc_year"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class Criterion(models.Model):
    """A scoring criterion of the covenant. A bonus criterion (tiêu chí điểm thưởng) can be
    earned only by the units listed in `eligible_units` (e.g. administrative reform)."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="criteria",
                                 verbose_name=_("giao ước"))
    code = models.CharField(_("mã"), max_length=20)
    name = models.CharField(_("tên tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=7, decimal_places=2)
    weight = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2, default=1)
    is_bonus = models.BooleanField(_("tiêu chí điểm thưởng"), default=False)
    eligible_units = models.ManyToManyField(
        "nominations.Unit", blank=True, related_name="+",
        verbose_name=_("đơn vị được xét điểm thưởng"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["covenant", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "code"], name="criterion_code_unique"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Registration(models.Model):
    """Đăng ký thi đua: a member unit's targets for the year."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE,
                                 related_name="registrations", verbose_name=_("giao ước"))
    unit = models.ForeignKey("nominations.Unit", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("đơn vị"))
    targets = models.TextField(_("chỉ tiêu đăng ký"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("người đăng ký"))
    registered_at = models.DateTimeField(_("thời điểm đăng ký"), auto_now=True)

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["covenant", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "unit"], name="one_registration_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.covenant}"


class ScoreSheet(models.Model):
    """One member unit's scores for another member (chấm điểm chéo), one line per criterion."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE,
                                 related_name="score_sheets", verbose_name=_("giao ước"))
    scorer = models.ForeignKey("nominations.Unit", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("đơn vị chấm"))
    scored = models.ForeignKey("nominations.Unit", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("đơn vị được chấm"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("người chấm"))
    submitted_at = models.DateTimeField(_("thời điểm chấm"), auto_now=True)

    class Meta:
        verbose_name = _("phiếu chấm điểm")
        verbose_name_plural = _("phiếu chấm điểm")
        ordering = ["covenant", "scorer__name", "scored__name"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "scorer", "scored"],
                                    name="one_sheet_per_pair"),
            models.CheckConstraint(condition=~Q(scorer=F("scored")), name="no_self_scoring"),
        ]

    def __str__(self) -> str:
        return f"{self.scorer} → {self.scored}"


class ScoreLine(models.Model):
    sheet = models.ForeignKey(ScoreSheet, on_delete=models.CASCADE, related_name="lines",
                              verbose_name=_("phiếu chấm"))
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="lines",
                                  verbose_name=_("tiêu chí"))
    points = models.DecimalField(_("điểm"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("điểm theo tiêu chí")
        verbose_name_plural = _("điểm theo tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="one_line_per_criterion"),
            models.CheckConstraint(condition=Q(points__gte=0), name="points_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"


# ---------------------------------------------------------------- the bloc vote


class VoteSession(models.Model):
    """Phiên bình xét of one bloc and year (at the year-end conference, tổng kết)."""

    bloc = models.ForeignKey("nominations.Bloc", on_delete=models.PROTECT,
                             related_name="vote_sessions", verbose_name=_("khối / cụm"))
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=SessionStatus.choices,
                              default=SessionStatus.OPEN)
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    members_count = models.PositiveSmallIntegerField(_("số đơn vị thành viên"))
    next_leader = models.ForeignKey("nominations.Unit", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("Khối trưởng năm sau (suy tôn)"))
    next_deputy = models.ForeignKey("nominations.Unit", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("Khối phó năm sau (suy tôn)"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("người mở phiên"))
    opened_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("người kết thúc phiên"))
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    minutes_docx = models.BinaryField(_("biên bản (DOCX)"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiên bình xét Khối / Cụm")
        verbose_name_plural = _("phiên bình xét Khối / Cụm")
        ordering = ["-year", "bloc__name"]
        constraints = [
            models.UniqueConstraint(fields=["bloc", "year"], name="one_vote_session_per_bloc_year"),
        ]

    def __str__(self) -> str:
        return f"{self.bloc} – {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED


class VoteItem(models.Model):
    """Counts for one nomination in the session (secret ballot: no per-unit choice kept)."""

    session = models.ForeignKey(VoteSession, on_delete=models.CASCADE, related_name="items",
                                verbose_name=_("phiên bình xét"))
    nomination = models.ForeignKey("nominations.Nomination", on_delete=models.PROTECT,
                                   related_name="bloc_vote_items", verbose_name=_("đề nghị"))
    agree = models.PositiveSmallIntegerField(_("số phiếu đồng ý"), default=0)
    disagree = models.PositiveSmallIntegerField(_("số phiếu không đồng ý"), default=0)
    result = models.CharField(_("kết quả"), max_length=10, choices=BlocResult.choices,
                              blank=True)
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("kết quả bình xét theo đề nghị")
        verbose_name_plural = _("kết quả bình xét theo đề nghị")
        ordering = ["session", "nomination_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "nomination"],
                                    name="one_item_per_nomination"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.agree}/{self.disagree}"


class VoteCast(models.Model):
    """THAT a member unit has voted in the session (prevents double voting); not how."""

    session = models.ForeignKey(VoteSession, on_delete=models.CASCADE, related_name="casts",
                                verbose_name=_("phiên bình xét"))
    unit = models.ForeignKey("nominations.Unit", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("đơn vị đã bỏ phiếu"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("người ghi nhận"))
    recorded_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("đơn vị đã bỏ phiếu")
        verbose_name_plural = _("đơn vị đã bỏ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["session", "unit"], name="one_vote_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.session})"


# ---------------------------------------------------------------- the council ballot


class CouncilMeeting(models.Model):
    """A meeting of the provincial Hội đồng Thi đua – Khen thưởng that votes on nominations
    needing a ballot (VOTE-80 / VOTE-90)."""

    province = models.ForeignKey("nominations.Province", on_delete=models.PROTECT,
                                 related_name="council_meetings", verbose_name=_("tỉnh"))
    held_on = models.DateField(_("ngày họp"))
    title = models.CharField(_("nội dung cuộc họp"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=8, choices=SessionStatus.choices,
                              default=SessionStatus.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("thư ký mở cuộc họp"))
    opened_at = models.DateTimeField(_("thời điểm mở"), auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("người kết thúc"))
    closed_at = models.DateTimeField(_("thời điểm kết thúc"), null=True, blank=True)
    minutes_docx = models.BinaryField(_("biên bản (DOCX)"), null=True, blank=True)

    class Meta:
        verbose_name = _("cuộc họp Hội đồng TĐKT")
        verbose_name_plural = _("cuộc họp Hội đồng TĐKT")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED


class CouncilMember(models.Model):
    """A member of the council for this meeting: a user, or just a name (free list).
    Every member counts in the denominator of the threshold, present or not."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE, related_name="members",
                                verbose_name=_("cuộc họp"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("tài khoản"))
    name = models.CharField(_("họ và tên"), max_length=200)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["meeting", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], condition=Q(user__isnull=False),
                                    name="council_member_user_once"),
        ]

    def __str__(self) -> str:
        return self.name


class CouncilBallot(models.Model):
    """The ballot on one nomination: votes for / against (written votes of absent members
    included, their number kept in `written_votes`), recusals in CouncilRecusal."""

    meeting = models.ForeignKey(CouncilMeeting, on_delete=models.CASCADE,
                                related_name="ballots", verbose_name=_("cuộc họp"))
    nomination = models.ForeignKey("nominations.Nomination", on_delete=models.PROTECT,
                                   related_name="council_ballots", verbose_name=_("đề nghị"))
    threshold = models.PositiveSmallIntegerField(_("ngưỡng (%)"))
    members_count = models.PositiveSmallIntegerField(_("tổng số thành viên Hội đồng"))
    votes_for = models.PositiveSmallIntegerField(_("số phiếu đồng ý"))
    votes_against = models.PositiveSmallIntegerField(_("số phiếu không đồng ý"))
    written_votes = models.PositiveSmallIntegerField(
        _("trong đó: phiếu bằng văn bản của thành viên vắng mặt"), default=0)
    result = models.CharField(_("kết quả"), max_length=10, choices=CouncilResult.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("người ghi nhận"))
    recorded_at = models.DateTimeField(_("thời điểm ghi nhận"), auto_now=True)

    class Meta:
        verbose_name = _("kết quả bỏ phiếu Hội đồng")
        verbose_name_plural = _("kết quả bỏ phiếu Hội đồng")
        ordering = ["meeting", "nomination_id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "nomination"],
                                    name="one_ballot_per_nomination"),
        ]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.votes_for}/{self.members_count}"


class CouncilRecusal(models.Model):
    """A member who does not vote on a nomination (e.g. conflict of interest), with why."""

    ballot = models.ForeignKey(CouncilBallot, on_delete=models.CASCADE, related_name="recusals",
                               verbose_name=_("phiếu"))
    member = models.ForeignKey(CouncilMember, on_delete=models.CASCADE, related_name="recusals",
                               verbose_name=_("thành viên"))
    reason = models.TextField(_("lý do không tham gia biểu quyết"))

    class Meta:
        verbose_name = _("thành viên không tham gia biểu quyết")
        verbose_name_plural = _("thành viên không tham gia biểu quyết")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "member"], name="one_recusal_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason}"
