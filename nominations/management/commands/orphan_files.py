"""Report (and with --delete remove) stored upload files that no Attachment row refers to.

Attachment files are removed after the deleting transaction commits (nominations/receivers.py),
so orphans come only from outside that path: a caller's transaction rolled back after
`attach_file` stored its file, a crash between the two, rows deleted with raw SQL, a restored
database backup older than the media folder. Files younger than --min-age-hours (default 24)
are left alone: their upload's transaction may still be running.

    manage.py orphan_files                 # report only
    manage.py orphan_files --delete        # remove the orphans older than a day
"""

from __future__ import annotations

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from nominations.models import Attachment

UPLOADS = "uploads"


def stored_upload_names(storage=default_storage, folder: str = UPLOADS) -> list[str]:
    """Every file under `folder` in storage, as names relative to the storage root."""
    if not storage.exists(folder):
        return []
    folders, files = storage.listdir(folder)
    names = [f"{folder}/{name}" for name in files]
    for sub in folders:
        names += stored_upload_names(storage, f"{folder}/{sub}")
    return names


class Command(BaseCommand):
    help = ("Liệt kê (và xóa với --delete) các tệp tải lên không còn thuộc tệp đính kèm nào; "
            "báo cả các tệp đính kèm bị mất tệp.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--delete", action="store_true",
                            help="Xóa các tệp mồ côi cũ hơn --min-age-hours.")
        parser.add_argument("--min-age-hours", type=float, default=24,
                            help="Chỉ xóa tệp cũ hơn số giờ này (mặc định 24).")

    def handle(self, *args, delete: bool = False, min_age_hours: float = 24, **options) -> None:
        storage = default_storage
        referenced = set(Attachment.objects.values_list("file", flat=True))
        stored = stored_upload_names(storage)
        orphans = sorted(set(stored) - referenced)
        cutoff = timezone.now() - timedelta(hours=min_age_hours)
        removed = 0
        for name in orphans:
            old_enough = storage.get_modified_time(name) < cutoff
            if delete and old_enough:
                storage.delete(name)
                removed += 1
                self.stdout.write(f"đã xóa {name}")
            else:
                note = "" if old_enough else " (mới, chưa xóa)"
                self.stdout.write(f"mồ côi {name}{note}")
        missing = sorted(name for name in referenced if name and not storage.exists(name))
        for name in missing:
            self.stdout.write(f"thiếu tệp {name}")
        self.stdout.write(
            f"{len(stored)} tệp, {len(orphans)} tệp mồ côi, {removed} tệp đã xóa, "
            f"{len(missing)} tệp đính kèm bị mất tệp."
        )
