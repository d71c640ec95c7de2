"""Eligibility check benchmark: the pure core, then the real batch path on PostgreSQL.

1. Core (no Django, no database): checks per second on one core for generated, varied
   facts — `check()` alone, `check()` + `verdict_to_dict()` (what the task stores) and the
   whole JSON contract (`parse_case()` + `check()` + `verdict_to_dict()`: command / API).
   The generator and the timing loop are bench/eligibility_core.py's (that script still
   runs alone); goal ≥ 100,000 checks/s for `check()`.

2. Database: the same kind of generated facts written as achievement history
   (Person/Collective, YearRecord, Honour, Initiative, Discipline, BlocMembership) with one
   nomination each, then `eligibility.services.check_nominations` — the function the
   Celery task `check_nominations` runs: lock the result rows, build the facts with the
   batch selector (one query per table), judge, store the verdicts — over N nominations
   (default 5,000) sent in batches of several sizes (default 50, 500 and 5,000). Reported
   per batch size: wall time for all N, queries per batch call and in all. Goal: ≤ 2 s for
   5,000, the queries of one call the same whatever its size. Also: the selector alone and
   a re-check with unchanged facts (the facts hash matches, nothing is rewritten).

Run (a throw-away database; the script migrates it and removes its own rows first and
last):

    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench \\
        .venv/bin/python bench/eligibility.py [--nominations 5000] [--batch 50 500 5000]
                                              [--repeat 3] [--core-only | --db-only]

Times are the best of `--repeat` runs (other processes share this 2-core machine); the
load average is printed with them.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from eligibility_core import (  # noqa: E402  (the core bench: generator + timing loop)
    _checks,
    _checks_to_dict,
    _cpu_model,
    _json_pipeline,
    _rate,
    make_case,
)

from eligibility.engine import (  # noqa: E402
    case_to_dict,
    check,
    validate_case,
)

MARK = "bench-elig"
TODAY = date(2026, 1, 15)  # "today" of the checks: as_of of undecided nominations


def log(msg: str = "") -> None:
    print(msg, flush=True)


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load average {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} CPUs"


# ---------------------------------------------------------------- 1. the core


def core(cases_n: int, repeat: int, seed: int) -> list[tuple[str, float, float, float]]:
    rng = random.Random(seed)
    cases = [make_case(rng) for _ in range(cases_n)]
    for case in cases:
        validate_case(case)
    dicts = [case_to_dict(case) for case in cases]
    verdicts = [check(case) for case in cases]
    outcomes = Counter(v.eligible for v in verdicts)
    rules_run = sum(len(v.rules) for v in verdicts)
    log(f"core: Python {platform.python_version()} on {_cpu_model()}; one process; {load()}")
    log(f"  {len(cases):,} cases (seed {seed}): eligible {outcomes[True]}, not eligible "
        f"{outcomes[False]}, needs reviewer {outcomes[None]}; "
        f"{rules_run / len(cases):.1f} rules per check")
    rows = []
    for label, fn, items in (
        ("check()", _checks, cases),
        ("check() + verdict_to_dict()", _checks_to_dict, cases),
        ("parse_case() + check() + verdict_to_dict()", _json_pipeline, dicts),
    ):
        best, median, wall = _rate(fn, items, repeat)
        rows.append((label, best, median, wall))
        log(f"  {label:44s} CPU best {best:>9,.0f}/s  median {median:>9,.0f}/s"
            f" ({1e6 / median:5.1f} µs)   wall median {wall:>9,.0f}/s")
    return rows


# ---------------------------------------------------------------- 2. the database


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    # As a production worker runs (DEBUG off): with DEBUG on, Django keeps the SQL of every
    # query in connection.queries, here megabytes of it (queries are counted separately).
    settings.DEBUG = False


class QueryCounter:
    """Counts the queries a connection runs (an execute wrapper: no SQL kept, so the
    count costs nothing measurable, unlike CaptureQueriesContext with 5,000-row SQL)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def counting():
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        yield counter


