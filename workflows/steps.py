"""The steps of the route and the outcomes a step hands to the gateway after it.

The step table itself (code, label, who acts, who heads it, scope, dossier status, default
working days and their citation, the notice's and the submit button's wording) lives in
`nominations.steps`, so the domain, the calendar and the notices read it without importing
the route; it is re-exported here. Step codes are the flow's node names and
TaskDeadline.step values.
"""

from __future__ import annotations

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
    "DRAFTED", "FORWARD", "NOTHING_LEFT", "PROPOSED_UPWARD", "RETURNED",
    "RETURNING_STEPS", "REVIEW_STEPS", "SCOPE_BLOC", "SCOPE_PROVINCE", "SCOPE_UNIT",
    "STEPS", "STEP_CHOICES", "UNIT_HEAD_SUBMIT", "UNIT_REVISE", "Step",
    "step_label",
]

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
