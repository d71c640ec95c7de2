"""Writes of the eligibility check: run it for nominations from the database and store
the verdicts in EligibilityResult, so that no page ever recomputes them.

    queue_checks(nomination_ids)              mark queued/stale, send the check task
    check_nominations(nomination_ids)         check now (what the task runs)
    mark_stale(person_ids=, collective_ids=)  history changed: stale + re-queued
    recheck_dossier(dossier_id)               every nomination of a dossier, now
    queue_dossier_recheck(dossier_id)         appraisal starts: stale + recheck_dossier queued
    batch_nomination_ids(year=, bloc_id=)     the nominations of a year and/or a bloc
    queue_batch(year=, bloc_id=, chunk_size=) those, sent in chunks
    requeue_checks()                          beat: pending checks the broker lost, sent again

A check is cheap to repeat: the stored `facts_hash` (sha256 of the facts and the
province's config) is compared first and an unchanged result is not rewritten.

Concurrency: a check locks its result rows (SELECT ... FOR UPDATE, in id order) before it
reads the facts, and stale marking takes the same locks, so an older check can never
overwrite the verdict of a newer one: whoever comes second reads the newer history.

A failing rule never blocks anything: results are information for the unit and the board.

Nothing is lost when the broker is down: a pending result (`queued`/`stale`) records when
its check was queued (`queued_at`); a send the broker refused clears it, and the beat's
`requeue_checks` sends those, and those queued longer ago than the lease, again.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import cast

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, F, Field, Q, Value, When
from django.utils import timezone

from config.celery import dispatch
from nominations.choices import CLOSED_DOSSIER_STATUSES, NominationStatus
from nominations.models import Nomination

from .engine import CaseError, check, rules_date, verdict_to_dict
from .facts import build_cases, facts_hash
from .models import EligibilityResult, EligibilitySettings
from .selectors import configs_for

logger = logging.getLogger(__name__)

State = EligibilityResult.State
CHUNK_SIZE = 500
_WRITE_FIELDS = ["state", "eligible", "rules", "rule_set", "as_of", "facts_hash", "checked_at",
                 "error"]


@dataclass
class CheckReport:
    """What one `check_nominations` call did (the task returns it as a dict)."""

    checked: int = 0  # nominations whose facts were built and judged (errors included)
    written: int = 0  # results written (new or changed)
    unchanged: int = 0  # same facts_hash: verdict not rewritten
    errors: list[int] = field(default_factory=list)  # nomination ids stored as "error"

    def as_dict(self) -> dict:
        return {"checked": self.checked, "written": self.written, "unchanged": self.unchanged,
                "errors": self.errors}


def _ids(values: Iterable[int]) -> list[int]:
    return sorted({int(v) for v in values})


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


PENDING = (State.QUEUED, State.STALE)


def _send(ids: list[int], chunk_size: int = CHUNK_SIZE) -> int:
    """Send the check task for `ids`, in chunks. A broker that does not answer must not
    break the user's save: `dispatch` logs it, and the chunk's pending results lose their
    `queued_at` so the next `requeue_checks` sends them again."""
    from . import tasks

    chunks = _chunks(ids, chunk_size)
    for chunk in chunks:
        if not dispatch(tasks.check_nominations, chunk):
            _not_sent(Q(nomination_id__in=chunk))
    return len(chunks)


def _not_sent(rows: Q) -> None:
    EligibilityResult.objects.filter(rows, state__in=PENDING).update(queued_at=None)


# ---------------------------------------------------------------- queueing


@transaction.atomic
def queue_checks(nomination_ids: Iterable[int]) -> list[int]:
    """A nomination was created or changed: its result shows "queued" (new) or "stale"
    (had one), and the check task is sent once the transaction commits. Returns the ids
    of the nominations that exist."""
    ids = list(Nomination.objects.filter(pk__in=_ids(nomination_ids)).order_by("pk")
               .values_list("pk", flat=True))
    if not ids:
        return []
    _mark_pending(ids)
    transaction.on_commit(lambda: _send(ids))
    return ids


def _open_nominations() -> Q:
    """Nominations still under consideration: a re-check is worth it only for these."""
    return Q(status=NominationStatus.ACTIVE) & ~Q(dossier__status__in=CLOSED_DOSSIER_STATUSES)


@transaction.atomic
def mark_stale(*, person_ids: Iterable[int] = (), collective_ids: Iterable[int] = ()
               ) -> list[int]:
    """The achievement history of these people / collectives changed: the stored results
    of their open nominations are marked stale and re-checked after commit. Returns the
    nomination ids re-queued."""
    people, groups = _ids(person_ids), _ids(collective_ids)
    if not people and not groups:
        return []
    return _requeue(Nomination.objects.filter(
        _open_nominations() & (Q(person_id__in=people) | Q(collective_id__in=groups))))


@transaction.atomic
def mark_stale_for_settings(province_id: int | None) -> list[int]:
    """A province's eligibility settings changed (None: the shared default row, which
    applies to every province without its own row): the stored results of the open
    nominations they govern are marked stale and re-checked after commit."""
    nominations = Nomination.objects.filter(_open_nominations())
    if province_id is not None:
        nominations = nominations.filter(dossier__unit__province_id=province_id)
    else:
        nominations = nominations.exclude(dossier__unit__province_id__in=(
            EligibilitySettings.objects.filter(province__isnull=False).values("province_id")))
    return _requeue(nominations)


def _requeue(nominations) -> list[int]:
    ids = list(nominations.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return []
    _mark_pending(ids)
    transaction.on_commit(lambda: _send(ids))
    return ids


def _mark_pending(ids: list[int]) -> None:
    """Results of `ids` show that a check is coming: `stale` where one was stored (its
    verdict stays visible), `queued` where none was. The rows are locked, in id order, so
    a check finishing meanwhile cannot overwrite the mark."""
    have = set(EligibilityResult.objects.select_for_update().filter(
        nomination_id__in=ids).order_by("nomination_id").values_list("nomination_id",
                                                                    flat=True))
    now = timezone.now()
    if have:
        EligibilityResult.objects.filter(nomination_id__in=have).update(
            state=Case(When(state=State.QUEUED, then=Value(State.QUEUED)),
                       default=Value(State.STALE)),
            queued_at=now)
    EligibilityResult.objects.bulk_create(
        [EligibilityResult(nomination_id=pk, state=State.QUEUED, queued_at=now) for pk in ids
         if pk not in have],
        ignore_conflicts=True,
    )


# ---------------------------------------------------------------- checking


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A batch allocates hundreds of thousands of small objects (rows, facts, verdicts)
    that hold no reference cycles: reference counting frees them. The cyclic collector's
    passes over them cost about a fifth of a 5,000-nomination batch's time
    (bench/eligibility.py, docs/benchmarks.md), so it is paused for the batch, and always
    resumed after it, exception or not.

    `gc.disable()` is process-wide: it is used only when this is the process's one thread
    (a prefork worker's child, a command, the bench). Under a threaded worker
    (`--pool threads`, the embedded `make run`) or in the web server, other threads would
    lose their collections too, so the collector is left alone there."""
    if not (gc.isenabled() and threading.active_count() == 1
            and threading.current_thread() is threading.main_thread()):
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def check_nominations(nomination_ids: Iterable[int], *, today: date | None = None
                      ) -> CheckReport:
    """Check these nominations now from the database and store their results.

    A constant number of queries for the whole batch: lock the results (1), build the
    facts (≤ 8), read the provinces' configs (1), write (≤ 3: upsert changed results,
    settle unchanged ones left queued/stale). Ids of deleted nominations are ignored."""
    ids = _ids(nomination_ids)
    report = CheckReport()
    if not ids:
        return report
    with _cyclic_gc_paused(), transaction.atomic():
        stored = {
            pk: (state, digest)
            for pk, state, digest in EligibilityResult.objects.select_for_update()
            .filter(nomination_id__in=ids).order_by("nomination_id")
            .values_list("nomination_id", "state", "facts_hash")
        }
        built = build_cases(ids, today=today)
        configs = configs_for({facts.province_id for facts in built})
        now = timezone.now()
        upsert: list[EligibilityResult] = []
        settle: dict[str, list[int]] = {State.DONE: [], State.ERROR: []}
        for facts in built:
            report.checked += 1
            case = facts.case
            config = configs[facts.province_id]
            digest = facts_hash(case, config)
            result = EligibilityResult(nomination_id=facts.nomination_id, facts_hash=digest,
                                       as_of=rules_date(case), checked_at=now)
            try:
                if facts.error is not None:
                    raise facts.error
                verdict = verdict_to_dict(check(case, config))
            except CaseError as err:
                result.state, result.eligible, result.rules = State.ERROR, None, []
                result.error = err.message
            except Exception as exc:  # noqa: BLE001 - stored on the result, not raised
                logger.exception("Lỗi khi kiểm tra điều kiện đề nghị %s", facts.nomination_id)
                result.state, result.eligible, result.rules = State.ERROR, None, []
                result.error = f"{type(exc).__name__}: {exc}"
                result.facts_hash = ""  # never "unchanged": try again next time
            else:
                result.state, result.eligible = State.DONE, verdict["eligible"]
                result.rules, result.rule_set, result.error = verdict["rules"], verdict[
                    "rule_set"], ""
            if result.state == State.ERROR:
                report.errors.append(facts.nomination_id)
            old = stored.get(facts.nomination_id)
            if old is not None and old[1] and old[1] == result.facts_hash:
                report.unchanged += 1
                if old[0] != result.state:
                    settle[result.state].append(facts.nomination_id)
                continue
            upsert.append(result)
        if upsert:
            _upsert(upsert)
            report.written = len(upsert)
        for state, pks in settle.items():
            if pks:
                EligibilityResult.objects.filter(nomination_id__in=pks).update(state=state)
    return report


