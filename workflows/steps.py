"""The steps of the route and the outcomes a step hands to the gateway after it.

The step table itself (code, label, who acts, who heads it, scope, dossier status, default
working days and their citation, the notice's and the submit button's wording) lives in
`nominations.steps`, so the domain, the calendar and the notices read it without importing
the route; it is re-exported here. Step codes are the flow's node names and
TaskDeadline.step values.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from nominations.steps import (
    BLOC_VOTE,
    BOARD_APPRAISAL,
    BOARD_HEAD_APPROVAL,
    COMMITTEE_DECISION,
    COMMITTEE_SIGN,
    COUNCIL_REVIEW,
    SCOPE_BLOC,
    SCOPE_PROVINCE,
    SCOPE_UNIT,
    STEP_CHOICES,
    STEPS,
    UNIT_HEAD_SUBMIT,
    UNIT_REVISE,
    Step,
    step_label,
)

__all__ = [
    "BACK_TO_BOARD", "BACK_TO_OFFICER", "BACK_TO_SPECIALIST", "BLOC_VOTE", "BOARD_APPRAISAL",
    "BOARD_HEAD_APPROVAL", "COMMITTEE_DECISION", "COMMITTEE_SIGN", "COUNCIL_REVIEW", "DECIDED",
    "DRAFTED", "FORWARD", "NOTHING_LEFT", "PROPOSED_UPWARD", "RESUBMITTED", "RETURNED",
    "RETURNING_STEPS", "REVIEW_STEPS", "SCOPE_BLOC", "SCOPE_PROVINCE", "SCOPE_UNIT",
    "STEPS", "STEP_CHOICES", "UNIT_HEAD_SUBMIT", "UNIT_REVISE", "Outcome", "Step",
    "step_label",
]

# Steps whose reviewer may return the whole dossier to the unit (and come back after it).
RETURNING_STEPS = (UNIT_HEAD_SUBMIT, BLOC_VOTE, COUNCIL_REVIEW, BOARD_APPRAISAL)
REVIEW_STEPS = RETURNING_STEPS


class Outcome(models.TextChoices):
    """What a finished step hands to the gateway after it (`DossierProcess.outcome`, kept in
    process.data["outcome"]). The values are stored: they never change."""

    FORWARD = "forward", _("Chuyển bước tiếp theo")
    RETURNED = "returned", _("Trả lại đơn vị để bổ sung")
    NOTHING_LEFT = "nothing_left", _("Không còn đề nghị nào")
    RESUBMITTED = "resubmitted", _("Đơn vị nộp lại hồ sơ đã bổ sung")
    # the committee sends the dossier back to the board's specialist
    BACK_TO_BOARD = "back_to_board", _("Trả lại Ban Thi đua – Khen thưởng")
    # the Trưởng Ban sends the appraisal back to the specialist
    BACK_TO_SPECIALIST = "back_to_specialist", _("Trả lại chuyên viên thẩm định")
    # the VP UBND officer recorded the draft decision: the Chủ tịch signs it
    DRAFTED = "drafted", _("Trình Chủ tịch UBND tỉnh ký quyết định")
    # the Chủ tịch sends the draft back to the officer
    BACK_TO_OFFICER = "back_to_officer", _("Trả lại dự thảo quyết định")
    DECIDED = "decided", _("Đã có quyết định khen thưởng")
    PROPOSED_UPWARD = "proposed_upward", _("Đã đề nghị cấp trên")


# The members by their short names: the review form's actions are FORWARD / RETURNED.
FORWARD = Outcome.FORWARD
RETURNED = Outcome.RETURNED
NOTHING_LEFT = Outcome.NOTHING_LEFT
RESUBMITTED = Outcome.RESUBMITTED
BACK_TO_BOARD = Outcome.BACK_TO_BOARD
BACK_TO_SPECIALIST = Outcome.BACK_TO_SPECIALIST
DRAFTED = Outcome.DRAFTED
BACK_TO_OFFICER = Outcome.BACK_TO_OFFICER
DECIDED = Outcome.DECIDED
PROPOSED_UPWARD = Outcome.PROPOSED_UPWARD
