"""Domain events. `notifications` and the eligibility tasks listen; senders never import them.

Every signal is sent after the writing transaction commits (services use on_commit), so a
listener never sees data that is later rolled back.
"""

from django.dispatch import Signal

# kwargs: nomination_ids (list[int])
nominations_changed = Signal()
# kwargs: person_ids (list[int]), collective_ids (list[int]) — achievement history changed
history_changed = Signal()
# kwargs: dossier (Dossier), actor (User|None), step (str), reason (str), due (date|None)
dossier_returned = Signal()
# kwargs: dossier, actor
dossier_resubmitted = Signal()
# kwargs: dossier, decision (Decision|None), outcome ("decided"|"proposed_upward")
dossier_decided = Signal()
# kwargs: nomination, actor, step, reason
nomination_rejected = Signal()
# kwargs: dossier, actor
dossier_withdrawn = Signal()
# kwargs: province (the merged one), into (Province) — sent inside the merging transaction
# (unlike the others): the route moves the province's open tasks with its units
province_merged = Signal()
