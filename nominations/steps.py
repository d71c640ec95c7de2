"""The steps of the route as data: the one table every reader uses (the flow, the task
lists, the timeline, the notices, the calendar's default durations, the review form).

Step codes are the flow's node names and the values of `TaskDeadline.step`,
`DossierEvent.step`, `Dossier.returned_from` and `StepDuration.step`: stored strings that
never change. The table is pure data (it imports only `accounts.roles` constants and this
app's `DossierStatus`), so every app may read it: `workflows.steps` re-exports it and adds
the route's outcomes, `workdays.calendar` takes its default durations from it,
`notifications.messages` its wording.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts import roles

from .choices import DossierStatus

UNIT_HEAD_SUBMIT = "unit_head_submit"
BLOC_VOTE = "bloc_vote"
COUNCIL_REVIEW = "council_review"
BOARD_APPRAISAL = "board_appraisal"
BOARD_HEAD_APPROVAL = "board_head_approval"
COMMITTEE_DECISION = "committee_decision"
COMMITTEE_SIGN = "committee_sign"
UNIT_REVISE = "unit_revise"

SCOPE_UNIT = "unit"
SCOPE_BLOC = "bloc"
SCOPE_PROVINCE = "province"

# Steps with no table row (other than these defaults) take this many working days.
FALLBACK_DAYS = 10


@dataclass(frozen=True)
class Step:
    code: str
    label: str  # the step's name on screens: lists, headings, the timeline, filters
    role: str  # who acts (accounts.roles)
    head_role: str  # who the task escalates to / who may reassign it
    scope: str  # unit | bloc | province
    status: str  # the dossier status while the task waits
    # working days the step may take unless the admin sets its StepDuration (LAW-2022.md)
    default_days: int = FALLBACK_DAYS
    citation: str = ""  # the rule behind default_days, if the law sets it
    notice_label: str = ""  # the step as a notice or an e-mail names it
    submit_label: str = ""  # the review form's "go on" choice ("" : "Chuyển bước tiếp theo")


STEPS: dict[str, Step] = {
    s.code: s
    for s in (
        Step(UNIT_HEAD_SUBMIT, _("Thủ trưởng đơn vị ký trình"), roles.UNIT_HEAD,
             roles.UNIT_HEAD, SCOPE_UNIT, DossierStatus.AWAITING_SIGNATURE,
             default_days=5,
             notice_label=_("Thủ trưởng đơn vị ký trình hồ sơ"),
             submit_label=_("Ký và trình hồ sơ")),
        Step(BLOC_VOTE, _("Khối / Cụm thi đua bình xét"), roles.BLOC_LEADER,
             roles.BLOC_LEADER, SCOPE_BLOC, DossierStatus.BLOC_VOTE,
             default_days=15,
             notice_label=_("Khối/Cụm thi đua bình xét"),
             submit_label=_("Gửi kết quả bình xét")),
        Step(COUNCIL_REVIEW, _("Hội đồng TĐKT xem xét"), roles.COUNCIL_SECRETARY,
             roles.COUNCIL_SECRETARY, SCOPE_PROVINCE, DossierStatus.COUNCIL_REVIEW,
             default_days=10,
             notice_label=_("Hội đồng Thi đua – Khen thưởng xem xét"),
             submit_label=_("Chuyển Ban Thi đua – Khen thưởng thẩm định")),
        Step(BOARD_APPRAISAL, _("Ban Thi đua – Khen thưởng thẩm định"), roles.BOARD_SPECIALIST,
             roles.BOARD_HEAD, SCOPE_PROVINCE, DossierStatus.BOARD_APPRAISAL,
             default_days=20, citation="DL-APPRAISE – NĐ 98/2023 Điều 32 k2",
             notice_label=_("Ban Thi đua – Khen thưởng thẩm định hồ sơ"),
             submit_label=_("Trình UBND tỉnh quyết định")),
        Step(BOARD_HEAD_APPROVAL, _("Trưởng Ban phê duyệt"), roles.BOARD_HEAD,
             roles.BOARD_HEAD, SCOPE_PROVINCE, DossierStatus.BOARD_APPRAISAL,
             default_days=3,
             notice_label=_("Trưởng Ban Thi đua – Khen thưởng phê duyệt kết quả thẩm định")),
        Step(COMMITTEE_DECISION, _("UBND tỉnh quyết định"), roles.COMMITTEE_OFFICER,
             roles.COMMITTEE_LEADER, SCOPE_PROVINCE, DossierStatus.COMMITTEE_DECISION,
             default_days=10,
             notice_label=_("UBND tỉnh quyết định khen thưởng")),
        Step(COMMITTEE_SIGN, _("Chủ tịch UBND tỉnh ký quyết định"), roles.COMMITTEE_LEADER,
             roles.COMMITTEE_LEADER, SCOPE_PROVINCE, DossierStatus.COMMITTEE_DECISION,
             default_days=5,
             notice_label=_("Chủ tịch UBND tỉnh ký quyết định khen thưởng")),
        Step(UNIT_REVISE, _("Đơn vị bổ sung, hoàn thiện hồ sơ"), roles.UNIT_OFFICER,
             roles.UNIT_HEAD, SCOPE_UNIT, DossierStatus.RETURNED,
             default_days=5, citation="DL-RETURN – QĐ 311/QĐ-BNV",
             notice_label=_("Đơn vị bổ sung hồ sơ bị trả lại")),
    )
}

# (code, label) for a step field's choices: the task lists' filters, the reports, the API.
STEP_CHOICES: list[tuple[str, str]] = [(code, step.label) for code, step in STEPS.items()]

# What the timeline calls the `step` of an event: the route's steps, the unit's draft, and
# the dossier statuses some services record as a step.
STEP_NAMES: dict[str, str] = {
    **dict(DossierStatus.choices),
    "draft": _("Đơn vị soạn hồ sơ"),
    **{code: step.label for code, step in STEPS.items()},
}


def step_label(code: str) -> str:
    """The step's name on screens (the code itself for an unknown one)."""
    step = STEPS.get(code)
    return str(step.label) if step else code
