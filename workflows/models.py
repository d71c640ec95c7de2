"""Data the route keeps beside viewflow's own Process/Task tables."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from viewflow import jsonstore
from viewflow.workflow.models import Process

from .steps import Outcome


class DecisionDraft(jsonstore.EmbeddedModel):
    """The decision the VP UBND officer drafts (committee_decision) and the Chủ tịch signs
    (committee_sign), kept in process.data["decision_draft"]. Every key is written, empty or
    null when not given."""

    number = jsonstore.CharField(_("số quyết định"), max_length=100)
    date = jsonstore.DateField(_("ngày ký"), null=True)
    signer = jsonstore.CharField(_("người ký"), max_length=200)
    awarded_ids = jsonstore.JSONField(_("đề nghị được khen thưởng"), default=list)  # sorted pks
    upward_letter_number = jsonstore.CharField(_("số tờ trình đề nghị cấp trên"), max_length=100)
    upward_letter_date = jsonstore.DateField(_("ngày tờ trình đề nghị cấp trên"), null=True)

    def as_dict(self) -> dict:
        """The values (dates as dates) by name."""
        return {name: getattr(self, name) for name in self._fields}


class DossierProcess(Process):
    """The route of one dossier. The dossier is the process artifact (integer pk).

    What the route remembers between its steps is kept in viewflow's `Process.data` JSON,
    one key per field below (jsonstore: no column, no migration; a key not written reads
    as None, or "" for the outcome). User fields hold the user's pk."""

    # the last finished step's result, read by the gateway after it (steps.Outcome)
    outcome = jsonstore.CharField(_("kết quả bước vừa xong"), max_length=30,
                                  choices=Outcome.choices, default="")
    # a reviewer returned the dossier to the unit: the step and the person it comes back
    # to when the unit resubmits, and the unit's deadline (unit_revise's due date)
    return_to = jsonstore.CharField(_("bước đã trả hồ sơ"), max_length=40, null=True)
    returned_by = jsonstore.IntegerField(_("người đã trả hồ sơ"), null=True)
    return_due = jsonstore.DateField(_("hạn bổ sung"), null=True)
    # a head sent the work back one step (back_from → back_to), to this person
    back_to = jsonstore.CharField(_("trả lại bước"), max_length=40, null=True)
    back_from = jsonstore.CharField(_("trả lại từ bước"), max_length=40, null=True)
    back_to_user = jsonstore.IntegerField(_("trả lại cho người"), null=True)
    # who did the work a head may send back: the board's specialist, the VP UBND officer
    appraised_by = jsonstore.IntegerField(_("chuyên viên thẩm định"), null=True)
    drafted_by = jsonstore.IntegerField(_("người dự thảo quyết định"), null=True)
    decision_draft = jsonstore.EmbeddedField(DecisionDraft, verbose_name=_("dự thảo quyết định"),
                                             null=True)

    class Meta:
        proxy = True
        verbose_name = _("lộ trình hồ sơ")
        verbose_name_plural = _("lộ trình hồ sơ")

    @property
    def dossier(self):
        return self.artifact


