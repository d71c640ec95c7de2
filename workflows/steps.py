"""The steps of the route as data: code, Vietnamese label, who acts, who is the head.

Step codes are the flow's node names and TaskDeadline.step values.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts import roles
from nominations.choices import DossierStatus

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


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    role: str  # who acts (accounts.roles)
    head_role: str  # who the task escalates to / who may reassign it
    scope: str  # unit | bloc | province
    status: str  # the dossier status while the task waits


STEPS: dict[str, Step] = {
    s.code: s
    for s in (
        Step(UNIT_HEAD_SUBMIT, _("Thủ trưởng đơn vị ký trình"), roles.UNIT_HEAD,
             roles.UNIT_HEAD, SCOPE_UNIT, DossierStatus.AWAITING_SIGNATURE),
        Step(BLOC_VOTE, _("Khối / Cụm thi đua bình xét"), roles.BLOC_LEADER,
             roles.BLOC_LEADER, SCOPE_BLOC, DossierStatus.BLOC_VOTE),
        Step(COUNCIL_REVIEW, _("Hội đồng TĐKT xem xét"), roles.COUNCIL_SECRETARY,
             roles.COUNCIL_SECRETARY, SCOPE_PROVINCE, DossierStatus.COUNCIL_REVIEW),
        Step(BOARD_APPRAISAL, _("Ban Thi đua – Khen thưởng thẩm định"), roles.BOARD_SPECIALIST,
             roles.BOARD_HEAD, SCOPE_PROVINCE, DossierStatus.BOARD_APPRAISAL),
        Step(BOARD_HEAD_APPROVAL, _("Trưởng Ban phê duyệt"), roles.BOARD_HEAD,
             roles.BOARD_HEAD, SCOPE_PROVINCE, DossierStatus.BOARD_APPRAISAL),
        Step(COMMITTEE_DECISION, _("UBND tỉnh quyết định"), roles.COMMITTEE_OFFICER,
             roles.COMMITTEE_LEADER, SCOPE_PROVINCE, DossierStatus.COMMITTEE_DECISION),
        Step(COMMITTEE_SIGN, _("Chủ tịch UBND tỉnh ký quyết định"), roles.COMMITTEE_LEADER,
             roles.COMMITTEE_LEADER, SCOPE_PROVINCE, DossierStatus.COMMITTEE_DECISION),
        Step(UNIT_REVISE, _("Đơn vị bổ sung, hoàn thiện hồ sơ"), roles.UNIT_OFFICER,
             roles.UNIT_HEAD, SCOPE_UNIT, DossierStatus.RETURNED),
    )
}

# Steps whose reviewer may return the whole dossier to the unit (and come back after it).
RETURNING_STEPS = (UNIT_HEAD_SUBMIT, BLOC_VOTE, COUNCIL_REVIEW, BOARD_APPRAISAL)
REVIEW_STEPS = RETURNING_STEPS

# Outcomes a step writes to process.data["outcome"] for the gateway after it.
FORWARD = "forward"
RETURNED = "returned"
NOTHING_LEFT = "nothing_left"
BACK_TO_BOARD = "back_to_board"
BACK_TO_SPECIALIST = "back_to_specialist"  # the Trưởng Ban sends the appraisal back
DRAFTED = "drafted"  # the VP UBND officer recorded the decision: the Chủ tịch signs it
BACK_TO_OFFICER = "back_to_officer"  # the Chủ tịch sends the draft back to the officer
DECIDED = "decided"
PROPOSED_UPWARD = "proposed_upward"


def step_label(code: str) -> str:
    step = STEPS.get(code)
    return str(step.label) if step else code
