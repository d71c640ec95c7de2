"""Events of the route, for listeners such as `notifications` (sent after commit)."""

from django.dispatch import Signal

# kwargs: task (viewflow Task), deadline (TaskDeadline), recipients (list[User])
task_created = Signal()
# kwargs: task, deadline, user (the new assignee), by (who assigned: self, head, delegation)
task_assigned = Signal()
# kwargs: task, deadline, user
task_finished = Signal()
# kwargs: delegation (Delegation), revoked (bool), actor (who made or revoked it)
delegation_changed = Signal()