class TaskDeadline(models.Model):
    """Every human task of the route gets one when it is created: its step, who it is for,
    and its due date in working days (workdays.calendar). `finished_at` is set when the task
    is done or cancelled; open deadlines are found through a partial index.

    `role` and the organisation columns (`unit`, `bloc`, `province`) say who the task is
    offered to: users holding `role` in that organisation (see workflows.selectors)."""

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
    # the assignee holds the task for this absent colleague (a Delegation moved it to them)
    on_behalf_of = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("xử lý thay cho"))
    finished_at = models.DateTimeField(_("thời điểm hoàn thành"), null=True, blank=True)
    role = models.CharField(_("vai trò xử lý"), max_length=40, blank=True)
    unit = models.ForeignKey("nominations.Unit", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("đơn vị xử lý"))
    bloc = models.ForeignKey("nominations.Bloc", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("khối / cụm xử lý"))
    province = models.ForeignKey("nominations.Province", null=True, blank=True,
                                 on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("tỉnh"))

    class Meta:
        verbose_name = _("hạn xử lý công việc")
        verbose_name_plural = _("hạn xử lý công việc")
        # Every list reads open deadlines of one person, or of one role in one
        # organisation, in due-date order: partial indexes on the open rows only (3 % of a
        # province's years of tasks), so a page never walks the finished ones.
        _open = Q(finished_at__isnull=True)
        _unclaimed = Q(finished_at__isnull=True, assigned_to__isnull=True)
        indexes = [
            models.Index(fields=["due_on"], condition=_open, name="open_task_deadline_due"),
            models.Index(fields=["dossier", "step"]),
            models.Index(fields=["assigned_to", "due_on"], condition=_open,
                         name="deadline_open_assignee"),
            models.Index(fields=["province", "role", "due_on"], condition=_unclaimed,
                         name="deadline_queue_province"),
            models.Index(fields=["unit", "role", "due_on"], condition=_unclaimed,
                         name="deadline_queue_unit"),
            models.Index(fields=["bloc", "role", "due_on"], condition=_unclaimed,
                         name="deadline_queue_bloc"),
            models.Index(fields=["province", "due_on"], condition=_open,
                         name="deadline_open_province"),
            models.Index(fields=["unit", "due_on"], condition=_open,
                         name="deadline_open_unit"),
            models.Index(fields=["assigned_to", "-finished_at"],
                         condition=Q(finished_at__isnull=False),
                         name="deadline_done_assignee"),
        ]

    def __str__(self) -> str:
        return f"{self.step} – hạn {self.due_on:%d/%m/%Y}"

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.finished_at is None and self.due_on < timezone.localdate()


class Delegation(models.Model):
    """While `absent` is away (start..end inclusive), `substitute` acts on the tasks of one
    of their step roles (`role`).

    The rules (workflows.services.create_delegation, checked again on every read by
    workflows.selectors.delegations_active): the substitute holds `role` in the absent
    person's organisation, nobody names himself substitute, and only the absent person or the
    head of that role's step in the same organisation may delegate. A delegation grants no
    role: it only lets a peer take over work already held by the absent person."""

    absent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="delegations_given",
                               verbose_name=_("người vắng mặt"))
    substitute = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="delegations_received",
                                   verbose_name=_("người thay thế"))
    role = models.CharField(_("vai trò được ủy quyền"), max_length=40, blank=True)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("người lập"))
    created_at = models.DateTimeField(_("thời điểm lập"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("người thu hồi"))

    class Meta:
        verbose_name = _("ủy quyền xử lý khi vắng mặt")
        verbose_name_plural = _("ủy quyền xử lý khi vắng mặt")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")),
                                   name="delegation_end_after_start"),
            models.CheckConstraint(condition=~Q(absent=models.F("substitute")),
                                   name="delegation_not_to_self"),
            # legacy rows that broke this rule were revoked by migration 0003
            models.CheckConstraint(condition=~Q(created_by=models.F("substitute"))
                                   | Q(revoked_at__isnull=False),
                                   name="delegation_not_self_substitute"),
        ]
        indexes = [models.Index(fields=["substitute", "start", "end"]),
                   models.Index(fields=["absent", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.absent} → {self.substitute} ({self.start:%d/%m/%Y}–{self.end:%d/%m/%Y})"

    @property
    def role_label(self) -> str:
        from accounts.roles import ROLE_LABELS

        return str(ROLE_LABELS.get(self.role, self.role or "—"))


class SavedFilter(models.Model):
    """A named set of inbox/queue filters a user keeps (the query string)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="saved_task_filters", verbose_name=_("người dùng"))
    name = models.CharField(_("tên bộ lọc"), max_length=100)
    page = models.CharField(_("trang"), max_length=20, default="inbox")
    query = models.CharField(_("điều kiện lọc"), max_length=1000)
    created_at = models.DateTimeField(_("thời điểm lưu"), auto_now_add=True)

    class Meta:
        verbose_name = _("bộ lọc đã lưu")
        verbose_name_plural = _("bộ lọc đã lưu")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "name"], name="saved_filter_unique"),
        ]

    def __str__(self) -> str:
        return self.name