def clean() -> None:
    from django.db import connection

    from nominations.models import Province

    province = Province.objects.filter(code=MARK).first()
    if province is None:
        return
    p = province.pk
    unit_q = "SELECT id FROM nominations_unit WHERE province_id = %s"
    person_q = f"SELECT id FROM nominations_person WHERE unit_id IN ({unit_q})"
    coll_q = f"SELECT id FROM nominations_collective WHERE unit_id IN ({unit_q})"
    dossier_q = f"SELECT id FROM nominations_dossier WHERE unit_id IN ({unit_q})"
    nom_q = f"SELECT id FROM nominations_nomination WHERE dossier_id IN ({dossier_q})"
    with connection.cursor() as cur:
        for sql, n in (
            (f"DELETE FROM eligibility_eligibilityresult WHERE nomination_id IN ({nom_q})", 1),
            (f"DELETE FROM nominations_nomination WHERE dossier_id IN ({dossier_q})", 1),
            (f"DELETE FROM nominations_dossier WHERE unit_id IN ({unit_q})", 1),
            (f"DELETE FROM nominations_initiative WHERE person_id IN ({person_q}) "
             f"OR collective_id IN ({coll_q})", 2),
            (f"DELETE FROM nominations_honour WHERE person_id IN ({person_q}) "
             f"OR collective_id IN ({coll_q})", 2),
            (f"DELETE FROM nominations_yearrecord WHERE person_id IN ({person_q}) "
             f"OR collective_id IN ({coll_q})", 2),
            (f"DELETE FROM nominations_discipline WHERE person_id IN ({person_q})", 1),
            (f"DELETE FROM nominations_person WHERE unit_id IN ({unit_q})", 1),
            (f"DELETE FROM nominations_collective WHERE unit_id IN ({unit_q})", 1),
            (f"DELETE FROM nominations_blocmembership WHERE unit_id IN ({unit_q})", 1),
            ("DELETE FROM nominations_bloc WHERE province_id = %s", 1),
            (f"DELETE FROM accounts_user WHERE unit_id IN ({unit_q})", 1),
            ("DELETE FROM nominations_unit WHERE province_id = %s", 1),
            ("DELETE FROM nominations_province WHERE id = %s", 1),
        ):
            cur.execute(sql, [p] * n)


