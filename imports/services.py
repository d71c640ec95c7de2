"""Writes of the Excel import: take an upload, check it in the background, write it once
the user confirms. Keyword-only, type-annotated.

    create_job(user=, kind=, uploaded=, dossier=)  upload checked (size, zip bomb, macros,
                                                   .xlsx) and stored; the check task queued
    check_job(job_id)                              the task: read + check every row (preview)
    confirm_job(user=, job=)                       the write task queued (ready jobs only)
    write_job(job_id)                              the task: check again, then write all rows
                                                   in one transaction, or nothing
    requeue_jobs()                                 beat: jobs whose task the broker lost

New history rows are inserted in bulk and `history_changed` is sent for their nominees
after commit (what nominations/receivers.py does for rows saved one by one, as updates
are), so the eligibility results of their open nominations are marked stale and checked
again.
Nominee lists go through nominations.services.add_nomination / update_nomination, with
their permission checks and timeline events.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config.celery import dispatch, dispatch_on_commit
from nominations import signals
from nominations.files import check_upload, clean_file_name
from nominations.models import Discipline, Dossier, Honour, Initiative, YearRecord

from . import selectors
from .models import ImportJob, ImportKind, ImportRow, ImportStatus, RowAction
from .rows import PROGRESS_EVERY, Checked, Checker, read_workbook

logger = logging.getLogger(__name__)

REQUEUE_AFTER = timedelta(minutes=2)  # queued but not started: the broker lost it
LEASE = timedelta(minutes=10)  # started but no progress for this long: the worker died
BULK_SIZE = 500  # new history rows per INSERT (and per progress report)


def _refuse_non_xlsx(name: str) -> ValidationError:
    return ValidationError(
        _("Tệp “%(name)s” không phải tệp Excel .xlsx. Hãy tải mẫu về, nhập dữ liệu và lưu "
          "dưới dạng Excel Workbook (.xlsx).") % {"name": name}, code="bad_type")


@transaction.atomic
def create_job(*, user, kind: str, uploaded, dossier: Dossier | None = None) -> ImportJob:
    """Check the upload like every other (nominations.files.check_upload: size, zip bomb,
    macros and other active content, content type), keep it, queue its check."""
    if kind not in ImportKind.values:
        raise ValidationError(_("Loại dữ liệu nhập không hợp lệ."))
    if not selectors.can_import(user, kind):
        raise PermissionDenied(_("Bạn không có quyền nhập loại dữ liệu này."))
    if kind == ImportKind.NOMINEES:
        if dossier is None:
            raise ValidationError({"dossier": _("Chọn hồ sơ đang soạn để nhận danh sách.")})
        if not selectors.may_import_into(user, dossier):
            raise ValidationError({"dossier": _("Hồ sơ này không sửa được (chỉ hồ sơ đang "
                                                "soạn hoặc bị trả lại của đơn vị bạn).")})
    else:
        dossier = None
    name = clean_file_name(getattr(uploaded, "name", "") or "")
    try:
        checked = check_upload(uploaded)
    except ValidationError as exc:
        if exc.code in ("bad_type", "mismatch"):
            raise _refuse_non_xlsx(name) from None
        raise
    if checked.extension != "xlsx":
        raise _refuse_non_xlsx(name)
    uploaded.seek(0)
    job = ImportJob.objects.create(
        kind=kind, created_by=user, dossier=dossier, original_name=name, size=checked.size,
        content=uploaded.read(), queued_at=timezone.now())
    from . import tasks

    dispatch_on_commit(tasks.check_job, job.pk)
    return job


def _claim(job_id: int, source: str, target: str) -> ImportJob | None:
    """Compare-and-set: only one task runs a job's step, however often it was sent."""
    now = timezone.now()
    if not ImportJob.objects.filter(pk=job_id, status=source).update(
            status=target, rows_done=0, progress_at=now):
        return None
    return ImportJob.objects.select_related("created_by", "dossier").get(pk=job_id)


