"""Events of the route, for listeners such as `notifications` (sent after commit)."""

from django.dispatch import Signal

# kwargs: task (viewflow Task), deadline (TaskDeadline), recipients (list[User])
task_created = Signal()
# kwargs: task, deadline, user (the new assignee), by (how: "self", "head", "delegation"),
# actor (the user who assigned it, if any)
task_assigned = Signal()
# kwargs: task, deadline, user
task_finished = Signal()
# kwargs: delegation (Delegation), revoked (bool), actor (who made or revoked it)
delegation_changed = Signal()

# DEMO ONLY (workflows.demo, `manage.py load_demo`), sent at once, not after commit.
# kwargs: dossier_ids (list[int]), since, delta (timedelta), historic (bool),
# opened (list[TaskDeadline]: the steps the batch opened, already re-dated)
demo_redated = Signal()
# kwargs: dossier_ids (list[int]), when (datetime): the history's notices happened then
demo_history_settled = Signal()