def write_history(count: int, seed: int) -> list[int]:
    """`count` nominations, each of a nominee whose history is one generated case:
    individuals ten to a unit, each collective the whole unit of its own unit (bloc leader
    years need that); one dossier per unit and year. Returns the nomination ids."""
    from accounts.models import User
    from nominations.models import (
        Award,
        Bloc,
        BlocMembership,
        Collective,
        Discipline,
        Dossier,
        Honour,
        Initiative,
        Nomination,
        Person,
        Province,
        Unit,
        YearRecord,
    )

    rng = random.Random(seed)
    cases = [make_case(rng) for _ in range(count)]
    awards = {a.code: a for a in Award.objects.all()}
    province = Province.objects.create(code=MARK, name="Tỉnh Bench")

    # units: individuals 10 to a unit, one unit per collective
    slots: list[int] = []  # case index -> unit index
    n_units, in_unit = 0, 10
    for case in cases:
        if case.nominee.kind == "individual":
            if in_unit == 10:
                n_units, in_unit = n_units + 1, 0
            in_unit += 1
            slots.append(n_units - 1)
        else:
            n_units += 1
            slots.append(n_units - 1)
            in_unit = 10  # next individual opens a new unit
    units = Unit.objects.bulk_create(
        [Unit(province=province, name=f"Đơn vị bench {i}") for i in range(n_units)])
    user = User.objects.create(username=f"{MARK}-officer", full_name="Cán bộ bench",
                               password="!", unit=units[0], province=province)

    people, collectives = [], []
    for i, case in enumerate(cases):
        unit = units[slots[i]]
        n = case.nominee
        if n.kind == "individual":
            # service_start such that whole months to 31/12 of `year` = months_in_service
            months = n.months_in_service or 12
            k = (months - 1) % 12 + 1
            start = date(case.year - (months - k) // 12, 13 - k, 1)
            people.append(Person(unit=unit, full_name=f"Nguyễn Văn {i}", gender="nam",
                                 service_start=start, deceased=n.deceased,
                                 pending_review=n.pending_review))
        else:
            collectives.append(Collective(unit=unit, name=f"Tập thể bench {i}",
                                          is_whole_unit=True, pending_review=n.pending_review))
    people = iter(Person.objects.bulk_create(people))
    collectives = iter(Collective.objects.bulk_create(collectives))

    dossiers: dict[tuple[int, int], Dossier] = {}
    for i, case in enumerate(cases):
        key = (slots[i], case.year)
        if key not in dossiers:
            dossiers[key] = Dossier(unit=units[slots[i]], year=case.year,
                                    title=f"Hồ sơ bench {key}", created_by=user)
    Dossier.objects.bulk_create(list(dossiers.values()))

    records, honours, initiatives, disciplines, nominations = [], [], [], [], []
    blocs, leaders = [], []
    for i, case in enumerate(cases):
        n = case.nominee
        who = {"person": next(people)} if n.kind == "individual" else \
            {"collective": next(collectives)}
        for y in n.years:
            extra = {}
            if n.kind == "individual":
                extra["months_in_service"] = n.months_in_service if y.year == case.year \
                    else 12
            elif y.members is not None:
                m = y.members
                extra.update(members_total=m.total, members_at_least_ht=m.at_least_ht,
                             members_ldtt=m.ldtt, members_cstdcs=m.cstdcs,
                             members_disciplined=m.disciplined_canh_cao_or_above)
            records.append(YearRecord(year=y.year, rating=y.rating, **who, **extra))
            honours += [Honour(award=awards[t], year=y.year, **who) for t in sorted(y.titles)]
            if y.bloc_leader:
                blocs.append(Bloc(province=province, name=f"Khối bench {i}-{y.year}"))
                leaders.append((units[slots[i]], y.year))
        honours += [Honour(award=awards[a.award], year=a.year, basis=a.basis, **who)
                    for a in n.awards]
        initiatives += [Initiative(code=f"{MARK}-{i}-{x.id}", title=x.id, year=x.year,
                                   scope=x.scope, kind=x.kind,
                                   used_for=awards[x.used_for] if x.used_for else None, **who)
                        for x in n.initiatives]
        disciplines += [Discipline(person=who["person"], form=d.form, start=d.start, end=d.end)
                        for d in n.disciplines if "person" in who]  # people only
        nominations.append(Nomination(dossier=dossiers[(slots[i], case.year)],
                                      award=awards[case.award], basis=case.basis, **who))
    YearRecord.objects.bulk_create(records, batch_size=5000)
    Honour.objects.bulk_create(honours, batch_size=5000)
    Initiative.objects.bulk_create(initiatives, batch_size=5000)
    Discipline.objects.bulk_create(disciplines, batch_size=5000)
    blocs = Bloc.objects.bulk_create(blocs)
    BlocMembership.objects.bulk_create(
        [BlocMembership(bloc=b, unit=u, year=y, role="leader")
         for b, (u, y) in zip(blocs, leaders, strict=True)])
    ids = [n.pk for n in Nomination.objects.bulk_create(nominations, batch_size=5000)]
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    log(f"  data: {count:,} nominations in {len(dossiers):,} dossiers of {n_units:,} units; "
        f"{len(records):,} year records, {len(honours):,} honours, "
        f"{len(initiatives):,} initiatives, {len(disciplines):,} disciplines, "
        f"{len(leaders):,} bloc leaderships")
    return ids


def queue(ids: list[int]) -> None:
    """Results as `queue_checks` leaves them for new nominations: a "queued" row each."""
    from eligibility.models import EligibilityResult

    EligibilityResult.objects.filter(nomination_id__in=ids).delete()
    EligibilityResult.objects.bulk_create(
        [EligibilityResult(nomination_id=pk, state=EligibilityResult.State.QUEUED)
         for pk in ids])


def timed(fn, repeat: int, before=None) -> dict:
    """Best wall / CPU time of `repeat` runs (each after `before()`), the queries of one
    run, and the last run's return value."""
    best_wall = best_cpu = float("inf")
    queries = None
    result = None
    for _ in range(repeat):
        if before is not None:
            before()
        gc.collect()
        with counting() as counter:
            wall, cpu = time.perf_counter(), time.process_time()
            result = fn()
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        queries = counter.count if queries is None else max(queries, counter.count)
    return {"wall": best_wall, "cpu": best_cpu, "queries": queries, "result": result}


def database(count: int, batches: list[int], repeat: int, seed: int) -> dict:
    django_setup()
    from django.core.management import call_command
    from django.db import connection

    from eligibility import services as eligibility_services
    from eligibility.facts import build_cases
    from eligibility.models import EligibilityResult

    if connection.vendor != "postgresql":
        sys.exit("bench/eligibility.py (database part) needs PostgreSQL: set DATABASE_URL")
    log("database: migrate …")
    call_command("migrate", verbosity=0)
    clean()
    t0 = time.perf_counter()
    ids = write_history(count, seed)
    log(f"  written in {time.perf_counter() - t0:.1f} s")
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]

    out: dict = {"pg": pg, "count": len(ids), "rows": []}

    def row(label: str, r: dict, calls: int, per_call: list[int] | None = None) -> None:
        per = sorted(set(per_call or [])) or [r["queries"] // max(calls, 1)]
        out["rows"].append({"label": label, "calls": calls, "per_call": per, **r})
        log(f"  {label:<46} {r['wall']:7.3f} s wall {r['cpu']:7.3f} s CPU "
            f"{r['queries']:5d} queries ({calls} × {'/'.join(map(str, per))})  [{load()}]")

    log(f"  {len(ids):,} nominations, today {TODAY:%d/%m/%Y}; best of {repeat}:")
    r = timed(lambda: len(build_cases(ids, today=TODAY)), repeat)
    row(f"selector build_cases, 1 × {len(ids):,}", r, 1)

    for size in batches:
        chunks = [ids[i:i + size] for i in range(0, len(ids), size)]
        per_call: list[int] = []

        def run(chunks=chunks, per_call=per_call):
            per_call.clear()
            written = 0
            for chunk in chunks:
                with counting() as c:
                    written += eligibility_services.check_nominations(chunk, today=TODAY).written
                per_call.append(c.count)
            return written

        r = timed(run, repeat, before=lambda: queue(ids))
        assert r["result"] == len(ids), r
        row(f"check_nominations, batches of {size:,} (new)", r, len(chunks), per_call)

    verdicts = Counter(EligibilityResult.objects.filter(nomination_id__in=ids)
                       .values_list("state", "eligible"))
    out["verdicts"] = verdicts
    log("  stored: " + ", ".join(f"{s}/{e}: {n}" for (s, e), n in sorted(
        verdicts.items(), key=lambda kv: str(kv[0]))))
    size = max(batches)
    r = timed(lambda: eligibility_services.check_nominations(ids[:size], today=TODAY)
              .unchanged, repeat)
    row(f"re-check, 1 × {min(size, len(ids)):,}, facts unchanged", r, 1)
    clean()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20000, help="core: generated cases")
    parser.add_argument("--nominations", type=int, default=5000, help="database: nominations")
    parser.add_argument("--batch", type=int, nargs="+", default=[50, 500, 5000],
                        help="database: batch sizes of check_nominations")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2024)
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--core-only", action="store_true")
    only.add_argument("--db-only", action="store_true")
    args = parser.parse_args()
    if not args.db_only:
        core(args.cases, max(args.repeat, 5), args.seed)
    if not args.core_only:
        database(args.nominations, args.batch, args.repeat, args.seed)


if __name__ == "__main__":
    main()