def _upsert(results: list[EligibilityResult]) -> None:
    """Insert or update these results in one statement.

    On PostgreSQL the rows travel as one JSON document (`jsonb_to_recordset`): Django's
    bulk_create sends them as one array per column (UNNEST), and quoting the `rules`
    array of 5,000 verdicts (≈ 1.6 kB of JSON each) costs the worker 1–1.5 s of CPU,
    against 0.2 s for the document (bench/eligibility.py, docs/benchmarks.md). Elsewhere
    (SQLite in development) bulk_create."""
    if connection.vendor != "postgresql":
        EligibilityResult.objects.bulk_create(
            results, update_conflicts=True, unique_fields=["nomination"],
            update_fields=_WRITE_FIELDS)
        return
    meta = EligibilityResult._meta
    fields = [cast(Field, meta.get_field(name)) for name in _WRITE_FIELDS]  # all concrete
    columns = ["nomination_id"] + [f.column for f in fields]
    types = {"nomination_id": "bigint", "state": "text", "eligible": "boolean",
             "rules": "jsonb", "rule_set": "text", "as_of": "date", "facts_hash": "text",
             "checked_at": "timestamptz", "error": "text"}
    document = json.dumps([
        {"nomination_id": r.nomination_id, "state": r.state, "eligible": r.eligible,
         "rules": r.rules, "rule_set": r.rule_set,
         "as_of": r.as_of.isoformat() if r.as_of else None, "facts_hash": r.facts_hash,
         "checked_at": r.checked_at.isoformat() if r.checked_at else None,
         "error": r.error}
        for r in results], ensure_ascii=False, separators=(",", ":"))
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({names}) "
        f"SELECT {names} FROM jsonb_to_recordset(%s::jsonb) AS r("
        + ", ".join(f"{quote(c)} {types[c]}" for c in columns)
        + f") ON CONFLICT ({quote('nomination_id')}) DO UPDATE SET "
        + ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in columns[1:])
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [document])


