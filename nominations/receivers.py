"""Model receivers of the domain (connected in apps.ready): a row of a nominee's
achievement history written anywhere is announced as `signals.history_changed` once the
transaction commits (the eligibility app listens: eligibility/receivers.py), and an
attachment's stored file is removed after its row is deleted (at the end).
"""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import signals
from .models import (
    Attachment,
    Collective,
    Discipline,
    Honour,
    Initiative,
    Person,
    YearRecord,
)

# ------------------------------------------------ achievement history edited anywhere
# Decisions, the admin, imports: whatever writes a row of a nominee's history (one by one,
# through save/delete), history_changed is sent once per commit for the nominees touched,
# so their open nominations' stored eligibility verdicts go stale and are re-checked. Bulk
# writes (load_demo's bulk_create) send no model signals and are not followed.

_touched = threading.local()


def _note(person_id: int | None, collective_id: int | None) -> None:
    if not hasattr(_touched, "people"):
        _touched.people, _touched.groups = set(), set()
    if person_id:
        _touched.people.add(person_id)
    if collective_id:
        _touched.groups.add(collective_id)
    transaction.on_commit(_announce_history)  # the first callback to run sends them all


def _announce_history() -> None:
    people, groups = getattr(_touched, "people", set()), getattr(_touched, "groups", set())
    if not people and not groups:
        return
    _touched.people, _touched.groups = set(), set()
    signals.history_changed.send(sender=HISTORY_MODELS[0], person_ids=sorted(people),
                                 collective_ids=sorted(groups))


HISTORY_MODELS = (YearRecord, Honour, Initiative, Discipline)


def history_row_written(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    _note(getattr(instance, "person_id", None), getattr(instance, "collective_id", None))


def nominee_written(sender, instance, created: bool = False, **kwargs) -> None:
    """Person / Collective facts (pending review, service start, ...) changed."""
    if created or kwargs.get("raw"):
        return
    if isinstance(instance, Person):
        _note(instance.pk, None)
    else:
        _note(None, instance.pk)


for _model in HISTORY_MODELS:
    post_save.connect(history_row_written, sender=_model,
                      dispatch_uid=f"eligibility.history.save.{_model.__name__}")
    post_delete.connect(history_row_written, sender=_model,
                        dispatch_uid=f"eligibility.history.delete.{_model.__name__}")
for _model in (Person, Collective):
    post_save.connect(nominee_written, sender=_model,
                      dispatch_uid=f"eligibility.nominee.save.{_model.__name__}")


# ---------------------------------------------------------------- stored files
# An Attachment row deleted in any way (remove_attachment, a nomination removed, a draft
# soft-deleted, a cascade, a script) takes its file with it, but only once the transaction
# commits: a rollback restores the row, and the file is still there.


@receiver(post_delete, sender=Attachment, dispatch_uid="files.remove_after_commit")
def remove_file_after_commit(sender, instance: Attachment, using=None, **kwargs) -> None:
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name), using=using)
