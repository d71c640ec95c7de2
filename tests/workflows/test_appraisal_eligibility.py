"""Eligibility is checked again when appraisal starts (DOMAIN.md): the board's task is
created, the dossier's whole check (eligibility.tasks.recheck_dossier) is queued on
commit, and the board reads fresh stored verdicts (Celery is eager in tests)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from eligibility import tasks
from eligibility.models import EligibilityResult
from workflows import services

from .helpers import advance, make_dossier, post_step, review_data


def test_reaching_appraisal_queues_the_dossiers_recheck_after_commit(
        world, django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.recheck_dossier, "delay", lambda pk: queued.append(pk))
    dossier = make_dossier(world, "CSTD_TINH")
    council = advance(world, dossier, "council_review")

    with django_capture_on_commit_callbacks() as callbacks:
        services.complete_review(user=world.secretary, task=council, action="forward")
        assert queued == []  # not before the transaction commits
    for callback in callbacks:
        callback()

    assert queued == [dossier.pk]


def test_board_sees_fresh_stored_verdicts_when_appraisal_starts(
        world, client, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "CSTD_TINH", "BK_TINH")
    council = advance(world, dossier, "council_review")
    long_ago = timezone.now() - timedelta(days=400)
    for n in dossier.nominations.all():  # a verdict left from last year's facts
        EligibilityResult.objects.update_or_create(nomination=n, defaults={
            "state": "done", "eligible": True, "rules": [], "facts_hash": "old",
            "checked_at": long_ago})

    with django_capture_on_commit_callbacks(execute=True):
        response = post_step(client, world.secretary, council, review_data(dossier))
    assert response.status_code == 302

    results = EligibilityResult.objects.filter(nomination__dossier=dossier)
    assert results.count() == 2
    for result in results:
        assert result.state == "done"
        assert result.facts_hash not in ("", "old")
        assert result.checked_at > long_ago
        assert result.rules  # rule by rule, with citations, for the board