def recheck_dossier(dossier_id: int, *, today: date | None = None) -> CheckReport:
    """Check every nomination of the dossier again (appraisal starts)."""
    ids = list(Nomination.objects.filter(dossier_id=dossier_id).values_list("pk", flat=True))
    return check_nominations(ids, today=today)


@transaction.atomic
def queue_dossier_recheck(dossier_id: int) -> list[int]:
    """Appraisal starts: the dossier's active nominations show "stale" (or "queued") at
    once, and the whole dossier is checked again (tasks.recheck_dossier) once the
    transaction commits. A broker that does not answer is logged, never raised: the
    board's task must open anyway. Returns the nomination ids marked."""
    ids = list(Nomination.objects.filter(dossier_id=dossier_id, status=NominationStatus.ACTIVE)
               .order_by("pk").values_list("pk", flat=True))
    if ids:
        _mark_pending(ids)

    def send() -> None:
        from . import tasks

        if not dispatch(tasks.recheck_dossier, dossier_id):
            _not_sent(Q(nomination__dossier_id=dossier_id))

    transaction.on_commit(send)
    return ids


def batch_nomination_ids(*, year: int | None = None, bloc_id: int | None = None) -> list[int]:
    """The nominations of dossiers of `year`, and/or of units that belong to bloc
    `bloc_id` in their dossier's year (both None: every nomination)."""
    q = Q()
    if year is not None:
        q &= Q(dossier__year=year)
    if bloc_id is not None:
        q &= Q(dossier__unit__bloc_memberships__bloc_id=bloc_id,
               dossier__unit__bloc_memberships__year=F("dossier__year"))
    return list(Nomination.objects.filter(q).order_by("pk").values_list("pk", flat=True)
                .distinct())


