"""What the route does when the bloc's year moves (blocs.signals, sent after commit)."""

from __future__ import annotations

import logging

from django.dispatch import receiver

from blocs.signals import bloc_vote_closed
from nominations.signals import province_merged

logger = logging.getLogger(__name__)


@receiver(bloc_vote_closed, dispatch_uid="workflows.release_bloc_vote")
def release_dossiers_waiting_for_bloc(sender, bloc_id, year, session_id=None, results=None,
                                      reasons=None, **kwargs):
    """Complete every dossier waiting at this bloc's vote for `year` with the bloc's results."""
    from .services import apply_bloc_vote

    done = apply_bloc_vote(bloc_id=bloc_id, year=year, session_id=session_id,
                           results=results or {}, reasons=reasons or {})
    logger.info("bloc %s/%s vote closed: %d dossier(s) released", bloc_id, year, len(done))


@receiver(province_merged, dispatch_uid="workflows.move_open_tasks")
def move_open_tasks_of_merged_province(sender, province, into, **kwargs):
    """The merged province's open tasks are offered to the new province's people (the
    finished ones keep the province they were done in)."""
    from .models import TaskDeadline

    moved = TaskDeadline.objects.filter(province_id=province.pk,
                                        finished_at__isnull=True).update(province_id=into.pk)
    logger.info("province %s merged into %s: %d open task(s) moved", province.pk, into.pk,
                moved)
