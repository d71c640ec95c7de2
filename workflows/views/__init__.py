"""The route's views, by concern:

- `steps`: the step screens (review, decision, approval, signature, revision) and the
  unit's send / withdraw;
- `tasks`: claim, release, reassign a task; bulk claim and release;
- `lists`: inbox, queue, archive, the process list, every task, the status list, saved
  filters;
- `case`: the case page, viewflow's process page and chart, scoped;
- `delegation`: delegations while away;
- `landing`: “Trang làm việc”;
- `common`: links and names several of them share.

The names below are the ones the flow's nodes take (`workflows.flows` builds each step
with its view, `workflows.nodes.RouteStep` its claim / release / reassign pages, both as
`views.<Name>`); everything else is imported from its module."""

from .steps import (
    ApprovalStepView,
    DecisionStepView,
    ReviewStepView,
    ReviseStepView,
    SignStepView,
)
from .tasks import ClaimTaskView, ReassignTaskView, ReleaseTaskView

__all__ = [
    "ApprovalStepView",
    "ClaimTaskView",
    "DecisionStepView",
    "ReassignTaskView",
    "ReleaseTaskView",
    "ReviewStepView",
    "ReviseStepView",
    "SignStepView",
]