def queue_batch(*, year: int | None = None, bloc_id: int | None = None,
                chunk_size: int = CHUNK_SIZE) -> dict:
    """Send the check of a whole year or bloc as tasks of `chunk_size` nominations."""
    ids = batch_nomination_ids(year=year, bloc_id=bloc_id)
    return {"nominations": len(ids), "chunks": _send(ids, chunk_size)}


# ---------------------------------------------------------------- after a broker outage


def _requeue_lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "ELIGIBILITY_REQUEUE_AFTER_SECONDS", 900)))


def requeue_checks(*, now: datetime | None = None, limit: int = 20_000) -> dict:
    """The beat's safety net: pending results (`queued`/`stale`) whose check the broker did
    not take (`queued_at` empty) or took longer ago than the lease
    (`ELIGIBILITY_REQUEUE_AFTER_SECONDS`: lost with a restarted Redis, a purged queue) are
    sent again, in chunks. The rows are claimed (SKIP LOCKED, `queued_at` = now), so two
    runs send a row once, and a check running now is left alone. A check sent twice costs
    a facts comparison, nothing more."""
    now = now or timezone.now()
    failed_before = now - timedelta(
        seconds=int(getattr(settings, "ELIGIBILITY_RETRY_ERRORS_AFTER_SECONDS", 3600)))
    with transaction.atomic():
        ids = list(
            EligibilityResult.objects.filter(
                Q(state__in=PENDING)
                & (Q(queued_at__isnull=True) | Q(queued_at__lt=now - _requeue_lease()))
                # a check that raised unexpectedly (a bug, a resource gone: stored with no
                # facts hash) is tried again, at most once per ELIGIBILITY_RETRY_ERRORS_AFTER
                # _SECONDS; an invalid case (CaseError) waits for its facts to change
                | Q(state=State.ERROR, facts_hash="", checked_at__lt=failed_before))
            .order_by("nomination_id").select_for_update(skip_locked=True)
            .values_list("nomination_id", flat=True)[:limit]
        )
        if ids:
            EligibilityResult.objects.filter(nomination_id__in=ids, state=State.ERROR).update(
                state=State.QUEUED)
            EligibilityResult.objects.filter(nomination_id__in=ids).update(queued_at=now)
            transaction.on_commit(lambda: _send(ids))
    return {"requeued": len(ids)}
