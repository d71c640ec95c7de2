"""Writes of the route. Keyword-only, type-annotated, atomic.

Every service that moves a task takes the process lock (SelectForUpdateLock), re-reads the
task under it, and checks the acting user's right itself (can_assign / can_execute):
viewflow's transitions do not. A task already handled by someone else raises
RouteConflict with a Vietnamese message; nothing is half-written.

By concern:

- `steps`: the route step by step (send, review, the bloc's vote, the Trưởng Ban's
  approval, the draft decision and its signature, sending back, resubmission, withdrawal);
- `tasks`: a step opened or closed, and who holds a task (claim, release, reassignment);
- `delegation`: delegation while someone is away;
- `filters`: the task lists' saved filters;
- `locking`: the process lock for the services that do not go through `engine.route_move`.

The public names are re-exported here: callers write `from workflows import services` and
`services.complete_review(...)`.
"""

from ..engine import RouteConflict
from .delegation import (
    DELEGATION_MAX_DAYS,
    DELEGATION_MAX_LEAD_DAYS,
    create_delegation,
    may_delegate,
    revoke_delegation,
)
from .filters import delete_filter, save_filter
from .steps import (
    APPROVE,
    BACK,
    NominationOutcome,
    apply_bloc_vote,
    approve_appraisal,
    complete_decision,
    complete_review,
    decision_draft,
    resubmit,
    return_due_date,
    return_to_board,
    return_to_officer,
    send_dossier,
    sign_decision,
    withdraw,
)
from .tasks import (
    claim_task,
    close_step,
    open_step,
    reassign_task,
    record_assignment,
    release_task,
)

__all__ = [
    "APPROVE", "BACK", "DELEGATION_MAX_DAYS", "DELEGATION_MAX_LEAD_DAYS", "NominationOutcome",
    "RouteConflict", "apply_bloc_vote", "approve_appraisal", "claim_task", "close_step",
    "complete_decision", "complete_review", "create_delegation", "decision_draft",
    "delete_filter", "may_delegate", "open_step", "reassign_task", "record_assignment",
    "release_task", "resubmit", "return_due_date", "return_to_board", "return_to_officer",
    "revoke_delegation", "save_filter", "send_dossier", "sign_decision", "withdraw",
]