def _progress(job_id: int):
    def report(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(rows_done=done, total_rows=total,
                                                   progress_at=timezone.now())
    return report


def _check(job: ImportJob, progress=None) -> Checked:
    user = job.created_by
    if job.kind == ImportKind.NOMINEES:
        dossier = None if job.dossier_id is None else (
            Dossier.objects.filter(pk=job.dossier_id).select_related("unit").first())
        if dossier is None or not selectors.may_import_into(user, dossier):
            return Checked([], [_("Hồ sơ nhận danh sách không còn sửa được (đã gửi đi, đã xóa "
                                  "hoặc bạn không còn quyền).")], 0)
        job.dossier = dossier
    reading = read_workbook(bytes(job.content), job.kind, progress)
    return Checker(user=user, kind=job.kind, dossier=job.dossier).check(reading)


def _counts(checked: Checked) -> dict[str, int]:
    counts = dict.fromkeys(RowAction.values, 0)
    for outcome in checked.outcomes:
        counts[outcome.action] += 1
    return counts


def _store_rows(job: ImportJob, checked: Checked) -> None:
    ImportRow.objects.filter(job=job).delete()
    ImportRow.objects.bulk_create(
        [ImportRow(job=job, sheet=o.sheet, row=o.row, action=o.action,
                   nominee=o.nominee[:300], summary=o.summary[:500], errors=o.errors)
         for o in checked.outcomes], batch_size=1000)


def _finish(job: ImportJob, checked: Checked, status: str, **fields) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, counts=_counts(checked), file_errors=checked.file_errors,
        total_rows=checked.total, rows_done=checked.total, progress_at=timezone.now(),
        **fields)


def _failed(job_id: int, exc: Exception) -> None:
    logger.exception("Nhập Excel %s: lỗi hệ thống", job_id)
    ImportJob.objects.filter(pk=job_id).update(
        status=ImportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
        progress_at=timezone.now())


def check_job(job_id: int) -> str | None:
    """Read and check every row; store what each will do (the preview). The job ends
    `ready` (no error anywhere) or `invalid`. Returns the status, None if not claimed."""
    job = _claim(job_id, ImportStatus.QUEUED, ImportStatus.VALIDATING)
    if job is None:
        return None
    try:
        checked = _check(job, _progress(job.pk))
        with transaction.atomic():
            _store_rows(job, checked)
            status = ImportStatus.INVALID if checked.has_errors else ImportStatus.READY
            _finish(job, checked, status)
    except Exception as exc:  # noqa: BLE001 - the page shows it; nothing was written
        _failed(job_id, exc)
        return ImportStatus.FAILED
    return status


def confirm_job(*, user, job: ImportJob) -> ImportJob:
    """The user read the preview and asks for the write. Only a job checked without error
    can be confirmed, once; the write task checks everything again first."""
    if job.created_by_id != user.pk and not user.is_superuser:
        raise PermissionDenied(_("Bạn không có quyền xác nhận lượt nhập này."))
    with transaction.atomic():
        if not ImportJob.objects.filter(pk=job.pk, status=ImportStatus.READY).update(
                status=ImportStatus.CONFIRMED, queued_at=timezone.now(), rows_done=0):
            raise ValidationError(_("Chỉ xác nhận được lượt nhập đã kiểm tra xong, không có "
                                    "lỗi và chưa ghi."), code="not_ready")
        from . import tasks

        dispatch_on_commit(tasks.write_job, job.pk)
    job.refresh_from_db()
    return job


