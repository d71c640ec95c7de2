"""Receivers of the domain signals for the eligibility check (connected in apps.ready).

Signals are sent after the writing transaction commits (nominations/signals.py), so the
receivers see committed data; they only mark results and queue the check task.
"""

from __future__ import annotations

from django.dispatch import receiver

from . import eligibility_services, signals


@receiver(signals.nominations_changed, dispatch_uid="eligibility.nominations_changed")
def queue_eligibility_check(sender, nomination_ids=(), **kwargs) -> None:
    eligibility_services.queue_checks(nomination_ids)


@receiver(signals.history_changed, dispatch_uid="eligibility.history_changed")
def mark_eligibility_stale(sender, person_ids=(), collective_ids=(), **kwargs) -> None:
    eligibility_services.mark_stale(person_ids=person_ids or (),
                                    collective_ids=collective_ids or ())
