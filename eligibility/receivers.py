"""Receivers of the eligibility check (connected in EligibilityAppConfig.ready).

The domain's signals (nominations/signals.py) are sent after the writing transaction
commits, so the receivers see committed data; they only mark results and queue the check
task:

- `nominations_changed` (a nomination created or changed): its result is queued;
- `history_changed` (a nominee's achievement history changed anywhere: decisions, the
  admin, imports — nominations/receivers.py announces the model writes): the results of
  their open nominations go stale and are re-checked;
- an `EligibilitySettings` row saved or deleted: the results of the open nominations it
  governs go stale and are re-checked.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from nominations import signals

from . import services
from .models import EligibilitySettings


@receiver(signals.nominations_changed, dispatch_uid="eligibility.nominations_changed")
def queue_eligibility_check(sender, nomination_ids=(), **kwargs) -> None:
    services.queue_checks(nomination_ids)


@receiver(signals.history_changed, dispatch_uid="eligibility.history_changed")
def mark_eligibility_stale(sender, person_ids=(), collective_ids=(), **kwargs) -> None:
    services.mark_stale(person_ids=person_ids or (), collective_ids=collective_ids or ())


@receiver(post_save, sender=EligibilitySettings, dispatch_uid="eligibility.settings.save")
@receiver(post_delete, sender=EligibilitySettings, dispatch_uid="eligibility.settings.delete")
def settings_written(sender, instance: EligibilitySettings, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    province_id = instance.province_id
    transaction.on_commit(lambda: services.mark_stale_for_settings(province_id))