class _SideProgress:
    """Write progress on its own connection: the rows are written in one transaction that
    nobody else sees before it commits, the progress must be seen meanwhile. PostgreSQL
    only, and only when this task owns the transaction (not inside a test's): elsewhere
    the page shows the write's progress once it is done."""

    def __init__(self, job_id: int):
        self.job_id, self.conn = job_id, None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.conn = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int, total: int) -> None:
        if self.conn is None:
            return
        with self.conn.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportJob._meta.db_table} SET rows_done = %s, total_rows = %s, "
                "progress_at = %s WHERE id = %s", [done, total, timezone.now(), self.job_id])

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def _write(checked: Checked, progress) -> None:
    """The rows' writes, inside the caller's transaction. New history rows go in bulk
    (5,000 single INSERTs took 25 s), so the model signals that mark eligibility results
    stale do not fire for them: history_changed is announced for their nominees after
    commit, as nominations/receivers.py does for rows saved one by one (updates, below,
    are saved one by one and announce themselves)."""
    outcomes = [o for o in checked.outcomes if o.record is not None or o.write is not None]
    total, done = len(outcomes), 0
    new: dict[type[YearRecord | Honour | Initiative | Discipline], list] = {}
    for outcome in outcomes:
        if outcome.record is not None:
            new.setdefault(type(outcome.record), []).append(outcome.record)
        elif outcome.write is not None:  # every outcome kept has one or the other
            outcome.write()
            done += 1
            if done % PROGRESS_EVERY == 0:
                progress(done, total)
    people: set[int] = set()
    groups: set[int | None] = set()
    for model, records in new.items():
        for start in range(0, len(records), BULK_SIZE):
            chunk = records[start:start + BULK_SIZE]
            model.objects.bulk_create(chunk)
            done += len(chunk)
            progress(done, total)
        people.update(r.person_id for r in records if r.person_id)
        groups.update(getattr(r, "collective_id", None) for r in records)
    groups.discard(None)
    if people or groups:
        transaction.on_commit(lambda: signals.history_changed.send(
            sender=ImportJob, person_ids=sorted(people), collective_ids=sorted(groups)))


def write_job(job_id: int) -> str | None:
    """Check the file again against the database as it is now; with any error the job
    goes back to `invalid` with the new rows. Otherwise every row is written in one
    transaction: a refusal or a failure anywhere writes nothing."""
    job = _claim(job_id, ImportStatus.CONFIRMED, ImportStatus.WRITING)
    if job is None:
        return None
    side = _SideProgress(job.pk)
    try:
        checked = _check(job)
        if checked.has_errors:
            with transaction.atomic():
                _store_rows(job, checked)
                _finish(job, checked, ImportStatus.INVALID)
            return ImportStatus.INVALID
        with transaction.atomic():
            _write(checked, side)
            _store_rows(job, checked)
            _finish(job, checked, ImportStatus.DONE, finished_at=timezone.now(), content=b"")
    except (ValidationError, PermissionDenied) as exc:
        # a service refused a row meanwhile (the dossier was sent on, a duplicate): the
        # transaction is rolled back, nothing is written
        messages = getattr(exc, "messages", None) or [str(exc)]
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.INVALID, file_errors=[str(m) for m in messages],
            progress_at=timezone.now())
        return ImportStatus.INVALID
    except IntegrityError:
        # the same row was written elsewhere between the check and the write
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.INVALID, progress_at=timezone.now(), file_errors=[
                _("Dữ liệu đã thay đổi trong lúc ghi (có người vừa ghi cùng bản ghi); chưa "
                  "ghi dòng nào. Vui lòng tải tệp lên lại để kiểm tra.")])
        return ImportStatus.INVALID
    except Exception as exc:  # noqa: BLE001 - the page shows it; nothing was written
        _failed(job_id, exc)
        return ImportStatus.FAILED
    finally:
        side.close()
    return ImportStatus.DONE


def requeue_jobs() -> dict:
    """Beat: send again the jobs queued but never started (the broker was down or lost the
    message) and the jobs whose worker died (no progress for LEASE: their transaction was
    rolled back, so running them again is safe)."""
    from . import tasks

    now = timezone.now()
    ImportJob.objects.filter(status=ImportStatus.VALIDATING,
                             progress_at__lt=now - LEASE).update(status=ImportStatus.QUEUED,
                                                                 queued_at=None)
    ImportJob.objects.filter(status=ImportStatus.WRITING,
                             progress_at__lt=now - LEASE).update(status=ImportStatus.CONFIRMED,
                                                                 queued_at=None)
    sent = 0
    for status, task in ((ImportStatus.QUEUED, tasks.check_job),
                         (ImportStatus.CONFIRMED, tasks.write_job)):
        stale = ImportJob.objects.filter(status=status).exclude(
            queued_at__gte=now - REQUEUE_AFTER).values_list("pk", flat=True)
        for pk in list(stale[:100]):
            ImportJob.objects.filter(pk=pk).update(queued_at=now)
            sent += bool(dispatch(task, pk))
    return {"sent": sent}
