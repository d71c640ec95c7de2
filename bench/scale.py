"""Scale: the route's pages and task completions on PostgreSQL at a million tasks (issue: inbox
p95 ≤ 50 ms and ≥ 300 completions/s at 1 M tasks).

1. Build (once; reused while the parameters are the same, `--rebuild` forces it): a throw-away
   database is emptied, migrated, and filled in SQL (INSERT … SELECT over generate_series, no
   Python loops): 5 provinces × 100 units, 10 blocs each with yearly memberships and rotating
   leaders, users per role per unit / province, people and collectives, and 200,000 route
   processes from 2016 to this year, 3 % of them still open (waiting at a step, some overdue):
   viewflow Process/Task rows (with `previous`), a TaskDeadline per human task, the Dossier in
   the status of where it is, 1–4 nominations each (province- and central-level awards from
   the catalogue, with decisions and honours; no unit-level award, which the unit head
   decides when signing), the documents the catalogue requires of each dossier and
   nomination (Attachment rows, no files) and the signed decision's PDF, the case timeline
   (DossierEvent), notices, reminders of open tasks and eligibility results of open
   nominations. Then VACUUM ANALYZE.
   The route (workflows/flows.py): unit head signs → [bloc vote] → council → board
   appraisal → Trưởng Ban approves → VP UBND drafts the decision → Chủ tịch signs it (the
   decision is recorded then); a returned dossier comes back to the step, and to the
   reviewer, that returned it. Not generated: the heads' send-backs (Trưởng Ban to the
   specialist, committee to the board, Chủ tịch to the officer) and unit-level decisions.
   The shapes are copied from the real code: before generating, the script drives four
   dossiers through the real services (workflows.services; drafted, documents uploaded and
   sent through nominations.services) in a probe province, and checks that the generator's
   route, task types, references, roles and event actions match what they wrote (it stops
   with a message when the route changed); after generating, it finds a generated dossier
   of each probe dossier's shape and compares what was written for both (timeline actions
   per step, notice kinds, process data keys and the draft decision's, the signed PDF, the
   status) and runs the route's own required-documents check on it.
   A finished route writes 15–17 viewflow tasks (start, 6–7 human steps, their gateways,
   end), 4 more per return: 200,000 processes are ≈ 3.2 M tasks (`--tasks-per-process` can
   raise the average through more returns; it cannot go below what the route writes).

2. Pages (in-process test Client, DEBUG off, force_login, HTTPS): landing page, inbox,
   queue, archive, status list, dossier list, case page and process list for a busy board
   specialist, a unit officer, a unit head and a manager; the reports dashboard (the default
   year, as the manager and the board specialist; "Tất cả các năm" as the manager — its
   years table is cached after the warm-up, as it is between visits). Warm-up requests, then
   `--repeat` timed requests → p50 / p95; one more request with CaptureQueriesContext →
   queries, their time, bytes.
   EXPLAIN (ANALYZE, BUFFERS) of the slowest query of inbox, queue, archive, status list,
   dossier list, process list and the dashboard.

3. Completions: the unit head forwards a dossier from the queue
   (`workflows.services.complete_review(action="forward")`: claim, start, complete, next
   step opened with its deadline, events, and the route's receivers — notices, reminders,
   written in the same transaction; e-mails queued after commit; the required documents
   checked first) with 1, 2 and 4 workers,
   each with its own connection and its own fresh dossiers (built in SQL before each run,
   removed after it). Celery is not called: `.delay()` is replaced by a counter, so e-mail
   delivery (a broker round trip in production) is not measured. Completions/s, queries
   per completion, CPU of the workers and of their PostgreSQL backends; a cProfile of a
   single-process run (top 25 cumulative, saved under var/bench/).

4. pgbench TPC-B (scale 10, database <name>_pgbench) at the same client counts, right after
   each completion run; our completions/s as a % of pgbench's TPS.

Run (a throw-away database whose name contains "scale" or "bench"; everything in it is
dropped on --rebuild):

    createdb -h 127.0.0.1 -U postgres kt_scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_scale .venv/bin/python bench/scale.py
        [--small] [--rebuild] [--processes 200000] [--open-percent 3] [--repeat 30]
        [--workers 1 2 4] [--seconds 10] [--only build pages completions pgbench]
        [--write-docs]

`--write-docs` replaces the "## Quy mô (scale)" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing as mp
import os
import platform
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kt_scale")
# As production runs: DEBUG off (no SQL kept per query, production template engine,
# whitenoise storage, HTTPS redirect — requests are made with secure=True).
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-scale-not-a-secret-" + "x" * 40)
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The probe uploads its dossiers' documents through the real service: small files, kept
# apart from the project's own uploads.
os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench" / "media"))

import django  # noqa: E402
from benchdocs import write_section  # noqa: E402  (bench/ is on sys.path[0])

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

SCHEMA = "bench_scale"
SECTION = "## Quy mô (scale)"
HISTORY_START = 2016
SMALL_PROCESSES = 20_000
VAR = ROOT / "var" / "bench"
PROVINCE_NAMES = ["Hưng Yên", "Tiền Giang", "Đắk Nông", "Bắc Ninh", "Quảng Nam", "Nghệ An",
                  "Cần Thơ", "Lào Cai"]
# Users per role: per unit (unit roles; bloc_leader only in units that belong to a bloc) and
# per province. Board specialists share the province's appraisal queue; specialist 1 holds
# 40 % of the appraisals (the busy one whose inbox is measured).
UNIT_USERS = {"unit_officer": 2, "unit_head": 1, "bloc_leader": 1}
PROVINCE_USERS = {"council_secretary": 2, "council_member": 3, "board_specialist": 4,
                  "board_head": 1, "committee_officer": 3, "committee_leader": 1, "manager": 2}
UNITS_PER_PROVINCE = 100
BLOCS_PER_PROVINCE = 10
UNITS_PER_BLOC = 8  # units 1..80 of a province are in a bloc, 81..100 are not
PEOPLE_PER_UNIT = 40
COLLECTIVES_PER_UNIT = 4
RETURN_SHARE = 0.15  # processes returned once to the unit (then resubmitted)
# Days a human step takes in the history (min, max), by step.
# The Trưởng Ban approves within a few days (3 working days allowed); the VP UBND officer
# drafts the decision, then the Chủ tịch signs it (10 and 5 working days allowed).
STEP_DAYS = {"unit_head_submit": (0.2, 4), "bloc_vote": (3, 20), "council_review": (1, 12),
             "board_appraisal": (3, 25), "board_head_approval": (0.3, 4),
             "committee_decision": (2, 10), "committee_sign": (0.5, 6), "unit_revise": (1, 7)}
# Award mix (weights) of nominations, individuals (75 %) and collectives.
INDIVIDUAL_AWARDS = {"CSTD_TINH": 6, "BK_TINH": 6, "BK_TTG": 2, "CSTDTQ": 1, "HCLD3": 1}
COLLECTIVE_AWARDS = {"TTLDXS": 3, "CO_TINH": 2, "BK_TINH": 3, "CO_CP": 1, "BK_TTG": 1}
# Big tables: their non-constraint indexes are dropped during the load and built after it.
BIG_TABLES = ("viewflow_process", "viewflow_task", "viewflow_task_previous",
              "workflows_taskdeadline", "nominations_dossier", "nominations_nomination",
              "nominations_dossierevent", "notifications_notice", "notifications_reminder",
              "eligibility_eligibilityresult", "nominations_decision", "nominations_honour",
              "nominations_attachment")


def log(msg: str = "") -> None:
    print(msg, flush=True)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (5 min {five:.2f})"


SQL_TIMING = os.environ.get("BENCH_SQL_TIMING") == "1"


def sql(statement: str, params=None):
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(statement, params)
        rows = cur.fetchall() if cur.description else None
    if SQL_TIMING and time.perf_counter() - t0 > 0.3:
        head = " ".join(statement.split())[:110]
        log(f"      {time.perf_counter() - t0:6.2f} s  {head}")
    return rows


def one(statement: str, params=None):
    rows = sql(statement, params)
    return rows[0][0] if rows else None


def lit(value) -> str:
    """A SQL literal of a str / list of str (generator SQL is formatted, not parametrised,
    so that '%' never needs escaping)."""
    if value is None:
        return "NULL"
    if isinstance(value, (list, tuple)):
        return "ARRAY[" + ",".join(lit(v) for v in value) + "]::text[]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


@contextmanager
def timed(label: str, times: dict | None = None):
    t0 = time.perf_counter()
    yield
    elapsed = time.perf_counter() - t0
    if times is not None:
        times[label] = elapsed
    log(f"    {label:<44} {elapsed:7.1f} s")


# ====================================================================== the route's shape


def route_shape() -> dict:
    """What the real flow and steps say: node names, references, task types, roles."""
    from viewflow.workflow.fields import get_flow_ref, get_task_ref

    from workflows.flows import RouteFlow
    from workflows.nodes import RouteStep
    from workflows.steps import STEPS

    nodes = {}
    for node in RouteFlow.instance.nodes():
        step = STEPS.get(node.name)
        nodes[node.name] = {
            "ref": get_task_ref(node), "type": node.task_type,
            "human": isinstance(node, RouteStep),
            "role": step.role if step else None,
            "status": str(step.status) if step else None,
            "label": str(step.label) if step else node.name,
        }
    return {"flow_ref": get_flow_ref(RouteFlow), "nodes": nodes}


# The generator's route (plpgsql): the node names a process passes, given its shape. The
# probe checks it against processes written by the real services.
ROUTE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}.gateway_after(s text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE s WHEN 'unit_head_submit' THEN 'after_signature'
                WHEN 'bloc_vote' THEN 'after_bloc_vote'
                WHEN 'council_review' THEN 'after_council'
                WHEN 'board_appraisal' THEN 'after_appraisal'
                WHEN 'board_head_approval' THEN 'after_board_head'
                WHEN 'committee_decision' THEN 'after_decision'
                ELSE 'after_signing' END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}.route(via_bloc bool, kind text, wait_step text,
                                          return_step text, upward bool)
RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  steps text[] := CASE WHEN via_bloc
    THEN ARRAY['unit_head_submit','bloc_vote','council_review','board_appraisal',
               'board_head_approval','committee_decision','committee_sign']
    ELSE ARRAY['unit_head_submit','council_review','board_appraisal','board_head_approval',
               'committee_decision','committee_sign'] END;
  r text[] := ARRAY['start'];
  s text;
  gw text;
BEGIN
  FOREACH s IN ARRAY steps LOOP
    gw := {SCHEMA}.gateway_after(s);
    IF s = return_step THEN
      r := r || ARRAY[s, gw, 'unit_revise'];
      IF kind = 'open' AND wait_step = 'unit_revise' THEN RETURN r; END IF;
      r := r || 'back_to_returning_step'::text;
    END IF;
    r := r || s;
    IF s = wait_step AND kind IN ('open', 'withdrawn') THEN RETURN r; END IF;
    r := r || gw;
    IF s = wait_step AND kind = 'closed' THEN
      RETURN r || ARRAY['close_without_nominations', 'closed'];
    END IF;
    IF s = 'unit_head_submit' THEN r := r || 'needs_bloc_vote'::text; END IF;
  END LOOP;
  RETURN r || CASE WHEN upward THEN 'proposed_upward' ELSE 'decided' END;
END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}.pick(arr text[], r float8) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN coalesce(cardinality(arr), 0) = 0 THEN NULL
              ELSE arr[1 + floor(r * cardinality(arr))::int] END $$;
"""

# Every column the generator writes, per table. Columns added later that are nullable or
# have a database default are left to PostgreSQL; a NOT NULL column without a default that
# is not listed here stops the build with a message (check_columns).
COLUMNS = {
    "nominations_province": ["code", "name"],
    "nominations_unit": ["id", "province_id", "name", "short_name", "email"],
    "nominations_bloc": ["province_id", "name", "kind"],
    "nominations_blocmembership": ["bloc_id", "unit_id", "year", "role"],
    "accounts_user": ["password", "last_login", "is_superuser", "username", "first_name",
                      "last_name", "email", "is_staff", "is_active", "date_joined",
                      "full_name", "position", "province_id", "unit_id"],
    "accounts_user_groups": ["user_id", "group_id"],
    "nominations_person": ["id", "unit_id", "full_name", "gender", "birth_year", "position",
                           "service_start", "deceased", "pending_review"],
    "nominations_collective": ["id", "unit_id", "parent_id", "name", "is_whole_unit",
                               "female_share", "pending_review"],
    "nominations_dossier": ["id", "unit_id", "year", "title", "status", "returned_from",
                            "return_reason", "return_due", "upward_letter_number",
                            "upward_letter_date", "created_by_id", "created_at", "updated_at",
                            "submitted_at"],
    "nominations_decision": ["id", "dossier_id", "number", "date", "signer", "recorded_by_id",
                             "recorded_at"],
    "nominations_nomination": ["id", "dossier_id", "person_id", "collective_id", "award_id",
                               "basis", "summary", "status", "outcome_reason", "outcome_step",
                               "bloc_result", "council_result", "board_opinion", "decision_id",
                               "created_at", "updated_at"],
    "nominations_honour": ["person_id", "collective_id", "award_id", "year", "basis",
                           "decision_number", "decision_date", "nomination_id"],
    "viewflow_process": ["id", "flow_class", "status", "created", "finished", "data",
                         "artifact_content_type_id", "artifact_object_id", "parent_task_id",
                         "seed_content_type_id", "seed_object_id"],
    "viewflow_task": ["id", "process_id", "flow_task", "flow_task_type", "status", "created",
                      "assigned", "started", "finished", "scheduled", "token",
                      "external_task_id", "owner_id", "owner_permission",
                      "owner_permission_content_type_id", "owner_permission_obj_pk", "data",
                      "seed_content_type_id", "seed_object_id", "artifact_content_type_id",
                      "artifact_object_id"],
    "viewflow_task_previous": ["from_task_id", "to_task_id"],
    "workflows_taskdeadline": ["id", "task_id", "dossier_id", "step", "started_on", "due_on",
                               "assigned_to_id", "assigned_at", "on_behalf_of_id",
                               "finished_at", "role", "unit_id", "bloc_id", "province_id"],
    "nominations_dossierevent": ["dossier_id", "nomination_id", "actor_id", "at", "action",
                                 "step", "reason", "data"],
    "notifications_notice": ["key", "recipient_id", "kind", "title", "body", "url",
                             "dossier_id", "deadline_id", "reminder_id", "created_at",
                             "read_at", "email_state", "email_next_at", "email_claim",
                             "email_claimed_at", "email_attempts", "email_error",
                             "emailed_at", "email_message_id"],
    "notifications_reminder": ["key", "kind", "deadline_id", "dossier_id", "unit_id",
                               "due_on", "send_on", "claim", "claimed_at", "attempts",
                               "retry_at", "last_error", "sent_at", "outcome", "created_at"],
    "eligibility_eligibilityresult": ["nomination_id", "state", "eligible", "rules",
                                      "rule_set", "as_of", "facts_hash", "checked_at",
                                      "error"],
    "nominations_attachment": ["dossier_id", "nomination_id", "kind", "file",
                               "original_name", "content_type", "size", "uploaded_by_id",
                               "uploaded_at"],
}


def insert(table: str, select_sql: str) -> int:
    """INSERT INTO table (COLUMNS[table]) <select_sql>; returns the rows written."""
    cols = ", ".join(COLUMNS[table])
    with connection.cursor() as cur:
        try:
            t0 = time.perf_counter()
            cur.execute(f"INSERT INTO {table} ({cols}) {select_sql}")
            if SQL_TIMING:
                log(f"      {time.perf_counter() - t0:6.2f} s  {table}: {cur.rowcount:,} rows")
        except Exception as exc:
            raise SystemExit(f"\nbench/scale.py: writing {table} failed: {exc}\n"
                             f"If the model changed, update COLUMNS['{table}'] and the "
                             "generator SQL in bench/scale.py.") from exc
        return cur.rowcount


def check_columns() -> None:
    """Fail clearly when a table gained a NOT NULL column without a default (the generator
    would not know what to write) or lost one the generator writes."""
    problems = []
    for table, cols in COLUMNS.items():
        rows = sql("SELECT column_name, is_nullable, column_default, is_identity, is_generated "
                   "FROM information_schema.columns WHERE table_schema = 'public' "
                   "AND table_name = %s", [table])
        if not rows:
            problems.append(f"table {table} does not exist any more")
            continue
        existing = {r[0] for r in rows}
        for name in cols:
            if name not in existing:
                problems.append(f"{table}.{name} does not exist any more")
        for name, nullable, default, identity, generated in rows:
            if (nullable == "NO" and default is None and identity != "YES"
                    and generated == "NEVER" and name not in cols):
                problems.append(f"{table}.{name} is NOT NULL without a default and the "
                                "generator does not write it")
    if problems:
        raise SystemExit("bench/scale.py cannot generate rows for the current models:\n  - "
                         + "\n  - ".join(problems)
                         + "\nAdd the column to COLUMNS and to the generator SQL.")


# ====================================================================== build


def guard_database() -> None:
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql":
        raise SystemExit("bench/scale.py needs PostgreSQL: set DATABASE_URL")
    if not re.search(r"scale|bench", name):
        raise SystemExit(f"bench/scale.py empties its database; '{name}' does not look like a "
                         "throw-away one (its name must contain 'scale' or 'bench').")


def reset_database() -> None:
    log("  dropping schemas public and bench_scale …")
    connections.close_all()
    sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
    sql("DROP SCHEMA public CASCADE")
    sql("CREATE SCHEMA public")
    sql("GRANT ALL ON SCHEMA public TO public")


def read_meta() -> dict | None:
    if not one("SELECT to_regclass(%s)", [f"{SCHEMA}.meta"]):
        return None
    row = one(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'build'")
    return row if isinstance(row, dict) else (json.loads(row) if row else None)


def stub_celery() -> Counter:
    """`.delay()` / `.apply_async()` of every Celery task only counts the call: no broker
    (e-mail delivery and eligibility checks are not run, their rows stay pending)."""
    from celery.app.task import Task as CeleryTask

    calls: Counter = Counter()

    def apply_async(self, args=None, kwargs=None, **options):
        calls[self.name] += 1
        return None

    CeleryTask.apply_async = apply_async
    return calls


# A minimal real PDF (what the upload check accepts) for the probe's documents.
PROBE_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def probe(shape: dict) -> dict:
    """Drive four dossiers through the real services in a probe province and compare what
    they wrote with the generator's shapes. Returns values copied from the real rows, and
    what each dossier's route wrote (check_generated compares it after the build)."""
    from django.contrib.auth.models import Group
    from django.core.files.uploadedfile import SimpleUploadedFile
    from viewflow.workflow.models import Process, Task

    from accounts import roles
    from accounts.models import User
    from eligibility import services as eligibility_services
    from eligibility.models import EligibilityResult
    from nominations import services as nominations_services
    from nominations.catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS
    from nominations.models import (
        Award,
        Bloc,
        BlocMembership,
        Dossier,
        DossierEvent,
        Nomination,
        Person,
        Province,
        Unit,
    )
    from notifications.models import Notice
    from workflows import services
    from workflows.models import TaskDeadline
    from workflows.services import NominationOutcome

    year = timezone.localdate().year
    province = Province.objects.create(code="scale-probe", name="Tỉnh mẫu (bench probe)")
    bloc = Bloc.objects.create(province=province, name="Khối mẫu")
    leader_unit = Unit.objects.create(province=province, name="Đơn vị khối trưởng mẫu")
    unit = Unit.objects.create(province=province, name="Đơn vị mẫu")
    BlocMembership.objects.create(bloc=bloc, unit=leader_unit, year=year, role="leader")
    BlocMembership.objects.create(bloc=bloc, unit=unit, year=year, role="member")

    def user(name, role, **kw):
        u = User.objects.create(username=f"scale-probe-{name}", email=f"{name}@probe.bench",
                                full_name=f"Probe {name}", **kw)
        u.groups.add(Group.objects.get_or_create(name=role)[0])
        return u

    officer = user("officer", roles.UNIT_OFFICER, unit=unit, province=province)
    head = user("head", roles.UNIT_HEAD, unit=unit, province=province)
    leader = user("bloc", roles.BLOC_LEADER, unit=leader_unit, province=province)
    secretary = user("secretary", roles.COUNCIL_SECRETARY, province=province)
    specialist = user("specialist", roles.BOARD_SPECIALIST, province=province)
    board_head = user("board-head", roles.BOARD_HEAD, province=province)
    committee = user("committee", roles.COMMITTEE_OFFICER, province=province)
    chairman = user("chairman", roles.COMMITTEE_LEADER, province=province)
    person = Person.objects.create(unit=unit, full_name="Nguyễn Văn Mẫu", gender="nam")
    today = timezone.localdate()

    def pdf(name):
        return SimpleUploadedFile(name, PROBE_PDF, content_type="application/pdf")

    def dossier(title, codes):
        """Drafted through the real services, with its required documents uploaded (the
        route refuses to send or sign a dossier without them), then sent."""
        d = nominations_services.create_dossier(user=officer, unit=unit, year=year,
                                                title=title)
        for code in codes:
            nominations_services.add_nomination(user=officer, dossier=d, person=person,
                                                award=Award.objects.get(code=code))
        for kind in DOSSIER_DOCUMENTS:
            nominations_services.attach_file(user=officer, dossier=d, kind=kind,
                                             uploaded=pdf(f"{kind}.pdf"))
        for n in d.nominations.select_related("award"):
            for kind in NOMINATION_DOCUMENTS.get(n.award.code, ()):
                nominations_services.attach_file(user=officer, dossier=d, kind=kind,
                                                 uploaded=pdf(f"{kind}.pdf"), nomination=n)
        services.send_dossier(user=officer, dossier=d)
        return d

    def task(d, step):
        return TaskDeadline.objects.get(dossier=d, step=step, finished_at__isnull=True).task

    def decide(d, **kw):
        """The province's part: Trưởng Ban approves, VP UBND drafts, Chủ tịch signs."""
        services.approve_appraisal(user=board_head, task=task(d, "board_head_approval"),
                                   action="approve")
        services.complete_decision(user=committee, task=task(d, "committee_decision"),
                                   signer="Chủ tịch UBND tỉnh",
                                   awarded_ids={n.pk for n in d.nominations.all()}, **kw)
        services.sign_decision(user=chairman, task=task(d, "committee_sign"),
                               signed_file=pdf("quyet-dinh-da-ky.pdf"))

    # A: through the bloc, returned by the council, decided
    a = dossier("Probe A", ["BK_TINH", "CSTD_TINH"])
    services.complete_review(user=head, task=task(a, "unit_head_submit"), action="forward")
    services.complete_review(user=leader, task=task(a, "bloc_vote"), action="forward")
    services.complete_review(user=secretary, task=task(a, "council_review"), action="returned",
                             return_reason="Thiếu biên bản", return_days=5)
    services.resubmit(user=officer, task=task(a, "unit_revise"), note="Đã bổ sung biên bản")
    services.complete_review(user=secretary, task=task(a, "council_review"), action="forward")
    services.complete_review(user=specialist, task=task(a, "board_appraisal"),
                             action="forward")
    decide(a, number="1/QĐ-UBND", date=today)
    # B: not via the bloc, withdrawn while at the council
    b = dossier("Probe B", ["CSTD_TINH"])
    services.complete_review(user=head, task=task(b, "unit_head_submit"), action="forward")
    services.withdraw(user=officer, dossier=b, reason="Rút")
    # C: nothing left after the unit head
    c = dossier("Probe C", ["CSTD_TINH"])
    n = c.nominations.get()
    services.complete_review(user=head, task=task(c, "unit_head_submit"), action="forward",
                             outcomes={n.pk: NominationOutcome(approved=False, reason="Không")})
    # D: not via the bloc, everything proposed upward (the Chủ tịch signs the letter)
    d_ = dossier("Probe D", ["HCLD3"])
    services.complete_review(user=head, task=task(d_, "unit_head_submit"), action="forward")
    services.complete_review(user=secretary, task=task(d_, "council_review"), action="forward")
    services.complete_review(user=specialist, task=task(d_, "board_appraisal"),
                             action="forward")
    decide(d_, upward_letter_number="2/TTr-UBND", upward_letter_date=today)
    eligibility_services.check_nominations(
        list(Nomination.objects.filter(dossier=a).values_list("pk", flat=True)))

    problems = []
    # (via the bloc, kind, where it waited / stopped, the step that returned it, upward)
    cases = {a.pk: (True, "done", "committee_sign", "council_review", False),
             b.pk: (False, "withdrawn", "council_review", None, False),
             c.pk: (False, "closed", "unit_head_submit", None, False),
             d_.pk: (False, "done", "committee_sign", None, True)}
    processes = {p.artifact_object_id: p for p in
                 Process.objects.filter(artifact_object_id__in=list(cases))}
    seen_refs = set()
    for dossier_id, (via, kind, wait, ret, upward) in cases.items():
        process = processes[dossier_id]
        if process.flow_class is None or str(process.flow_class.__name__) != "RouteFlow":
            problems.append(f"process {process.pk}: unexpected flow_class")
        raw_flow = one("SELECT flow_class FROM viewflow_process WHERE id = %s", [process.pk])
        if raw_flow != shape["flow_ref"]:
            problems.append(f"flow_class stored as {raw_flow!r}, generator writes "
                            f"{shape['flow_ref']!r}")
        rows = sql("SELECT flow_task, flow_task_type, token, status FROM viewflow_task "
                   "WHERE process_id = %s ORDER BY id", [process.pk])
        real = [r[0].rsplit(".", 1)[1] for r in rows]
        mine = one(f"SELECT {SCHEMA}.route(%s, %s, %s, %s, %s)", [via, kind, wait, ret, upward])
        if real != list(mine):
            problems.append(f"route of probe dossier {dossier_id}: real {real}, generator "
                            f"{list(mine)}")
        for ref, ttype, token, _status in rows:
            name = ref.rsplit(".", 1)[1]
            seen_refs.add(name)
            node = shape["nodes"].get(name)
            if node is None or node["ref"] != ref or node["type"] != ttype:
                problems.append(f"task {ref} {ttype}: the generator has {node}")
            if token != "start":
                problems.append(f"token {token!r} (the generator writes 'start')")
        prev = sql("SELECT count(*) FROM viewflow_task_previous p JOIN viewflow_task t "
                   "ON t.id = p.from_task_id JOIN viewflow_task f ON f.id = p.to_task_id "
                   "WHERE t.process_id = %s AND f.id < t.id", [process.pk])[0][0]
        if prev != len(rows) - 1:
            problems.append(f"task.previous of process {process.pk}: {prev} links, the "
                            f"generator writes one per task to the one before")
    for d in TaskDeadline.objects.filter(dossier_id__in=list(cases)):
        if d.role != shape["nodes"][d.step]["role"]:
            problems.append(f"deadline role {d.role} at {d.step}")
        if d.province_id != unit.province_id or d.unit_id != unit.pk:
            problems.append("deadline organisation columns")
        if d.bloc_id != bloc.pk:
            problems.append(f"deadline bloc column {d.bloc_id} (the unit is in bloc {bloc.pk})")
    actions = set(DossierEvent.objects.filter(dossier_id__in=list(cases))
                  .values_list("action", flat=True))
    unknown = actions - GENERATED_ACTIONS
    if unknown:
        problems.append(f"the real route writes event actions the generator does not: "
                        f"{sorted(unknown)}")
    kinds = set(Notice.objects.filter(dossier_id__in=list(cases)).values_list("kind", flat=True))
    if kinds - GENERATED_NOTICES:
        problems.append(f"the real route writes notice kinds the generator does not: "
                        f"{sorted(kinds - GENERATED_NOTICES)}")
    if problems:
        raise SystemExit("bench/scale.py: the generator no longer matches the real route:\n  - "
                         + "\n  - ".join(problems))
    result = EligibilityResult.objects.filter(nomination__dossier=a).first()
    data = one("SELECT data FROM viewflow_process WHERE id = %s", [processes[a.pk].pk])
    data = json.loads(data) if isinstance(data, str) else data
    log(f"    probe: {len(cases)} dossiers through the real services match the generator's "
        f"route (flow {shape['flow_ref']}, {len(seen_refs)} node kinds, process data keys "
        f"of A {sorted(data)})")
    return {"rules": json.dumps(result.rules if result else []),
            "rule_set": result.rule_set if result else "",
            "task_count": Task.objects.filter(process__artifact_object_id__in=list(cases)).count(),
            "cases": [{"name": Dossier.objects.get(pk=pk).title, "shape": list(case),
                       **case_rows(pk)} for pk, case in cases.items()]}


def case_rows(dossier_id: int) -> dict:
    """What a dossier's route wrote, as the shape checks compare it: the timeline's (action,
    step) pairs, and how many times each pair not about one nomination occurs (those do not
    depend on the awards: a claim where a task was assigned shows), the notice kinds, the
    process data keys (and the draft decision's), the signed PDF, the dossier's status."""
    data = one("SELECT data FROM viewflow_process WHERE artifact_object_id = %s "
               "ORDER BY id DESC LIMIT 1", [str(dossier_id)])
    data = json.loads(data) if isinstance(data, str) else (data or {})
    return {
        "events": sorted({f"{a}@{s}" for a, s in sql(
            "SELECT DISTINCT action, step FROM nominations_dossierevent WHERE dossier_id = %s",
            [dossier_id])}),
        "dossier_events": sorted(f"{a}@{s}×{n}" for a, s, n in sql(
            "SELECT action, step, count(*) FROM nominations_dossierevent WHERE dossier_id = %s "
            "AND nomination_id IS NULL GROUP BY 1, 2", [dossier_id])),
        "notices": sorted(r[0] for r in sql(
            "SELECT DISTINCT kind FROM notifications_notice WHERE dossier_id = %s",
            [dossier_id])),
        "data": sorted(data),
        "draft": sorted(data.get("decision_draft") or {}),
        "signed": bool(one("SELECT count(*) FROM nominations_attachment WHERE dossier_id = %s "
                           "AND kind = 'signed_decision'", [dossier_id])),
        "status": one("SELECT status FROM nominations_dossier WHERE id = %s", [dossier_id]),
    }


def check_generated(probe_values: dict) -> None:
    """After the build: for each probe dossier, a generated one of the same shape must have
    written the same kinds of rows (timeline actions per step, the dossier's own events
    counted, notices, process data keys, the draft decision's keys, the signed PDF, the
    status) and every document the catalogue requires (nominations.selectors.
    missing_documents, the check the route itself runs)."""
    from nominations.models import Dossier
    from nominations.selectors import missing_documents

    problems, checked = [], []
    for case in probe_values["cases"]:
        via, kind, wait, ret, upward = case["shape"]
        pid = one(f"""SELECT pid FROM {SCHEMA}.plan WHERE NOT pool AND via_bloc = %s
                      AND kind = %s AND wait_step = %s
                      AND return_step IS NOT DISTINCT FROM %s AND upward = %s
                    ORDER BY pid LIMIT 1""", [via, kind, wait, ret, upward])
        if pid is None:
            log(f"    (no generated process shaped like {case['name']} {case['shape']})")
            continue
        dossier_id = one(f"SELECT dossier_id FROM {SCHEMA}.plan WHERE pid = %s", [pid])
        mine = case_rows(dossier_id)
        for key in ("events", "dossier_events", "notices", "data", "draft", "signed",
                    "status"):
            real, gen = case[key], mine[key]
            if isinstance(real, list):
                if set(real) != set(gen):
                    problems.append(f"{case['name']} vs generated dossier {dossier_id}, {key}: "
                                    f"only real {sorted(set(real) - set(gen))}, only "
                                    f"generated {sorted(set(gen) - set(real))}")
            elif real != gen:
                problems.append(f"{case['name']} vs generated dossier {dossier_id}, {key}: "
                                f"real {real!r}, generated {gen!r}")
        dossier = Dossier.objects.get(pk=dossier_id)
        missing = missing_documents(dossier, nominations=dossier.nominations.select_related(
            "award", "person", "collective").order_by("pk"))
        if missing:
            problems.append(f"generated dossier {dossier_id} lacks required documents: "
                            f"{missing}")
        checked.append(f"{case['name']} ~ {dossier_id}")
    if problems:
        raise SystemExit("bench/scale.py: the generated rows differ from what the real route "
                         "writes:\n  - " + "\n  - ".join(problems))
    log(f"    generated dossiers have the probe's shapes: {', '.join(checked)}")


GENERATED_ACTIONS = {"created", "nomination_added", "sent", "step_started", "task_claimed",
                     "nomination_approved", "nomination_rejected", "step_completed",
                     "returned", "resubmitted", "closed", "withdrawn", "nomination_awarded",
                     "nomination_not_awarded", "nomination_proposed_upward", "decided",
                     "proposed_upward", "file_attached", "task_assigned", "appraisal_approved",
                     "decision_drafted", "decision_signed"}
GENERATED_NOTICES = {"task_created", "dossier_returned", "dossier_decided",
                     "nomination_rejected"}


def create_schema(shape: dict, params: dict) -> None:
    sql(f"CREATE SCHEMA {SCHEMA}")
    sql(ROUTE_FUNCTION)
    sql(f"CREATE TABLE {SCHEMA}.meta (key text PRIMARY KEY, value json)")  # keeps key order
    sql(f"""CREATE TABLE {SCHEMA}.node (node text PRIMARY KEY, ref text, type text,
            human bool, role text, status text, label text, dmin float8, dmax float8)""")
    for name, n in shape["nodes"].items():
        dmin, dmax = STEP_DAYS.get(name, (0, 0))
        sql(f"INSERT INTO {SCHEMA}.node VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s)",
            [name, n["ref"], n["type"], n["human"], n["role"], n["status"], n["label"],
             dmin, dmax])
    # due dates: the real working-day calendar (holidays, Tết) and the real step durations
    from workdays.calendar import calendar_for, step_working_days

    cal = calendar_for(None)
    sql(f"CREATE TABLE {SCHEMA}.due_map (step text, start_on date, due_on date, "
        "PRIMARY KEY (step, start_on))")
    first, last = date(HISTORY_START - 1, 10, 1), timezone.localdate() + timedelta(days=400)
    rows = []
    for step in STEP_DAYS:
        days = step_working_days(step)
        day = first
        while day <= last:
            rows.append((step, day, cal.add_working_days(day, days)))
            day += timedelta(days=1)
    with connection.cursor() as cur:
        cur.executemany(f"INSERT INTO {SCHEMA}.due_map VALUES (%s, %s, %s)", rows)
    # the documents each dossier (code NULL) and each nomination must have
    from nominations.catalogue import DOSSIER_DOCUMENTS, NOMINATION_DOCUMENTS

    sql(f"CREATE TABLE {SCHEMA}.required_doc (code text, kind text, name text)")
    names = {"submission_letter": "to-trinh.pdf", "report": "bao-cao-thanh-tich.pdf",
             "vote_minutes": "bien-ban-binh-xet.pdf",
             "initiative_cert": "xac-nhan-sang-kien.pdf",
             "effect_confirmation": "xac-nhan-pham-vi-anh-huong.pdf",
             "upward_files": "ho-so-trinh-cap-tren.pdf"}
    docs = [(None, kind) for kind in DOSSIER_DOCUMENTS] + [
        (code, kind) for code, kinds in NOMINATION_DOCUMENTS.items() for kind in kinds]
    with connection.cursor() as cur:
        cur.executemany(f"INSERT INTO {SCHEMA}.required_doc VALUES (%s, %s, %s)",
                        [(code, str(kind), names.get(str(kind), f"{kind}.pdf"))
                         for code, kind in docs])
    sql(f"INSERT INTO {SCHEMA}.meta VALUES ('params', %s)", [json.dumps(params)])


def build_reference(p: dict, times: dict) -> None:
    """Provinces, units, blocs and memberships, users with their roles, nominees."""
    from django.contrib.auth.models import Group

    from accounts.roles import ALL_ROLES

    for role in ALL_ROLES:
        Group.objects.get_or_create(name=role)
    provinces, this_year = p["provinces"], timezone.localdate().year
    names = [PROVINCE_NAMES[i % len(PROVINCE_NAMES)] + (f" {i // len(PROVINCE_NAMES) + 1}"
             if i >= len(PROVINCE_NAMES) else "") for i in range(provinces)]
    insert("nominations_province",
           f"SELECT 'scale-' || lpad(i::text, 2, '0'), 'Tỉnh ' || ({lit(names)})[i] "
           f"FROM generate_series(1, {provinces}) i")
    kinds = ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo",
             "Sở Công Thương", "Ngân hàng TMCP Công Thương – Chi nhánh", "Agribank – Chi nhánh",
             "Công ty Điện lực", "Thuế cơ sở", "Kho bạc Nhà nước khu vực",
             "Bảo hiểm xã hội khu vực", "UBND xã", "Trường THPT", "Bệnh viện đa khoa khu vực",
             "Công ty Xăng dầu", "Chi cục Quản lý thị trường"]
    sql(f"""CREATE TABLE {SCHEMA}.unit_ix AS
            SELECT row_number() OVER (ORDER BY p.id, i)::int AS ix, p.id AS province_id,
                   i AS pos, (SELECT coalesce(max(id), 0) FROM nominations_unit)
                             + row_number() OVER (ORDER BY p.id, i) AS unit_id,
                   p.code, p.name AS province_name
            FROM nominations_province p, generate_series(1, {UNITS_PER_PROVINCE}) i
            WHERE p.code LIKE 'scale-__'""")
    insert("nominations_unit",
           f"SELECT unit_id, province_id, ({lit(kinds)})[1 + (pos - 1) % {len(kinds)}] || "
           f"' số ' || pos || ' – ' || province_name, 'ĐV ' || pos || '/' || code, "
           f"'donvi' || pos || '@' || code || '.bench' FROM {SCHEMA}.unit_ix ORDER BY ix")
    insert("nominations_bloc",
           f"SELECT p.id, CASE WHEN b % 2 = 0 THEN 'Cụm' ELSE 'Khối' END || ' thi đua số ' || b, "
           f"CASE WHEN b % 2 = 0 THEN 'cum' ELSE 'khoi' END FROM nominations_province p, "
           f"generate_series(1, {BLOCS_PER_PROVINCE}) b WHERE p.code LIKE 'scale-__' "
           "ORDER BY p.id, b")
    sql(f"""CREATE TABLE {SCHEMA}.bloc_ix AS
            SELECT b.id AS bloc_id, b.province_id,
                   row_number() OVER (PARTITION BY b.province_id ORDER BY b.id)::int AS pos
            FROM nominations_bloc b JOIN nominations_province p ON p.id = b.province_id
            WHERE p.code LIKE 'scale-__'""")
    # units 1..80 of each province in blocs of 8; leader and deputy rotate every year
    insert("nominations_blocmembership",
           f"""SELECT b.bloc_id, u.unit_id, y,
                 CASE WHEN (u.pos - 1) % {UNITS_PER_BLOC} = y % {UNITS_PER_BLOC} THEN 'leader'
                      WHEN (u.pos - 1) % {UNITS_PER_BLOC} = (y + 1) % {UNITS_PER_BLOC}
                      THEN 'deputy' ELSE 'member' END
               FROM {SCHEMA}.unit_ix u
               JOIN {SCHEMA}.bloc_ix b ON b.province_id = u.province_id
                    AND b.pos = (u.pos - 1) / {UNITS_PER_BLOC} + 1
               CROSS JOIN generate_series({HISTORY_START}, {this_year}) y
               WHERE u.pos <= {UNITS_PER_BLOC * BLOCS_PER_PROVINCE}""")
    # users: the actor table says who holds which role where (key role:scope id:k)
    surnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
    middles = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Quốc", "Hữu", "Thu", "Đức", "Thùy"]
    given = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Lan",
             "Linh", "Long", "Mai", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trang",
             "Tuấn", "Vân", "Yến", "Khánh", "Nhung", "Phương"]
    name_expr = (f"({lit(surnames)})[1 + (n * 7) % {len(surnames)}] || ' ' || "
                 f"({lit(middles)})[1 + (n * 3) % {len(middles)}] || ' ' || "
                 f"({lit(given)})[1 + (n * 11) % {len(given)}]")
    unit_roles = " UNION ALL ".join(
        f"SELECT '{role}' AS role, u.province_id, u.unit_id, k, "
        f"u.pos <= {UNITS_PER_BLOC * BLOCS_PER_PROVINCE} AS in_bloc "
        f"FROM {SCHEMA}.unit_ix u, generate_series(1, {count}) k"
        for role, count in UNIT_USERS.items())
    province_roles = " UNION ALL ".join(
        f"SELECT '{role}', p.id, NULL::bigint, k, false FROM nominations_province p, "
        f"generate_series(1, {count}) k WHERE p.code LIKE 'scale-__'"
        for role, count in PROVINCE_USERS.items())
    sql(f"""CREATE TABLE {SCHEMA}.actor AS
            SELECT row_number() OVER (ORDER BY role, province_id, unit_id, k)::int AS n,
                   role, province_id, unit_id, k,
                   role || ':' || coalesce(unit_id, province_id) || ':' || k AS key,
                   'sc-' || role || '-' || coalesce('u' || unit_id, 'p' || province_id)
                     || '-' || k AS username,
                   NULL::bigint AS user_id
            FROM ({unit_roles} UNION ALL {province_roles}) a
            WHERE role <> 'bloc_leader' OR in_bloc""")
    insert("accounts_user",
           f"""SELECT '!', NULL, false, username, '', '', username || '@bench.test', false, true,
                      now() - interval '10 years', {name_expr},
                      CASE role WHEN 'unit_head' THEN 'Thủ trưởng đơn vị'
                                WHEN 'board_head' THEN 'Trưởng Ban Thi đua – Khen thưởng'
                                WHEN 'manager' THEN 'Phó Chủ tịch UBND tỉnh'
                                ELSE 'Chuyên viên' END,
                      province_id, unit_id
               FROM {SCHEMA}.actor ORDER BY n""")
    sql(f"UPDATE {SCHEMA}.actor a SET user_id = u.id FROM accounts_user u "
        "WHERE u.username = a.username")
    sql(f"CREATE UNIQUE INDEX ON {SCHEMA}.actor (key)")
    insert("accounts_user_groups",
           f"SELECT a.user_id, g.id FROM {SCHEMA}.actor a JOIN auth_group g ON g.name = a.role")
    # nominees
    base = one("SELECT coalesce(max(id), 0) FROM nominations_person")
    insert("nominations_person",
           f"""SELECT {base} + (u.ix - 1) * {PEOPLE_PER_UNIT} + k, u.unit_id,
                      {name_expr.replace('(n ', '(((u.ix * 41 + k) * 13) ')},
                      CASE WHEN k % 2 = 0 THEN 'nu' ELSE 'nam' END, 1965 + (u.ix + k) % 33,
                      CASE WHEN k % 9 = 0 THEN 'Trưởng phòng' ELSE 'Chuyên viên' END,
                      make_date(1990 + (u.ix * k) % 30, 1 + k % 12, 1), false, k % 97 = 0
               FROM {SCHEMA}.unit_ix u, generate_series(1, {PEOPLE_PER_UNIT}) k""")
    sql(f"CREATE TABLE {SCHEMA}.person_base AS SELECT {base}::bigint AS base")
    base = one("SELECT coalesce(max(id), 0) FROM nominations_collective")
    insert("nominations_collective",
           f"""SELECT {base} + (u.ix - 1) * {COLLECTIVES_PER_UNIT} + k, u.unit_id, NULL,
                      CASE WHEN k = 1 THEN n.name ELSE
                        (ARRAY['Phòng Tổ chức – Hành chính', 'Phòng Nghiệp vụ', 'Tổ Kế toán',
                               'Chi nhánh', 'Phòng Kế hoạch'])[1 + k % 5] END,
                      k = 1, 30 + (u.ix * k) % 40, false
               FROM {SCHEMA}.unit_ix u JOIN nominations_unit n ON n.id = u.unit_id,
                    generate_series(1, {COLLECTIVES_PER_UNIT}) k""")
    sql(f"CREATE TABLE {SCHEMA}.collective_base AS SELECT {base}::bigint AS base")
    # the award mix: one row per weight unit
    rows = []
    for kind, mix in (("i", INDIVIDUAL_AWARDS), ("c", COLLECTIVE_AWARDS)):
        for code, weight in mix.items():
            rows += [(kind, code)] * weight
    sql(f"CREATE TABLE {SCHEMA}.award_pick (kind text, ix int, award_id bigint, code text, "
        "central bool, via_bloc bool)")
    for kind in ("i", "c"):
        codes = [code for k, code in rows if k == kind]
        sql(f"""INSERT INTO {SCHEMA}.award_pick
                SELECT '{kind}', i, a.id, a.code, a.deciding_level = 'central', a.via_bloc
                FROM unnest({lit(codes)}) WITH ORDINALITY AS x(code, i)
                JOIN nominations_award a ON a.code = x.code""")


def plan_processes(lo: int, hi: int, p: dict, *, pool: bool = False) -> None:
    """One plan row per process: where, when, which nominations, how far it got.
    `pool`: fresh dossiers waiting, unclaimed, at the unit head (for the completions)."""
    this_year = timezone.localdate().year
    years = this_year - HISTORY_START
    open_share = 1.0 if pool else p["open_percent"] / 100
    n_units = one(f"SELECT count(*) FROM {SCHEMA}.unit_ix")
    pbase = one("SELECT coalesce(max(id), 0) FROM viewflow_process") - lo + 1
    dbase = one("SELECT coalesce(max(id), 0) FROM nominations_dossier") - lo + 1
    # history: sent between mid-November of the year and mid-March of the next one; open:
    # reached their step in the last 30 days (pool: the last 3 days, unclaimed)
    sql(f"""INSERT INTO {SCHEMA}.plan (pid, process_id, dossier_id, pool, unit_id, province_id,
                unit_pos, is_open, year, n_nom, t0, anchor, created_at,
                r_kind, r_step, r_ret, r_ret2, r_assign, bloc_id, leader_unit_id)
            SELECT g.pid, {pbase} + g.pid, {dbase} + g.pid, {lit(pool)}, u.unit_id,
                   u.province_id, u.pos, g.is_open, g.year,
                   1 + floor(power(random(), 1.6) * 4)::int,
                   CASE WHEN NOT g.is_open THEN least(
                     make_timestamptz(g.year, 11, 15, 8, 0, 0, 'Asia/Ho_Chi_Minh')
                       + random() * interval '120 days' + random() * interval '9 hours',
                     now() - interval '200 days' - random() * interval '30 days') END,
                   now() - power(random(), 1.6) * interval '{"3" if pool else "30"} days',
                   NULL, random(), random(), random(), random(),
                   {"0" if pool else "random()"}, m.bloc_id, l.unit_id
            FROM (SELECT pid, r_u, is_open,
                         CASE WHEN is_open THEN {this_year} - (r_y < 0.15)::int
                              ELSE {HISTORY_START} + floor(r_y * {years})::int END AS year
                  FROM (SELECT pid, random() AS r_y, random() AS r_u,
                               random() < {open_share} AS is_open
                        FROM generate_series({lo}, {hi}) pid) r) g
            JOIN {SCHEMA}.unit_ix u ON u.ix = 1 + floor(g.r_u * {n_units})::int
            LEFT JOIN nominations_blocmembership m ON m.unit_id = u.unit_id AND m.year = g.year
            LEFT JOIN nominations_blocmembership l ON l.bloc_id = m.bloc_id
                 AND l.year = m.year AND l.role = 'leader'""")
    nbase = one("SELECT coalesce(max(id), 0) FROM nominations_nomination")
    n_i = one(f"SELECT count(*) FROM {SCHEMA}.award_pick WHERE kind = 'i'")
    n_c = one(f"SELECT count(*) FROM {SCHEMA}.award_pick WHERE kind = 'c'")
    sql(f"""INSERT INTO {SCHEMA}.pnom (pid, k, nomination_id, award_id, code, central,
                via_bloc, person_id, collective_id, r)
            SELECT x.pid, x.k, {nbase} + row_number() OVER (ORDER BY x.pid, x.k),
                   a.award_id, a.code, a.central, a.via_bloc,
                   CASE WHEN x.ind THEN (SELECT base FROM {SCHEMA}.person_base)
                        + (u.ix - 1) * {PEOPLE_PER_UNIT} + 1 + (x.pid * 7 + x.k)
                        % {PEOPLE_PER_UNIT} END,
                   CASE WHEN NOT x.ind THEN (SELECT base FROM {SCHEMA}.collective_base)
                        + (u.ix - 1) * {COLLECTIVES_PER_UNIT} + 1 + (x.pid + x.k)
                        % {COLLECTIVES_PER_UNIT} END,
                   random()
            FROM (SELECT p.pid, p.unit_id, k, random() < 0.75 AS ind, random() AS r
                  FROM {SCHEMA}.plan p, generate_series(1, p.n_nom) k
                  WHERE p.pid BETWEEN {lo} AND {hi}) x
            JOIN {SCHEMA}.unit_ix u ON u.unit_id = x.unit_id
            JOIN {SCHEMA}.award_pick a ON a.kind = CASE WHEN x.ind THEN 'i' ELSE 'c' END
                 AND a.ix = 1 + floor(x.r * CASE WHEN x.ind THEN {n_i} ELSE {n_c} END)::int""")
    uh, bv, cr, ba, bh, cd, cs = ("unit_head_submit", "bloc_vote", "council_review",
                                  "board_appraisal", "board_head_approval",
                                  "committee_decision", "committee_sign")
    steps = (f"CASE WHEN via_bloc THEN {lit([uh, bv, cr, ba, bh, cd, cs])} "
             f"ELSE {lit([uh, cr, ba, bh, cd, cs])} END")
    returning = (f"CASE WHEN via_bloc THEN {lit([uh, bv, cr, ba])} "
                 f"ELSE {lit([uh, cr, ba])} END")
    # open: waits at a step (board appraisal the most; the Trưởng Ban's approval and the
    # Chủ tịch's signature are short steps); finished: decided / proposed upward (signed),
    # 4 % withdrawn, 4 % closed (nothing left); RETURN_SHARE returned once before
    kind = ("'open'" if pool else
            "CASE WHEN is_open THEN 'open' WHEN r_kind < 0.04 THEN 'withdrawn' "
            "WHEN r_kind < 0.08 THEN 'closed' ELSE 'done' END")
    wait = (f"'{uh}'" if pool else f"""CASE
              WHEN is_open THEN CASE
                WHEN r_step < 0.20 THEN '{uh}'
                WHEN r_step < 0.32 THEN CASE WHEN via_bloc THEN '{bv}' ELSE '{cr}' END
                WHEN r_step < 0.45 THEN '{cr}' WHEN r_step < 0.73 THEN '{ba}'
                WHEN r_step < 0.79 THEN '{bh}' WHEN r_step < 0.86 THEN '{cd}'
                WHEN r_step < 0.91 THEN '{cs}' ELSE 'unit_revise' END
              WHEN r_kind < 0.04 THEN {SCHEMA}.pick({steps}, r_step)
              WHEN r_kind < 0.08 THEN {SCHEMA}.pick({returning}, r_step)
              ELSE '{cs}' END""")
    ret = ("NULL::text" if pool else f"""CASE
              WHEN wait_step = 'unit_revise' THEN {SCHEMA}.pick({returning}, r_ret)
              WHEN r_ret2 >= {p['return_share']} THEN NULL
              WHEN kind = 'done' THEN {SCHEMA}.pick({returning}, r_ret)
              ELSE {SCHEMA}.pick(({returning})[1:array_position({steps}, wait_step) - 1],
                                 r_ret) END""")
    dcbase = one("SELECT coalesce(max(id), 0) FROM nominations_decision")
    # through the bloc: the unit is in a bloc that year and an award goes via blocs
    # (RouteFlow.goes_through_bloc); only proposed upward: every award is central
    sql(f"""UPDATE {SCHEMA}.plan p SET via_bloc = z.via_bloc, upward = z.upward, kind = z.kind,
                   wait_step = z.wait_step, return_step = z.return_step,
                   nodes = {SCHEMA}.route(z.via_bloc, z.kind, z.wait_step, z.return_step,
                                          z.upward),
                   decision_id = CASE WHEN z.kind = 'done' AND NOT z.upward
                                      THEN {dcbase} + z.n END
            FROM (SELECT y.*, {ret} AS return_step
                  FROM (SELECT x.*, {kind} AS kind, {wait} AS wait_step
                        FROM (SELECT pp.pid, pp.is_open, pp.r_kind, pp.r_step, pp.r_ret,
                                     pp.r_ret2, row_number() OVER (ORDER BY pp.pid) AS n,
                                     pp.bloc_id IS NOT NULL AND a.any_bloc AS via_bloc,
                                     a.all_central AS upward
                              FROM {SCHEMA}.plan pp
                              JOIN (SELECT pid, bool_or(via_bloc) AS any_bloc,
                                           bool_and(central) AS all_central
                                    FROM {SCHEMA}.pnom WHERE pid BETWEEN {lo} AND {hi}
                                    GROUP BY pid) a ON a.pid = pp.pid
                              WHERE pp.pid BETWEEN {lo} AND {hi}) x) y) z
            WHERE z.pid = p.pid""")


def materialize(lo: int, hi: int, p: dict, probe_values: dict, times: dict | None = None
                ) -> None:
    """Every row of the processes lo..hi of the plan, in the shapes the real code writes."""
    shape = p["shape"]
    ct = one("SELECT id FROM django_content_type WHERE app_label = 'nominations' "
             "AND model = 'dossier'")
    tbase = one("SELECT coalesce(max(id), 0) FROM viewflow_task")
    dlbase = one("SELECT coalesce(max(id), 0) FROM workflows_taskdeadline") - tbase
    counts = {role: n for role, n in PROVINCE_USERS.items()}
    spec = counts["board_specialist"]
    rng = f"pid BETWEEN {lo} AND {hi}"
    step = timed if times is not None else (lambda label, t=None: _nullcontext())

    with step("tasks (staging)", times):
        sql(f"TRUNCATE {SCHEMA}.ptask")
        sql(f"""INSERT INTO {SCHEMA}.ptask
        WITH t AS (
          SELECT p.pid, u.ord::int AS ord, u.node, n.type, n.human, n.role,
                 u.ord = cardinality(p.nodes) AS is_last, p.kind, p.t0, p.anchor, p.r_assign,
                 p.unit_id, p.province_id, p.leader_unit_id,
                 CASE WHEN n.human THEN 86400 * (n.dmin + random() * (n.dmax - n.dmin))
                      ELSE 0.003 + random() * 0.012 END AS dur_s,
                 random() AS r_claim, random() AS r_k0
          FROM {SCHEMA}.plan p CROSS JOIN LATERAL unnest(p.nodes) WITH ORDINALITY AS u(node, ord)
          JOIN {SCHEMA}.node n ON n.node = u.node
          WHERE p.{rng}
        ), c AS (
          -- back: the returning step again after the unit's revision, assigned at once to
          -- the reviewer who returned it (the same actor as its first visit)
          SELECT t.*, sum(dur_s) OVER w - dur_s AS off_s,
                 lead(node, 1) OVER w AS next1, lead(node, 2) OVER w AS next2,
                 first_value(r_k0) OVER (PARTITION BY pid, node ORDER BY ord) AS r_k,
                 human AND node <> 'unit_revise'
                   AND row_number() OVER (PARTITION BY pid, node ORDER BY ord) > 1 AS back
          FROM t WINDOW w AS (PARTITION BY pid ORDER BY ord)
        ), b AS (
          SELECT c.*,
                 CASE WHEN kind = 'open'
                      THEN anchor - make_interval(secs => max(off_s) OVER (PARTITION BY pid))
                      ELSE t0 END AS base,
                 CASE WHEN is_last AND kind = 'open'
                        THEN CASE WHEN r_assign < 0.4 AND NOT back THEN 'NEW'
                                  ELSE 'ASSIGNED' END
                      WHEN is_last AND kind = 'withdrawn' THEN 'CANCELED'
                      ELSE 'DONE' END AS status
          FROM c
        )
        SELECT x.*, a.user_id FROM (
        SELECT pid, ord, node, type, human, role, is_last, status,
               {tbase} + row_number() OVER (ORDER BY pid, ord) AS task_id,
               base + make_interval(secs => off_s) AS created,
               CASE WHEN status = 'DONE' THEN base + make_interval(secs => off_s + dur_s)
                    WHEN status = 'CANCELED'
                    THEN base + make_interval(secs => off_s + dur_s * r_claim) END AS finished,
               CASE WHEN NOT human OR status IN ('NEW', 'CANCELED') THEN NULL
                    WHEN back THEN base + make_interval(secs => off_s)
                    WHEN status = 'ASSIGNED' THEN base + make_interval(secs => off_s)
                         + (now() - base - make_interval(secs => off_s)) * r_claim * 0.5
                    WHEN r_claim < 0.5 THEN base + make_interval(secs => off_s + dur_s - 0.06)
                    ELSE base + make_interval(secs => off_s + dur_s * 0.25) END AS assigned,
               CASE WHEN human AND status = 'DONE'
                      THEN base + make_interval(secs => off_s + dur_s - 0.04)
                    WHEN type = 'START' THEN base - interval '0.1 ms'
                    -- gateways the route's own walk passes are started; the one before
                    -- the Function that closes an empty dossier is left to viewflow
                    WHEN type IN ('FUNCTION', 'END') OR (NOT human
                         AND next1 IS DISTINCT FROM 'close_without_nominations')
                      THEN base + make_interval(secs => off_s + 0.003) END AS started,
               CASE WHEN type = 'START' THEN 'unit_officer:' || unit_id || ':1'
                    WHEN NOT human OR status IN ('NEW', 'CANCELED') THEN NULL
                    WHEN role IN ('unit_head') THEN role || ':' || unit_id || ':1'
                    WHEN role = 'unit_officer'
                      THEN role || ':' || unit_id || ':' || (1 + floor(r_k * 2)::int)
                    WHEN role = 'bloc_leader' THEN role || ':' || leader_unit_id || ':1'
                    WHEN role = 'board_specialist' THEN role || ':' || province_id || ':' ||
                      CASE WHEN r_k < 0.4 THEN 1
                           ELSE 2 + floor((r_k - 0.4) / 0.6 * {spec - 1})::int END
                    WHEN role = 'council_secretary' THEN role || ':' || province_id || ':'
                      || (1 + floor(r_k * {counts['council_secretary']})::int)
                    WHEN role = 'committee_officer' THEN role || ':' || province_id || ':'
                      || (1 + floor(r_k * {counts['committee_officer']})::int)
                    ELSE role || ':' || province_id || ':1' END AS actor_key,
               CASE WHEN human AND status = 'DONE' THEN
                 CASE WHEN node = 'unit_revise' THEN 'resubmitted'
                      WHEN node = 'board_head_approval' THEN 'approved'
                      WHEN node = 'committee_decision' THEN 'drafted'
                      WHEN node = 'committee_sign' THEN 'signed'
                      WHEN next2 = 'unit_revise' THEN 'returned'
                      WHEN next2 = 'close_without_nominations' THEN 'nothing_left'
                      ELSE 'forward' END END AS outcome,
               back
        FROM b) x LEFT JOIN {SCHEMA}.actor a ON a.key = x.actor_key""")
        sql(f"ANALYZE {SCHEMA}.ptask")
        # one row per process: the times the dossier, process and decision rows need
        sql(f"TRUNCATE {SCHEMA}.psum")
        # (the decision is recorded when the Chủ tịch signs it; the VP UBND officer's draft
        # before that; the outcome in process.data is the last finished step's)
        sql(f"""INSERT INTO {SCHEMA}.psum
            SELECT t.*, g.any_central, g.awarded FROM (
            SELECT pid,
                   min(created) FILTER (WHERE ord = 1),
                   max(ord),
                   max(created) FILTER (WHERE is_last),
                   max(finished) FILTER (WHERE is_last),
                   min(created) FILTER (WHERE human
                       AND node NOT IN ('unit_head_submit', 'unit_revise')),
                   max(finished) FILTER (WHERE node = 'committee_sign' AND status = 'DONE'),
                   max(owner_id) FILTER (WHERE node = 'committee_sign' AND status = 'DONE'),
                   max(finished) FILTER (WHERE outcome = 'returned'),
                   (array_agg(outcome ORDER BY ord DESC)
                      FILTER (WHERE outcome IS NOT NULL))[1],
                   max(owner_id) FILTER (WHERE outcome = 'returned'),
                   (array_agg(owner_id ORDER BY ord DESC)
                      FILTER (WHERE node = 'board_appraisal' AND status = 'DONE'))[1],
                   max(owner_id) FILTER (WHERE node = 'committee_decision'
                       AND status = 'DONE'),
                   max(finished) FILTER (WHERE node = 'committee_decision'
                       AND status = 'DONE')
            FROM {SCHEMA}.ptask GROUP BY pid) t
            JOIN (SELECT pid, bool_or(central) AS any_central,
                         coalesce(jsonb_agg(nomination_id ORDER BY k)
                                  FILTER (WHERE NOT central AND r < 0.9), '[]') AS awarded
                  FROM {SCHEMA}.pnom WHERE {rng} GROUP BY pid) g ON g.pid = t.pid""")

    with step("dossiers, decisions, nominations", times):
        insert("nominations_dossier", f"""
          SELECT p.dossier_id, p.unit_id, p.year,
                 'Tờ trình số ' || (p.pid % 900 + 1) || '/TTr – đề nghị khen thưởng '
                   || (ARRAY['tổng kết', 'chuyên đề', 'đột xuất', 'tổng kết'])[1 + p.pid % 4]
                   || ' năm ' || p.year || ' – ' || u.short_name,
                 CASE p.kind WHEN 'open' THEN coalesce(
                        (SELECT n.status FROM {SCHEMA}.node n WHERE n.node = p.wait_step),
                        'returned')
                      WHEN 'done' THEN CASE WHEN p.upward THEN 'proposed_upward'
                                            ELSE 'decided' END
                      ELSE p.kind END,
                 coalesce(p.return_step, ''),
                 CASE WHEN p.wait_step = 'unit_revise' AND p.kind = 'open'
                      THEN 'Hồ sơ thiếu biên bản họp Hội đồng TĐKT đơn vị, đề nghị bổ sung.'
                      ELSE '' END,
                 CASE WHEN p.wait_step = 'unit_revise' AND p.kind = 'open'
                      THEN rd.due_on END,
                 CASE WHEN p.kind = 'done' AND s.any_central
                      THEN (p.pid % 300 + 1) || '/TTr-UBND' ELSE '' END,
                 CASE WHEN p.kind = 'done' AND s.any_central
                      THEN (s.drafted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date END,
                 a.user_id,
                 s.started - interval '1 day' * (1 + (p.pid % 20)),
                 coalesce(s.last_finished, s.last_created),
                 s.submitted_at
          FROM {SCHEMA}.plan p
          JOIN nominations_unit u ON u.id = p.unit_id
          JOIN {SCHEMA}.psum s ON s.pid = p.pid
          JOIN {SCHEMA}.actor a ON a.key = 'unit_officer:' || p.unit_id || ':1'
          LEFT JOIN {SCHEMA}.due_map rd ON rd.step = 'unit_revise'
               AND rd.start_on = (s.last_created AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          WHERE p.{rng}""")
        insert("nominations_decision", f"""
          SELECT p.decision_id, p.dossier_id, (p.pid % 2000 + 1) || '/QĐ-UBND',
                 (s.drafted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
                 'Chủ tịch UBND tỉnh', s.decided_by, s.decided_at
          FROM {SCHEMA}.plan p JOIN {SCHEMA}.psum s ON s.pid = p.pid
          WHERE p.{rng} AND p.decision_id IS NOT NULL""")
        insert("nominations_nomination", f"""
          SELECT n.nomination_id, p.dossier_id, n.person_id, n.collective_id, n.award_id,
                 CASE WHEN n.r < 0.9 THEN 'cong_trang' ELSE 'chuyen_de' END,
                 'Hoàn thành xuất sắc nhiệm vụ năm ' || p.year || '; có sáng kiến được công '
                   || 'nhận, áp dụng hiệu quả tại đơn vị.',
                 CASE p.kind WHEN 'open' THEN 'active' WHEN 'withdrawn' THEN 'withdrawn'
                   WHEN 'closed' THEN 'rejected'
                   ELSE CASE WHEN n.central THEN 'proposed_upward'
                             WHEN n.r < 0.9 THEN 'awarded' ELSE 'not_awarded' END END,
                 CASE p.kind WHEN 'closed' THEN 'Không đủ tiêu chuẩn theo quy định'
                   WHEN 'withdrawn' THEN 'Đơn vị rút hồ sơ' ELSE '' END,
                 CASE p.kind WHEN 'closed' THEN p.wait_step WHEN 'withdrawn' THEN 'withdrawn'
                   WHEN 'done' THEN 'committee_decision' ELSE '' END,
                 CASE WHEN n.via_bloc AND 'after_bloc_vote' = ANY(p.nodes) THEN
                   CASE WHEN p.kind = 'closed' AND p.wait_step = 'bloc_vote' THEN 'rejected'
                        ELSE 'approved' END ELSE '' END,
                 CASE WHEN 'after_council' = ANY(p.nodes) THEN
                   CASE WHEN p.kind = 'closed' AND p.wait_step = 'council_review'
                        THEN 'failed' ELSE 'passed' END ELSE '' END,
                 CASE WHEN 'after_appraisal' = ANY(p.nodes) AND n.r < 0.3
                      THEN 'Đủ điều kiện, đề nghị trình khen.' ELSE '' END,
                 CASE WHEN p.kind = 'done' AND NOT n.central THEN p.decision_id END,
                 s.started - interval '1 day' * (1 + (p.pid % 20)) + interval '1 minute' * n.k,
                 coalesce(s.last_finished, s.last_created)
          FROM {SCHEMA}.pnom n JOIN {SCHEMA}.plan p ON p.pid = n.pid
          JOIN {SCHEMA}.psum s ON s.pid = p.pid
          WHERE p.{rng}""")
        insert("nominations_honour", f"""
          SELECT n.person_id, n.collective_id, n.award_id, p.year, 'cong_trang',
                 (p.pid % 2000 + 1) || '/QĐ-UBND',
                 (s.drafted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, n.nomination_id
          FROM {SCHEMA}.pnom n JOIN {SCHEMA}.plan p ON p.pid = n.pid
          JOIN {SCHEMA}.psum s ON s.pid = p.pid
          WHERE p.{rng} AND p.kind = 'done' AND NOT n.central AND n.r < 0.9
          ON CONFLICT DO NOTHING""")

    with step("processes, tasks, previous", times):
        insert("viewflow_process", f"""
          SELECT p.process_id, {lit(shape['flow_ref'])},
                 CASE p.kind WHEN 'open' THEN 'NEW' WHEN 'withdrawn' THEN 'CANCELED'
                             ELSE 'DONE' END,
                 s.started, CASE WHEN p.kind <> 'open' THEN s.last_finished END,
                 jsonb_strip_nulls(jsonb_build_object(
                   'outcome', CASE s.last_outcome
                     WHEN 'approved' THEN 'forward'
                     WHEN 'signed' THEN CASE WHEN p.upward THEN 'proposed_upward'
                                             ELSE 'decided' END
                     ELSE s.last_outcome END,
                   'return_to', p.return_step,
                   'return_due', rd.due_on::text,
                   'returned_by', s.returned_by,
                   'appraised_by', s.appraised_by,
                   'drafted_by', s.drafted_by))
                 || CASE WHEN s.drafted_by IS NULL THEN '{{}}'::jsonb
                    ELSE jsonb_build_object('decision_draft', jsonb_build_object(
                      'number', CASE WHEN p.upward THEN ''
                                     ELSE (p.pid % 2000 + 1) || '/QĐ-UBND' END,
                      'date', CASE WHEN NOT p.upward THEN
                                (s.drafted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text END,
                      'signer', 'Chủ tịch UBND tỉnh', 'awarded_ids', s.awarded,
                      'upward_letter_number', CASE WHEN s.any_central
                                                   THEN (p.pid % 300 + 1) || '/TTr-UBND'
                                                   ELSE '' END,
                      'upward_letter_date', CASE WHEN s.any_central THEN
                        (s.drafted_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text END))
                    END,
                 {ct}, p.dossier_id, NULL, NULL, NULL
          FROM {SCHEMA}.plan p
          JOIN {SCHEMA}.psum s ON s.pid = p.pid
          LEFT JOIN {SCHEMA}.due_map rd ON rd.step = 'unit_revise'
               AND rd.start_on = (s.returned_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          WHERE p.{rng}""")
        refs = ", ".join(f"({lit(name)}, {lit(n['ref'])})" for name, n in shape["nodes"].items())
        insert("viewflow_task", f"""
          SELECT t.task_id, p.process_id, r.ref, t.type, t.status, t.created, t.assigned,
                 t.started, t.finished, NULL, 'start', NULL, t.owner_id, NULL, NULL, NULL,
                 '{{}}'::jsonb, NULL, NULL, NULL, NULL
          FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
          JOIN (VALUES {refs}) AS r(node, ref) ON r.node = t.node
          ORDER BY t.task_id""")
        insert("viewflow_task_previous", f"""
          SELECT t.task_id, t.task_id - 1 FROM {SCHEMA}.ptask t WHERE t.ord > 1
          ORDER BY t.task_id""")

    with step("deadlines", times):
        insert("workflows_taskdeadline", f"""
          SELECT t.task_id + {dlbase}, t.task_id, p.dossier_id, t.node,
                 (t.created AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, d.due_on,
                 t.owner_id, t.assigned, NULL, t.finished, t.role, p.unit_id, p.bloc_id,
                 p.province_id
          FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
          JOIN {SCHEMA}.due_map d ON d.step = t.node
               AND d.start_on = (t.created AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          WHERE t.human ORDER BY t.task_id""")

    with step("attachments", times):
        # the documents the catalogue requires of the dossier and of each nomination (the
        # unit officer uploaded them while drafting: the route refuses to send or sign a
        # dossier without them) and, once signed, the Chủ tịch's signed decision (PDF)
        dlo, dhi = sql(f"SELECT min(dossier_id), max(dossier_id) FROM {SCHEMA}.plan "
                       f"WHERE {rng}")[0]
        size = "40000 + (hashtext(a.path) & 1048575)"
        for docs in (
            f"""SELECT p.dossier_id, NULL::bigint AS nomination_id, q.kind, q.name, 0 AS k,
                       d.created_by_id, d.created_at,
                       'uploads/bench/' || p.dossier_id || '/' || q.kind || '.pdf' AS path
                FROM {SCHEMA}.plan p JOIN nominations_dossier d ON d.id = p.dossier_id
                JOIN {SCHEMA}.required_doc q ON q.code IS NULL WHERE p.{rng}""",
            f"""SELECT p.dossier_id, n.nomination_id, q.kind, q.name, n.k, d.created_by_id,
                       d.created_at, 'uploads/bench/' || p.dossier_id || '/' || q.kind || '-'
                         || n.nomination_id || '.pdf' AS path
                FROM {SCHEMA}.pnom n JOIN {SCHEMA}.plan p ON p.pid = n.pid
                JOIN nominations_dossier d ON d.id = p.dossier_id
                JOIN {SCHEMA}.required_doc q ON q.code = n.code WHERE p.{rng}""",
        ):
            insert("nominations_attachment", f"""
              SELECT a.dossier_id, a.nomination_id, a.kind, a.path, a.name,
                     'application/pdf', {size}, a.created_by_id,
                     a.created_at + interval '1 hour' + interval '1 minute' * a.k
              FROM ({docs}) a ORDER BY a.dossier_id""")
        insert("nominations_attachment", f"""
          SELECT a.dossier_id, NULL, 'signed_decision', a.path, 'quyet-dinh-da-ky.pdf',
                 'application/pdf', 200000 + {size}, a.decided_by,
                 a.decided_at - interval '3 ms'
          FROM (SELECT p.dossier_id, s.decided_by, s.decided_at,
                       'uploads/bench/' || p.dossier_id || '/quyet-dinh-da-ky.pdf' AS path
                FROM {SCHEMA}.plan p JOIN {SCHEMA}.psum s ON s.pid = p.pid
                WHERE p.{rng} AND s.decided_by IS NOT NULL) a ORDER BY a.dossier_id""")

    with step("case timeline (events)", times):
        officer = f"(SELECT user_id FROM {SCHEMA}.actor WHERE key = 'unit_officer:' || p.unit_id || ':1')"  # noqa: E501
        considered = ("(t.node <> 'bloc_vote' OR n.via_bloc)")
        decision_no = "(p.pid % 2000 + 1) || '/QĐ-UBND'"
        letter_no = "(p.pid % 300 + 1) || '/TTr-UBND'"
        parts = [
            # the dossier drafted, nominations added, documents uploaded, sent to the head
            f"""SELECT p.dossier_id, NULL::bigint, {officer}, d.created_at, 'created', 'draft',
                       '', '{{}}'::jsonb
                FROM {SCHEMA}.plan p JOIN nominations_dossier d ON d.id = p.dossier_id
                WHERE p.{rng}""",
            f"""SELECT p.dossier_id, n.nomination_id, {officer},
                       d.created_at + interval '1 minute' * n.k, 'nomination_added', 'draft',
                       '', jsonb_build_object('award', n.code)
                FROM {SCHEMA}.pnom n JOIN {SCHEMA}.plan p ON p.pid = n.pid
                JOIN nominations_dossier d ON d.id = p.dossier_id WHERE p.{rng}""",
            f"""SELECT a.dossier_id, a.nomination_id, a.uploaded_by_id, a.uploaded_at,
                       'file_attached', CASE WHEN a.kind = 'signed_decision'
                                             THEN 'committee_sign' ELSE 'draft' END, '',
                       jsonb_build_object('kind', a.kind, 'name', a.original_name)
                FROM nominations_attachment a
                WHERE a.dossier_id BETWEEN {dlo} AND {dhi}""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.created - interval '5 ms', 'sent',
                       'draft', '', '{{}}'::jsonb
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.ord = 1""",
            # each step: started (the dossier moves), claimed — or, back after the unit's
            # revision, assigned to the reviewer who returned it —, decided
            f"""SELECT p.dossier_id, NULL, NULL, t.created + interval '20 ms', 'step_started',
                       t.node, '', '{{}}'::jsonb
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.human AND t.node <> 'unit_revise'""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.assigned, 'task_claimed', t.node, '',
                       jsonb_build_object('to', t.owner_id, 'task', t.task_id)
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.human AND t.assigned IS NOT NULL AND NOT t.back""",
            f"""SELECT p.dossier_id, NULL, NULL, t.created + interval '25 ms', 'task_assigned',
                       t.node, 'Hồ sơ đã bổ sung được chuyển lại cho người đã trả lại.',
                       jsonb_build_object('to', t.owner_id, 'task', t.task_id)
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.back""",
            f"""SELECT p.dossier_id, n.nomination_id, t.owner_id,
                       t.finished - interval '30 ms' + interval '1 ms' * n.k,
                       CASE t.outcome WHEN 'forward' THEN 'nomination_approved'
                                      ELSE 'nomination_rejected' END, t.node,
                       CASE WHEN t.outcome = 'nothing_left'
                            THEN 'Không đủ tiêu chuẩn theo quy định' ELSE '' END,
                       '{{}}'::jsonb
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                JOIN {SCHEMA}.pnom n ON n.pid = t.pid
                WHERE t.outcome IN ('forward', 'nothing_left') AND {considered}""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.finished - interval '10 ms',
                       'step_completed', t.node, '', '{{}}'::jsonb
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.outcome = 'forward'""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.finished - interval '10 ms',
                       'returned', t.node,
                       'Hồ sơ thiếu biên bản họp Hội đồng TĐKT đơn vị, đề nghị bổ sung.',
                       jsonb_build_object('due', d.due_on)
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                JOIN {SCHEMA}.due_map d ON d.step = 'unit_revise'
                     AND d.start_on = (t.finished AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                WHERE t.outcome = 'returned'""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.finished - interval '10 ms',
                       'resubmitted', 'unit_revise',
                       'Đã bổ sung biên bản họp Hội đồng TĐKT đơn vị theo yêu cầu.',
                       jsonb_build_object('back_to', p.return_step)
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.outcome = 'resubmitted'""",
            f"""SELECT p.dossier_id, NULL, NULL, t.finished, 'closed', 'nothing_left', '',
                       '{{}}'::jsonb
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.node = 'close_without_nominations'""",
            # the Trưởng Ban approves the appraisal; the VP UBND officer drafts the decision
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.finished - interval '10 ms',
                       'appraisal_approved', t.node, '', '{{}}'::jsonb
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.outcome = 'approved'""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.finished - interval '10 ms',
                       'decision_drafted', t.node, '', jsonb_build_object(
                         'number', CASE WHEN p.upward THEN '' ELSE {decision_no} END,
                         'awarded', s.awarded)
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                JOIN {SCHEMA}.psum s ON s.pid = t.pid
                WHERE t.outcome = 'drafted'""",
            # the Chủ tịch signs: the decision is recorded (its events name the decision
            # step, as nominations.services.record_decision writes them), per nomination and
            # for the dossier, then the signed PDF and the signature
            f"""SELECT p.dossier_id, n.nomination_id, t.owner_id,
                       t.finished - interval '20 ms' + interval '1 ms' * n.k,
                       CASE WHEN n.central THEN 'nomination_proposed_upward'
                            WHEN n.r < 0.9 THEN 'nomination_awarded'
                            ELSE 'nomination_not_awarded' END, 'committee_decision', '',
                       CASE WHEN n.central
                            THEN jsonb_build_object('letter', {letter_no})
                            WHEN n.r < 0.9 THEN jsonb_build_object(
                              'decision', {decision_no}, 'initiatives', '[]'::jsonb)
                            ELSE jsonb_build_object('decision', {decision_no}) END
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                JOIN {SCHEMA}.pnom n ON n.pid = t.pid WHERE t.outcome = 'signed'""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.finished - interval '5 ms',
                       CASE WHEN p.upward THEN 'proposed_upward' ELSE 'decided' END,
                       'committee_decision', '', jsonb_build_object(
                         'decision', CASE WHEN NOT p.upward THEN {decision_no} END,
                         'upward_letter', CASE WHEN s.any_central THEN {letter_no} END)
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                JOIN {SCHEMA}.psum s ON s.pid = t.pid
                WHERE t.outcome = 'signed'""",
            f"""SELECT p.dossier_id, NULL, t.owner_id, t.finished - interval '1 ms',
                       'decision_signed', t.node, '', jsonb_build_object(
                         'file', a.id,
                         'decision', CASE WHEN NOT p.upward THEN {decision_no} END)
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                JOIN nominations_attachment a ON a.dossier_id = p.dossier_id
                     AND a.kind = 'signed_decision' AND a.dossier_id BETWEEN {dlo} AND {dhi}
                WHERE t.outcome = 'signed'""",
            f"""SELECT p.dossier_id, NULL, {officer}, t.finished, 'withdrawn', '',
                       'Đơn vị rút hồ sơ', '{{}}'::jsonb
                FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
                WHERE t.status = 'CANCELED'""",
        ]
        for part in parts:
            insert("nominations_dossierevent", part)

    with step("notices, reminders, eligibility", times):
        labels = ", ".join(f"({lit(name)}, {lit(n['label'])})"
                           for name, n in shape["nodes"].items())
        unit_people = (f"""JOIN {SCHEMA}.actor a ON a.unit_id = p.unit_id
                           AND a.role IN ('unit_officer', 'unit_head')""")
        # the task reached a person (its assignee) or, unclaimed, the first one offered it
        insert("notifications_notice", f"""
          SELECT 'task_created:' || t.task_id || ':' || u.user_id, u.user_id, 'task_created',
                 left('Công việc mới: ' || lb.label || ' – ' || d.title, 300),
                 'Hồ sơ “' || d.title || '” đã chuyển đến bước “' || lb.label
                   || '”. Hạn xử lý: ' || to_char(dl.due_on, 'DD/MM/YYYY')
                   || ' (tính theo ngày làm việc).',
                 '/khenthuong/dossiers/' || d.id || '/', d.id, dl.id, NULL,
                 t.created + interval '1 s',
                 CASE WHEN t.status IN ('DONE', 'CANCELED') THEN t.created + interval '2 hours'
                      END,
                 'sent', NULL, NULL, NULL, 1, '', t.created + interval '5 s', ''
          FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
          JOIN nominations_dossier d ON d.id = p.dossier_id
          JOIN workflows_taskdeadline dl ON dl.task_id = t.task_id
          JOIN (VALUES {labels}) AS lb(node, label) ON lb.node = t.node
          JOIN {SCHEMA}.actor u ON u.key = coalesce(t.actor_key, CASE
               WHEN t.role IN ('unit_head', 'unit_officer') THEN t.role || ':' || p.unit_id
               WHEN t.role = 'bloc_leader' THEN t.role || ':' || p.leader_unit_id
               ELSE t.role || ':' || p.province_id END || ':1')
          WHERE t.human""")
        insert("notifications_notice", f"""
          SELECT 'returned:' || d.id || ':' || t.node || ':' || due.due_on || ':' || a.user_id,
                 a.user_id, 'dossier_returned',
                 left('Hồ sơ bị trả lại để bổ sung: ' || d.title, 300),
                 'Lý do: Hồ sơ thiếu biên bản họp Hội đồng TĐKT đơn vị, đề nghị bổ sung.',
                 '/khenthuong/dossiers/' || d.id || '/', d.id, NULL, NULL,
                 t.finished + interval '1 s', t.finished + interval '1 day', 'sent', NULL,
                 NULL, NULL, 1, '', t.finished + interval '5 s', ''
          FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
          JOIN nominations_dossier d ON d.id = p.dossier_id
          JOIN {SCHEMA}.due_map due ON due.step = 'unit_revise'
               AND due.start_on = (t.finished AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
          {unit_people}
          WHERE t.outcome = 'returned'""")
        insert("notifications_notice", f"""
          SELECT 'decided:' || d.id || ':' || d.status || ':' || a.user_id, a.user_id,
                 'dossier_decided', left('Hồ sơ đã có quyết định: ' || d.title, 300), '',
                 '/khenthuong/dossiers/' || d.id || '/', d.id, NULL, NULL,
                 t.finished + interval '1 s', t.finished + interval '1 day', 'sent', NULL,
                 NULL, NULL, 1, '', t.finished + interval '5 s', ''
          FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
          JOIN nominations_dossier d ON d.id = p.dossier_id
          {unit_people}
          WHERE t.outcome = 'signed'""")
        insert("notifications_notice", f"""
          SELECT 'rejected:' || n.nomination_id || ':' || t.node || ':' || a.user_id,
                 a.user_id, 'nomination_rejected',
                 left('Đề nghị không được chấp thuận: ' || d.title, 300),
                 'Lý do: Không đủ tiêu chuẩn theo quy định',
                 '/khenthuong/dossiers/' || d.id || '/', d.id, NULL, NULL,
                 t.finished + interval '1 s', t.finished + interval '1 day', 'sent', NULL,
                 NULL, NULL, 1, '', t.finished + interval '5 s', ''
          FROM {SCHEMA}.ptask t JOIN {SCHEMA}.plan p ON p.pid = t.pid
          JOIN {SCHEMA}.pnom n ON n.pid = t.pid
          JOIN nominations_dossier d ON d.id = p.dossier_id
          {unit_people}
          WHERE t.outcome = 'nothing_left' AND (t.node <> 'bloc_vote' OR n.via_bloc)""")
        # open tasks: their planned reminders (before / due / first late / escalation);
        # those whose day has passed were sent by the sweep
        insert("notifications_reminder", f"""
          SELECT 't' || dl.id || ':' || to_char(dl.due_on, 'YYYYMMDD') || ':' || r.kind
                   || CASE WHEN r.kind <> 'escalate'
                           THEN ':' || to_char(dl.due_on + r.shift, 'YYYYMMDD') ELSE '' END,
                 r.kind, dl.id, dl.dossier_id, NULL, dl.due_on, dl.due_on + r.shift, NULL,
                 CASE WHEN dl.due_on + r.shift <= current_date
                      THEN (dl.due_on + r.shift) + time '07:01' END,
                 CASE WHEN dl.due_on + r.shift <= current_date THEN 1 ELSE 0 END, NULL, '',
                 CASE WHEN dl.due_on + r.shift <= current_date
                      THEN (dl.due_on + r.shift) + time '07:02' END,
                 CASE WHEN dl.due_on + r.shift <= current_date THEN 'sent' ELSE '' END,
                 t.created + interval '1 s'
          FROM {SCHEMA}.ptask t JOIN workflows_taskdeadline dl ON dl.task_id = t.task_id
          CROSS JOIN (VALUES ('before', -2), ('due', 0), ('late', 1), ('escalate', 3))
                AS r(kind, shift)
          WHERE t.human AND t.finished IS NULL AND t.status <> 'CANCELED'
            AND (r.kind <> 'before' OR dl.due_on - 2 > dl.started_on)""")
        # the stored verdicts of the open nominations (rules as the engine writes them)
        insert("eligibility_eligibilityresult", f"""
          SELECT n.nomination_id, 'done',
                 CASE WHEN n.r < 0.6 THEN true WHEN n.r < 0.85 THEN false END,
                 {lit(probe_values['rules'])}::jsonb, {lit(probe_values['rule_set'])},
                 (p.anchor AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, md5(n.nomination_id::text),
                 p.anchor, ''
          FROM {SCHEMA}.pnom n JOIN {SCHEMA}.plan p ON p.pid = n.pid
          WHERE p.{rng} AND p.kind = 'open'""")
    fix_sequences()


@contextmanager
def _nullcontext():
    yield


def fix_sequences() -> None:
    for table in ("nominations_unit", "nominations_person", "nominations_collective",
                  "nominations_dossier", "nominations_decision", "nominations_nomination",
                  "viewflow_process", "viewflow_task", "workflows_taskdeadline"):
        sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT coalesce(max(id), 1) FROM {table}))")


def drop_indexes() -> list[str]:
    rows = sql("""SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                  FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
                  WHERE t.relname = ANY(%s) AND t.relnamespace = 'public'::regnamespace
                    AND NOT i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                    WHERE c.conindid = i.indexrelid)""", [list(BIG_TABLES)])
    for name, _ in rows:
        sql(f"DROP INDEX {name}")
    return [definition for _, definition in rows]


def build(p: dict) -> dict:
    times: dict[str, float] = {}
    t_all = time.perf_counter()
    log(f"build: {p['processes']:,} processes, {p['open_percent']} % open, seed {p['seed']} "
        f"(load {load()})")
    reset_database()
    with timed("migrate", times):
        call_command("migrate", verbosity=0)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    check_columns()
    shape = route_shape()
    p = {**p, "shape": shape}
    create_schema(shape, {k: v for k, v in p.items() if k != "shape"})
    stub_celery()
    with timed("probe through the real services", times):
        probe_values = probe(shape)
    sql(f"""CREATE UNLOGGED TABLE {SCHEMA}.plan (pid int PRIMARY KEY, process_id bigint,
            dossier_id bigint, pool bool, unit_id bigint, province_id bigint, unit_pos int,
            is_open bool, year int, n_nom int, t0 timestamptz, anchor timestamptz,
            created_at timestamptz, r_kind float8, r_step float8, r_ret float8,
            r_ret2 float8, r_assign float8, bloc_id bigint, leader_unit_id bigint,
            via_bloc bool, upward bool, kind text, wait_step text, return_step text,
            decision_id bigint, nodes text[])""")
    sql(f"""CREATE UNLOGGED TABLE {SCHEMA}.pnom (pid int, k int, nomination_id bigint,
            award_id bigint, code text, central bool, via_bloc bool, person_id bigint,
            collective_id bigint, r float8, PRIMARY KEY (pid, k))""")
    sql(f"""CREATE UNLOGGED TABLE {SCHEMA}.ptask (pid int, ord int, node text, type text,
            human bool, role text, is_last bool, status text, task_id bigint,
            created timestamptz, finished timestamptz, assigned timestamptz,
            started timestamptz, actor_key text, outcome text, back bool,
            owner_id bigint)""")
    sql(f"CREATE INDEX ON {SCHEMA}.ptask (pid, ord)")
    sql(f"""CREATE UNLOGGED TABLE {SCHEMA}.psum (pid int PRIMARY KEY, started timestamptz,
            last_ord int, last_created timestamptz, last_finished timestamptz,
            submitted_at timestamptz, decided_at timestamptz, decided_by bigint,
            returned_at timestamptz, last_outcome text, returned_by bigint,
            appraised_by bigint, drafted_by bigint, drafted_at timestamptz,
            any_central bool, awarded jsonb)""")
    sql("SET synchronous_commit = off")
    sql("SET work_mem = '256MB'")
    sql("SET maintenance_work_mem = '512MB'")
    try:
        sql("SET session_replication_role = replica")  # no FK triggers while loading
        fk_off = True
    except Exception:  # noqa: BLE001 - not a superuser: load with the checks on
        fk_off = False
    with timed("organisation, users, nominees", times):
        build_reference(p, times)
    indexes = drop_indexes()
    sql(f"SELECT setseed({p['seed'] / 10_000 % 1})")
    with timed("plan", times):
        plan_processes(1, p["processes"], p)
    materialize(1, p["processes"], p, probe_values, times)
    with timed(f"indexes ({len(indexes)} rebuilt)", times):
        for definition in indexes:
            sql(definition)
    if fk_off:
        sql("SET session_replication_role = DEFAULT")
    sql(f"TRUNCATE {SCHEMA}.ptask")
    with timed("shape checks of the generated rows", times):
        check_generated(probe_values)
    with timed("VACUUM ANALYZE", times):
        sql("VACUUM ANALYZE")
    counts = table_counts()
    total = time.perf_counter() - t_all
    meta = {"params": {k: v for k, v in p.items() if k != "shape"}, "built_at":
            timezone.now().isoformat(), "seconds": round(total, 1),
            "steps": {k: round(v, 1) for k, v in times.items()}, "counts": counts,
            "probe_tasks": probe_values["task_count"], "rules": probe_values["rules"],
            "rule_set": probe_values["rule_set"], "fk_checks_during_load": not fk_off,
            "today": timezone.localdate().isoformat()}
    sql(f"INSERT INTO {SCHEMA}.meta VALUES ('build', %s)", [json.dumps(meta)])
    connections.close_all()  # measurements run with the server's settings, not the build's
    log(f"  built in {total:.0f} s: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return meta


def table_counts() -> dict:
    tables = {"processes": "viewflow_process", "tasks": "viewflow_task",
              "deadlines": "workflows_taskdeadline", "dossiers": "nominations_dossier",
              "nominations": "nominations_nomination", "events": "nominations_dossierevent",
              "notices": "notifications_notice", "reminders": "notifications_reminder",
              "attachments": "nominations_attachment", "users": "accounts_user"}
    counts = {k: one(f"SELECT count(*) FROM {t}") for k, t in tables.items()}
    counts["open processes"] = one("SELECT count(*) FROM viewflow_process WHERE status = 'NEW'")
    counts["open tasks"] = one("SELECT count(*) FROM viewflow_task "
                               "WHERE status IN ('NEW', 'ASSIGNED', 'STARTED')")
    counts["overdue"] = one("SELECT count(*) FROM workflows_taskdeadline "
                            "WHERE finished_at IS NULL AND due_on < current_date")
    counts["database MB"] = one("SELECT pg_database_size(current_database()) / 1048576")
    return counts


# ====================================================================== pages


def bench_users() -> dict:
    """The users whose pages are measured, and how much they have (province 1)."""
    from accounts.models import User

    province = one("SELECT id FROM nominations_province WHERE code = 'scale-01'")

    def actor(key):
        return User.objects.get(pk=one(f"SELECT user_id FROM {SCHEMA}.actor WHERE key = %s",
                                       [key]))

    officer = one("""SELECT assigned_to_id FROM workflows_taskdeadline
                     WHERE finished_at IS NULL AND province_id = %s AND step = 'unit_revise'
                       AND assigned_to_id IS NOT NULL
                     GROUP BY assigned_to_id ORDER BY count(*) DESC, 1 LIMIT 1""", [province])
    head_unit = one("""SELECT unit_id FROM workflows_taskdeadline
                       WHERE finished_at IS NULL AND province_id = %s
                         AND step = 'unit_head_submit'
                       GROUP BY unit_id ORDER BY count(*) DESC, unit_id LIMIT 1""", [province])
    users = {"board specialist": actor(f"board_specialist:{province}:1"),
             "unit officer": User.objects.get(pk=officer),
             "unit head": actor(f"unit_head:{head_unit}:1"),
             "manager": actor(f"manager:{province}:1")}
    return users


def user_load(user) -> str:
    from workflows import selectors

    return (f"inbox {selectors.inbox(user).count()}, queue {selectors.queue(user).count()}, "
            f"archive {selectors.archive(user).count()}")


def pick_case(user) -> int:
    """The open dossier of the user's inbox with the longest timeline."""
    return one("""SELECT d.dossier_id FROM workflows_taskdeadline d
                  JOIN nominations_dossierevent e ON e.dossier_id = d.dossier_id
                  WHERE d.finished_at IS NULL AND d.assigned_to_id = %s
                  GROUP BY d.dossier_id ORDER BY count(*) DESC, d.dossier_id LIMIT 1""",
               [user.pk])


def pages_to_measure(users: dict) -> list[tuple[str, str, object]]:
    spec, officer = users["board specialist"], users["unit officer"]
    head, manager = users["unit head"], users["manager"]
    case = pick_case(spec)
    process = one("SELECT id FROM viewflow_process WHERE artifact_object_id = %s "
                  "ORDER BY id DESC LIMIT 1", [case])
    r = "khenthuong:route:"
    return [
        # "Trang làm việc": where everyone lands after logging in
        ("landing page", reverse("khenthuong:index"), spec),
        ("landing page", reverse("khenthuong:index"), officer),
        ("landing page", reverse("khenthuong:index"), manager),
        ("inbox", reverse(r + "inbox"), spec),
        ("inbox", reverse(r + "inbox"), officer),
        ("queue", reverse(r + "queue"), spec),
        ("queue", reverse(r + "queue"), head),
        ("archive", reverse(r + "archive"), spec),
        ("status list", reverse(r + "status"), manager),
        ("status list", reverse(r + "status"), spec),
        ("dossier list", reverse("khenthuong:dossiers:index"), manager),
        ("dossier list", reverse("khenthuong:dossiers:index"), officer),
        ("case page", reverse(r + "case", args=[case]), spec),
        ("case page", reverse(r + "case", args=[case]), manager),
        ("process list", reverse(r + "process_list"), manager),
        ("process list", reverse(r + "process_list"), spec),
        ("process page", reverse(r + "process_detail", args=[process]), spec),
        # the manager's dashboard: the default (newest achievement year, no other filter),
        # and the whole history ("Tất cả các năm")
        ("dashboard", reverse("khenthuong:reports:index"), manager),
        ("dashboard", reverse("khenthuong:reports:index"), spec),
        ("dashboard, all years", reverse("khenthuong:reports:index") + "?year=all", manager),
    ]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure_pages(users: dict, repeat: int, warmup: int) -> tuple[list[dict], list[str]]:
    import warnings

    rows = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _measure_pages(users, repeat, warmup, rows)
    seen = sorted({f"{w.category.__name__}: {w.message}" for w in caught})
    for line in seen:
        log(f"  warning: {line}")
    return rows, seen


def _measure_pages(users: dict, repeat: int, warmup: int, rows: list) -> None:
    role_of = {id(u): role for role, u in users.items()}
    clients = {}
    for page, url, user in pages_to_measure(users):
        client = clients.get(user.pk)
        if client is None:
            client = clients[user.pk] = Client()
            client.force_login(user)
        for _ in range(max(warmup, 1)):
            response = client.get(url, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{page} {url} as {role_of[id(user)]}: HTTP "
                             f"{response.status_code}")
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            client.get(url, secure=True)
            times.append((time.perf_counter() - t0) * 1000)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url, secure=True)
        queries = ctx.captured_queries
        slowest = max(queries, key=lambda q: float(q["time"])) if queries else None
        text = response.content.decode("utf-8", "replace")
        rows_shown = len(re.findall(r"<tr[\s>]", text)) - 1
        row = {"page": page, "user": role_of[id(user)], "url": url,
               "p50": statistics.median(times), "p95": percentile(times, 95),
               "queries": len(queries),
               "db_ms": sum(float(q["time"]) for q in queries) * 1000,
               "bytes": len(response.content), "rows": max(rows_shown, 0),
               "slowest_sql": slowest["sql"] if slowest else "",
               "slowest_ms": float(slowest["time"]) * 1000 if slowest else 0.0,
               "repeated": [(n, q) for q, n in shapes_of(queries).most_common() if n >= 5],
               "load": load()}
        rows.append(row)
        log(f"  {page:<13} {row['user']:<17} p50 {row['p50']:7.1f} ms  p95 {row['p95']:7.1f} ms"
            f"  {row['queries']:3d} q ({row['db_ms']:6.1f} ms in SQL, slowest "
            f"{row['slowest_ms']:6.1f})  {row['bytes'] / 1024:7.1f} kB  ~{row['rows']} rows")


def explain(rows: list[dict]) -> dict[str, str]:
    """EXPLAIN (ANALYZE, BUFFERS) of the slowest query of the main list pages."""
    wanted = [("inbox", "board specialist"), ("queue", "board specialist"),
              ("archive", "board specialist"), ("status list", "manager"),
              ("dossier list", "manager"), ("process list", "manager"),
              ("dashboard", "manager"), ("dashboard, all years", "manager")]
    plans = {}
    for page, user in wanted:
        row = next((r for r in rows if r["page"] == page and r["user"] == user), None)
        if not row or not row["slowest_sql"]:
            continue
        # the dashboard runs its tables with JIT off (reports.selectors._without_jit)
        jit_off = page.startswith("dashboard") and "GROUPING SETS" in row["slowest_sql"]
        if jit_off:
            sql("SET jit = off")
        lines = sql("EXPLAIN (ANALYZE, BUFFERS) " + row["slowest_sql"])
        if jit_off:
            sql("RESET jit")
        # the working-day numbers (reports.timing: an int[] of 7,000 days) shortened
        shown = re.sub(r"'\{[0-9,]{200,}\}'", "'{…}'", row["slowest_sql"])
        shown = re.sub(r"ARRAY\[[0-9, ]{200,}\]", "ARRAY[…]", shown)
        plans[f"{page} ({user})"] = (shown, "\n".join(r[0] for r in lines))
    return plans


# ====================================================================== completions


def make_pool(n: int, p: dict, meta: dict) -> tuple[int, int, list[tuple[int, int]]]:
    """n fresh dossiers waiting, unclaimed, at the unit head's signature (in SQL, like the
    build); returns the pid range and (task id, unit head id) pairs."""
    lo = (one(f"SELECT coalesce(max(pid), 0) FROM {SCHEMA}.plan") or 0) + 1
    hi = lo + n - 1
    shape = route_shape()
    pp = {**p, "shape": shape}
    sql("SET session_replication_role = DEFAULT")
    plan_processes(lo, hi, pp, pool=True)
    materialize(lo, hi, pp, {"rules": meta["rules"], "rule_set": meta["rule_set"]})
    sql(f"TRUNCATE {SCHEMA}.ptask")
    pairs = sql(f"""SELECT t.id, a.user_id FROM {SCHEMA}.plan p
                    JOIN viewflow_task t ON t.process_id = p.process_id AND t.status = 'NEW'
                    JOIN {SCHEMA}.actor a ON a.key = 'unit_head:' || p.unit_id || ':1'
                    WHERE p.pid BETWEEN %s AND %s ORDER BY random()""", [lo, hi])
    return lo, hi, [(int(t), int(u)) for t, u in pairs]


def drop_pool(lo: int, hi: int) -> None:
    """Remove the pool's dossiers and everything the completions wrote for them."""
    d = f"(SELECT dossier_id FROM {SCHEMA}.plan WHERE pid BETWEEN {lo} AND {hi})"
    pr = f"(SELECT process_id FROM {SCHEMA}.plan WHERE pid BETWEEN {lo} AND {hi})"
    tasks = f"(SELECT id FROM viewflow_task WHERE process_id IN {pr})"
    for statement in (
        f"DELETE FROM notifications_notice WHERE dossier_id IN {d}",
        f"DELETE FROM notifications_reminder WHERE dossier_id IN {d}",
        f"DELETE FROM nominations_dossierevent WHERE dossier_id IN {d}",
        f"DELETE FROM workflows_taskdeadline WHERE dossier_id IN {d}",
        f"DELETE FROM viewflow_task_previous WHERE from_task_id IN {tasks}",
        f"DELETE FROM viewflow_task WHERE process_id IN {pr}",
        f"DELETE FROM viewflow_process WHERE id IN {pr}",
        f"DELETE FROM eligibility_eligibilityresult WHERE nomination_id IN "
        f"(SELECT id FROM nominations_nomination WHERE dossier_id IN {d})",
        f"DELETE FROM nominations_attachment WHERE dossier_id IN {d}",
        f"DELETE FROM nominations_nomination WHERE dossier_id IN {d}",
        f"DELETE FROM nominations_dossier WHERE id IN {d}",
        f"DELETE FROM {SCHEMA}.pnom WHERE pid BETWEEN {lo} AND {hi}",
        f"DELETE FROM {SCHEMA}.plan WHERE pid BETWEEN {lo} AND {hi}",
    ):
        sql(statement)


def drop_all_pools() -> None:
    """Pools left by an interrupted run."""
    rng = sql(f"SELECT min(pid), max(pid) FROM {SCHEMA}.plan WHERE pool")
    if rng and rng[0][0] is not None:
        log(f"  removing {rng[0][1] - rng[0][0] + 1} pool dossiers left by an earlier run")
        drop_pool(rng[0][0], rng[0][1])


class QueryCounter:
    """execute_wrapper: counts queries and the time spent waiting for them."""

    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, statement, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(statement, params, many, context)
        finally:
            self.seconds += time.perf_counter() - t0
            self.count += 1


def _backend_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def complete_one(task_id: int, user_id: int) -> None:
    """What the unit head's POST does once the form is valid: load the user and the task,
    then the service (lock, claim, start, complete, open the next step, after-commit
    receivers)."""
    from viewflow.workflow.models import Task

    from accounts.models import User
    from workflows import services

    user = User.objects.get(pk=user_id)
    task = Task.objects.select_related("process", "owner").get(pk=task_id)
    services.complete_review(user=user, task=task, action="forward")


def _worker(pairs, seconds, barrier, queue) -> None:
    connections.close_all()
    counter = QueryCounter()
    backend = one("SELECT pg_backend_pid()")
    errors: Counter = Counter()
    done = 0
    with connection.execute_wrapper(counter):
        barrier.wait()
        r0, c0 = resource.getrusage(resource.RUSAGE_SELF), _backend_cpu(backend)
        q0, s0 = counter.count, counter.seconds
        t0 = time.perf_counter()
        for task_id, user_id in pairs:
            if time.perf_counter() - t0 >= seconds:
                break
            try:
                complete_one(task_id, user_id)
                done += 1
            except Exception as exc:  # noqa: BLE001 - counted and reported
                errors[f"{type(exc).__name__}: {exc}"[:200]] += 1
        elapsed = time.perf_counter() - t0
        r1, c1 = resource.getrusage(resource.RUSAGE_SELF), _backend_cpu(backend)
    queue.put({"done": done, "elapsed": elapsed, "queries": counter.count - q0,
               "sql_s": counter.seconds - s0,
               "cpu_s": (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime),
               "pg_cpu_s": c1 - c0, "exhausted": done == len(pairs),
               "errors": dict(errors)})
    connections.close_all()


def run_completions(workers: int, seconds: float, pairs: list[tuple[int, int]]) -> dict:
    connections.close_all()
    ctx = mp.get_context("fork")
    barrier, queue = ctx.Barrier(workers + 1), ctx.Queue()
    slices = [pairs[i::workers] for i in range(workers)]
    procs = [ctx.Process(target=_worker, args=(slices[i], seconds, barrier, queue))
             for i in range(workers)]
    for proc in procs:
        proc.start()
    barrier.wait()
    t0 = time.perf_counter()
    results = [queue.get() for _ in procs]
    wall = time.perf_counter() - t0
    for proc in procs:
        proc.join()
    done = sum(r["done"] for r in results)
    elapsed = max(r["elapsed"] for r in results)
    errors: Counter = Counter()
    for r in results:
        errors.update(r["errors"])
    return {"workers": workers, "done": done, "seconds": elapsed, "wall": wall,
            "rate": done / elapsed if elapsed else 0.0,
            "queries": sum(r["queries"] for r in results) / max(done, 1),
            "sql_ms": sum(r["sql_s"] for r in results) * 1000 / max(done, 1),
            "cpu_ms": sum(r["cpu_s"] for r in results) * 1000 / max(done, 1),
            "pg_cpu_ms": sum(r["pg_cpu_s"] for r in results) * 1000 / max(done, 1),
            "exhausted": any(r["exhausted"] for r in results), "errors": dict(errors),
            "load": load()}


def profile_completions(pairs: list[tuple[int, int]], limit: int) -> tuple[str, dict]:
    VAR.mkdir(parents=True, exist_ok=True)
    counter = QueryCounter()
    profiler = cProfile.Profile()
    done = 0
    with connection.execute_wrapper(counter):
        t0 = time.perf_counter()
        profiler.enable()
        for task_id, user_id in pairs[:limit]:
            complete_one(task_id, user_id)
            done += 1
        profiler.disable()
        elapsed = time.perf_counter() - t0
    profiler.dump_stats(VAR / "scale-completion.prof")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(25)
    text = out.getvalue()
    out2 = io.StringIO()
    pstats.Stats(profiler, stream=out2).sort_stats("tottime").print_stats(25)
    summary_text = summarize_profile(stats, done)
    (VAR / "scale-completion.txt").write_text(
        text + "\n\n" + out2.getvalue() + "\n\nProject functions:\n" + summary_text["own"]
        + "\n\nSelf time by package:\n" + summary_text["packages"] + "\n", encoding="utf-8")
    summary = {"done": done, "seconds": elapsed, "rate": done / elapsed,
               "queries": counter.count / done, "sql_ms": counter.seconds * 1000 / done,
               "total_ms": elapsed * 1000 / done, **summary_text}
    return text, summary


def summarize_profile(stats: pstats.Stats, n: int, top: int = 25) -> dict[str, str]:
    """Per call of the measured thing (n of them): the project's own functions by cumulative
    time, and self time by package (psycopg's self time is mostly waiting for the server)."""
    own, packages = [], Counter()
    for (filename, line, func), (_cc, calls, tottime, cumtime, _callers) in stats.stats.items():
        path = filename.replace(str(ROOT) + "/", "")
        if "site-packages/" in filename:
            package = filename.split("site-packages/", 1)[1].split("/", 1)[0]
        elif filename.startswith(str(ROOT)) and "/bench/" not in filename:
            package = "project (" + path.split("/", 1)[0] + ")"
            own.append((cumtime, tottime, calls, f"{path}:{line}({func})"))
        elif filename.startswith("~") or filename.startswith("<"):
            package = "builtins (C)"
        else:
            package = "bench" if "/bench/" in filename else "python stdlib"
        packages[package] += tottime
    own.sort(reverse=True)
    own_text = "  cum ms  self ms   calls  function (per call of the measured thing)\n"
    own_text += "\n".join(f"{cum / n * 1000:8.2f} {tot / n * 1000:8.2f} {calls / n:7.1f}  {name}"
                          for cum, tot, calls, name in own[:top])
    total_self = sum(packages.values()) or 1
    package_text = "\n".join(f"{t / n * 1000:8.2f} ms  {100 * t / total_self:5.1f} %  {name}"
                             for name, t in packages.most_common(12))
    render = sum(v[3] for (f, _l, func), v in stats.stats.items()
                 if f.endswith("django/template/response.py") and func == "rendered_content")
    if render:
        package_text += (f"\n(of which template rendering, cumulative — with the queries run "
                         f"while rendering: {render / n * 1000:.1f} ms per request)")
    return {"own": own_text, "packages": package_text}


def profile_pages(users: dict, count: int = 10) -> dict[str, dict]:
    """cProfile of a few requests of the pages the issue names first."""
    VAR.mkdir(parents=True, exist_ok=True)
    out = {}
    for page, name, role in (("inbox", "khenthuong:route:inbox", "board specialist"),
                             ("status list", "khenthuong:route:status", "manager")):
        client = Client()
        client.force_login(users[role])
        url = reverse(name)
        client.get(url, secure=True)
        profiler = cProfile.Profile()
        t0 = time.perf_counter()
        profiler.enable()
        for _ in range(count):
            client.get(url, secure=True)
        profiler.disable()
        elapsed = (time.perf_counter() - t0) * 1000 / count
        stats = pstats.Stats(profiler, stream=io.StringIO())
        summary = summarize_profile(stats, count, top=15)
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(20)
        slug = page.replace(" ", "-")
        (VAR / f"scale-page-{slug}.txt").write_text(
            summary["packages"] + "\n\n" + summary["own"] + "\n\n" + text.getvalue(),
            encoding="utf-8")
        out[f"{page} ({role})"] = {"ms": elapsed, **summary}
        log(f"  profile {page} ({role}): {elapsed:.0f} ms per request under the profiler\n"
            + summary["packages"])
    return out


def shapes_of(queries: list[dict]) -> Counter:
    """Captured queries grouped by shape (literals and numbers replaced)."""
    shapes: Counter = Counter()
    for q in queries:
        text = re.sub(r"'[^']*'", "?", q["sql"])
        text = re.sub(r'"s\d+_x\d+"', '"sN_xN"', text)  # savepoint names
        text = re.sub(r"\b\d+\b", "N", text)
        text = re.sub(r"\s+", " ", text)
        shapes[text[:150]] += 1
    return shapes


def query_breakdown(pairs: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The queries of one completion, grouped by their shape (for the report)."""
    with CaptureQueriesContext(connection) as ctx:
        complete_one(*pairs[0])
    return [(n, s) for s, n in shapes_of(ctx.captured_queries).most_common()]


# ====================================================================== pgbench


def pg_args(dbname: str) -> list[str]:
    s = connection.settings_dict
    args = ["-h", s.get("HOST") or "127.0.0.1", "-p", str(s.get("PORT") or 5432),
            "-U", s.get("USER") or "postgres"]
    return args + [dbname]


def pg_env() -> dict:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env


def pgbench_init(scale: int) -> str:
    dbname = connection.settings_dict["NAME"] + "_pgbench"
    if not shutil.which("pgbench"):
        raise SystemExit("pgbench is not installed")
    exists = one("SELECT 1 FROM pg_database WHERE datname = %s", [dbname])
    if not exists:
        sql(f'CREATE DATABASE "{dbname}"')
    check = subprocess.run(["psql", "-Atc", "SELECT count(*) FROM pgbench_branches",
                            *pg_args(dbname)], capture_output=True, text=True, env=pg_env())
    if check.returncode != 0 or check.stdout.strip() != str(scale):
        log(f"  pgbench -i -s {scale} {dbname} …")
        subprocess.run(["pgbench", "-i", "-q", "-s", str(scale), *pg_args(dbname)],
                       check=True, capture_output=True, env=pg_env())
    return dbname


def pgbench_run(dbname: str, clients: int, seconds: float) -> dict:
    out = subprocess.run(["pgbench", "-c", str(clients), "-j", str(clients), "-T",
                          str(int(seconds)), *pg_args(dbname)], capture_output=True,
                         text=True, env=pg_env(), check=True).stdout
    tps = float(re.search(r"tps = ([\d.]+)", out).group(1))
    latency = re.search(r"latency average = ([\d.]+) ms", out)
    return {"clients": clients, "tps": tps,
            "latency_ms": float(latency.group(1)) if latency else None, "load": load()}


# ====================================================================== report


def machine() -> dict:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1048576:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import viewflow

    return {"cpu": cpu, "cores": os.cpu_count(), "ram": mem,
            "python": platform.python_version(), "django": django.get_version(),
            "viewflow": getattr(viewflow, "__version__", "?"),
            "postgres": one("SHOW server_version"),
            "pg_settings": ", ".join(f"{k} {one(f'SHOW {k}')}" for k in
                                     ("shared_buffers", "work_mem", "effective_cache_size",
                                      "synchronous_commit"))}


def report(meta: dict, pages: list[dict], plans: dict, comp: list[dict], bench: list[dict],
           profile_text: str, profile_summary: dict | None, breakdown, dispatched: Counter,
           args, loads: dict, page_warnings: list[str], page_profiles: dict) -> str:
    m = machine()
    c = meta["counts"]
    lines = [SECTION, "",
             f"`bench/scale.py` — measured {timezone.localtime():%Y-%m-%d %H:%M}. "
             f"{c['processes']:,} processes ({c['open processes']:,} open), "
             f"{c['tasks']:,} viewflow tasks ({c['open tasks']:,} open, {c['overdue']:,} "
             f"overdue), {c['deadlines']:,} deadlines, {c['dossiers']:,} dossiers, "
             f"{c['nominations']:,} nominations, {c['events']:,} timeline events, "
             f"{c['notices']:,} notices, {c['reminders']:,} reminders, {c['users']:,} users; "
             f"{c['database MB']:,} MB. Built in {meta['seconds']:.0f} s "
             f"({', '.join(f'{k} {v:.0f} s' for k, v in meta['steps'].items())}).",
             "",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram']}; Python {m['python']}, "
             f"Django {m['django']}, viewflow {m['viewflow']}; PostgreSQL {m['postgres']} on "
             f"the same machine ({m['pg_settings']}). Other sessions shared the machine: the "
             "load average is given with each figure.",
             "",
             "Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_scale .venv/bin/python "
             "bench/scale.py [--small] [--rebuild] [--write-docs]` (a throw-away database: it is "
             "emptied and rebuilt when the parameters change; the build is reused otherwise; "
             "pgbench uses `<database>_pgbench`). This run: `bench/scale.py "
             + " ".join(sys.argv[1:]) + "`.",
             "",
             "GOALS",
             "",
             "A finished route writes 15–17 viewflow tasks (start, 6–7 human steps, a gateway "
             "after each, end; 4 more per return), so the issue's 200,000 processes make "
             f"{c['tasks'] / max(c['processes'], 1):.1f} tasks per process here, not 5.",
             ""]
    if pages:
        lines += [f"### Pages (in-process client, DEBUG off, {args.repeat} requests after "
                  f"{args.warmup} warm-up)", "",
                  "| page | user | p50 ms | p95 ms | queries | SQL ms | slowest query ms | kB "
                  "| rows | load |",
                  "|---|---|---|---|---|---|---|---|---|---|"]
    for r in pages:
        lines.append(f"| {r['page']} | {r['user']} | {r['p50']:.0f} | {r['p95']:.0f} | "
                     f"{r['queries']} | {r['db_ms']:.0f} | {r['slowest_ms']:.0f} | "
                     f"{r['bytes'] / 1024:.0f} | "
                     f"{r['rows']} | {r['load'].split()[0]} |")
    goals = []
    inbox = next((r for r in pages if r["page"] == "inbox" and r["user"] == "board specialist"),
                 None)
    if inbox:
        goals.append(f"inbox p95 ≤ 50 ms: **{inbox['p95']:.0f} ms** (busy board specialist, "
                     f"50 rows) — {'met' if inbox['p95'] <= 50 else 'not met'}")
    if comp:
        best = max(comp, key=lambda r: r["rate"])
        goals.append(f"≥ 300 completions/s: **{best['rate']:.1f}/s** (best, {best['workers']} "
                     f"workers) — {'met' if best['rate'] >= 300 else 'not met'}")
    lines[lines.index("GOALS")] = ("Goals of the issue: " + "; ".join(goals) + ".") if goals \
        else ""
    if pages:
        lines += ["", "SQL ms: time of the page's queries in the one request captured with "
                  "CaptureQueriesContext; rows: `<tr>` in the HTML (about). Users (province "
                  "scale-01; the unit officer holding the most returned dossiers, the head "
                  "of the unit with the most dossiers waiting for signature):", ""]
        lines += [f"- {role}: {text}" for role, text in loads.items()]
        if page_warnings:
            lines += ["", "Warnings raised while serving them:", ""]
            lines += [f"- `{w}`" for w in page_warnings]
        repeated = {(r["page"], n, q) for r in pages for n, q in r["repeated"]}
        if repeated:
            lines += ["", "The same query repeated 5 times or more in one request (N+1?):", ""]
            lines += [f"- {page}: {n} × `{q[:110]}…`" for page, n, q in sorted(repeated)]
        long_pages = sorted({(r["page"], r["rows"]) for r in pages if r["rows"] > 200})
        if long_pages:
            lines += ["", "Pages rendering more than 200 table rows (not paginated): "
                      + ", ".join(f"{page} ({rows} rows)" for page, rows in long_pages) + "."]
    for label, prof in page_profiles.items():
        lines += ["", f"Profile of {label}, 10 requests ({prof['ms']:.0f} ms each under "
                  "cProfile): self time by package per request, then the project's functions "
                  f"(`var/bench/scale-page-*.txt` has more):", "", "```", prof["packages"], "",
                  prof["own"], "```"]
    if comp:
        lines += ["", "### Completions (unit head forwards, `complete_review`) vs pgbench", "",
                  "| workers | completions | /s | queries each | wall ms each (per worker) | "
                  "waiting for SQL ms | worker CPU ms | PG backend CPU ms | pgbench TPS | "
                  "% of pgbench | load |",
                  "|---|---|---|---|---|---|---|---|---|---|---|"]
        for r in comp:
            b = next((x for x in bench if x["clients"] == r["workers"]), None)
            tps = f"{b['tps']:.0f}" if b else "—"
            pct = f"{100 * r['rate'] / b['tps']:.1f} %" if b else "—"
            wall = 1000 * r["workers"] / r["rate"] if r["rate"] else 0
            lines.append(f"| {r['workers']} | {r['done']} | {r['rate']:.1f} | "
                         f"{r['queries']:.0f} | {wall:.0f} | {r['sql_ms']:.0f} | "
                         f"{r['cpu_ms']:.0f} | {r['pg_cpu_ms']:.0f} | {tps} | {pct} | "
                         f"{r['load'].split()[0]} |")
        lines += ["", "Per completion (averaged over all the workers' completions): wall "
                  "time one worker took for one completion, the part of it spent waiting for "
                  "PostgreSQL (round trips, commit flushes, the backend's CPU), this process's "
                  "CPU (Python) and the "
                  "PostgreSQL backend's CPU (from /proc). On 2 cores shared with others, wall "
                  "time beyond CPU is mostly waiting for a core.",
                  "", "Each completion: the user and the task are loaded, then "
                  "`complete_review(action=\"forward\")` on an unclaimed task (claim, start, "
                  "complete, the next step opened with its deadline, events), with the "
                  "notices and reminders the route's receivers write in the same "
                  "transaction. Celery is not called (`apply_async` counted: "
                  + (", ".join(f"{k} × {v}" for k, v in dispatched.items()) or "none")
                  + "): e-mail delivery is not part of the figure. pgbench: TPC-B, scale 10, "
                  f"`-c N -j N -T {int(args.seconds)}`, run right after the completions at "
                  "the same N."]
        if any(r["errors"] for r in comp):
            lines += ["", "Errors: " + "; ".join(f"{k} × {v}" for r in comp
                                                for k, v in r["errors"].items())]
    if profile_summary:
        s = profile_summary
        lines += ["", f"### Where a completion's time goes (cProfile, one process, "
                  f"{s['done']} completions)", "",
                  f"{s['total_ms']:.1f} ms per completion under the profiler, of which "
                  f"{s['sql_ms']:.1f} ms waiting for {s['queries']:.0f} queries. Full output: "
                  "`var/bench/scale-completion.txt` (`.prof` beside it).", "",
                  "Self time by package (per completion, under the profiler):", "", "```",
                  s["packages"], "```", "",
                  "The project's functions by cumulative time (per completion):", "", "```",
                  s["own"], "```", "",
                  "Queries of one completion, by shape (literals replaced):", "", "```"]
        lines += [f"{n:3d} × {q}" for n, q in breakdown]
        lines += ["```", "", "Top 25 by cumulative time (cProfile's own listing):", "", "```",
                  profile_text.strip()[:6000], "```"]
    if plans:
        lines += ["", "### Plans of the slowest query of each list page", ""]
        for label, (query, plan) in plans.items():
            lines += [f"**{label}**", "", "```sql", query[:3000], "```", "", "```", plan, "```",
                      ""]
    return "\n".join(lines) + "\n"


def write_docs(text: str) -> None:
    log(f"wrote {write_section(SECTION, text)}")


# ====================================================================== main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="build even if a build exists")
    parser.add_argument("--small", action="store_true",
                        help=f"{SMALL_PROCESSES:,} processes (quick iteration)")
    parser.add_argument("--processes", type=int, default=None, help="default 200,000")
    parser.add_argument("--tasks-per-process", type=float, default=None,
                        help="aim at this average of viewflow tasks per process by returning "
                        "more dossiers (the route itself writes 15-17; default: 15 %% "
                        "returned)")
    parser.add_argument("--open-percent", type=float, default=3.0)
    parser.add_argument("--provinces", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--profile", type=int, default=150,
                        help="completions profiled in one process (0: none)")
    parser.add_argument("--pgbench-scale", type=int, default=10)
    parser.add_argument("--only", nargs="+", default=["build", "pages", "completions",
                                                      "pgbench"],
                        choices=["build", "pages", "completions", "pgbench"])
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    processes = args.processes or (SMALL_PROCESSES if args.small else 200_000)

    guard_database()
    settings.DEBUG = False
    return_share = RETURN_SHARE
    if args.tasks_per_process is not None:
        # a route without return: ≈ 15.2 tasks on this mix; a return adds 4
        return_share = min(max((args.tasks_per_process - 15.2) / 4, 0.0), 1.0)
        if args.tasks_per_process < 15.2:
            log(f"note: --tasks-per-process {args.tasks_per_process:g} is below what the "
                "route writes (15–17 per finished process); no process is returned")
    params = {"processes": processes, "open_percent": args.open_percent,
              "provinces": args.provinces, "seed": args.seed, "return_share": return_share,
              "generator": 2}  # 2: the route with the Trưởng Ban's and Chủ tịch's steps

    log(f"database {connection.settings_dict['NAME']}; load average {load()}")
    meta = read_meta()
    if args.rebuild or meta is None or meta.get("params") != params:
        if meta is not None and not args.rebuild:
            log(f"existing build has {meta.get('params')}, wanted {params}: rebuilding")
        meta = build(params)
    else:
        log("migrate (reusing the build) …")
        call_command("migrate", verbosity=0)
        sql("ANALYZE")  # columns a new migration added have no statistics yet
        log(f"reusing the build of {meta['built_at'][:16]} (built in {meta['seconds']:.0f} s): "
            + ", ".join(f"{k} {v:,}" for k, v in meta["counts"].items()))
        drop_all_pools()
    sql("SET session_replication_role = DEFAULT")

    pages, plans, loads, page_warnings, page_profiles = [], {}, {}, [], {}
    if "pages" in args.only:
        users = bench_users()
        log(f"pages (repeat {args.repeat}, load {load()}):")
        loads = {role: f"{user.username}: {user_load(user)}" for role, user in users.items()}
        for role, text in loads.items():
            log(f"  {role} — {text}")
        pages, page_warnings = measure_pages(users, args.repeat, args.warmup)
        plans = explain(pages)
        page_profiles = profile_pages(users)
        for label, (_query, plan) in plans.items():
            log(f"\nEXPLAIN {label}:\n{plan}")

    comp, bench, profile_text, profile_summary, breakdown = [], [], "", None, []
    dispatched: Counter = Counter()
    if "completions" in args.only or "pgbench" in args.only:
        dispatched = stub_celery()
        dbname = pgbench_init(args.pgbench_scale) if "pgbench" in args.only else None
        rate_guess = 20.0
        if "completions" in args.only:
            lo, hi, pairs = make_pool(40, params, meta)
            t0 = time.perf_counter()
            for task_id, user_id in pairs[:20]:  # warm-up: imports, templates, URLs
                complete_one(task_id, user_id)
            rate_guess = 20 / (time.perf_counter() - t0)
            breakdown = query_breakdown(pairs[20:21])
            drop_pool(lo, hi)
            log(f"completions (warm-up {rate_guess:.1f}/s in one process):")
        for workers in args.workers:
            if "completions" in args.only:
                size = int(min(max(rate_guess * workers * args.seconds * 1.8, 100), 40_000))
                t0 = time.perf_counter()
                lo, hi, pairs = make_pool(size, params, meta)
                made = time.perf_counter() - t0
                sql("ANALYZE viewflow_task, workflows_taskdeadline, viewflow_process")
                result = run_completions(workers, args.seconds, pairs)
                comp.append(result)
                log(f"  {workers} worker(s): {result['done']} in {result['seconds']:.1f} s = "
                    f"{result['rate']:.1f}/s; {result['queries']:.0f} queries, "
                    f"{result['sql_ms']:.1f} ms in SQL, worker CPU {result['cpu_ms']:.1f} ms, "
                    f"PG CPU {result['pg_cpu_ms']:.1f} ms per completion (pool {size} "
                    f"made in {made:.1f} s{', EXHAUSTED' if result['exhausted'] else ''}; "
                    f"load {result['load']})")
                if result["errors"]:
                    log(f"    errors: {result['errors']}")
                drop_pool(lo, hi)
            if dbname:
                b = pgbench_run(dbname, workers, args.seconds)
                bench.append(b)
                log(f"  pgbench -c {workers}: {b['tps']:.0f} TPS "
                    f"(latency {b['latency_ms']} ms; load {b['load']})")
                if comp and comp[-1]["workers"] == workers:
                    log(f"    completions = {100 * comp[-1]['rate'] / b['tps']:.1f} % of "
                        "pgbench TPS")
        if "completions" in args.only and args.profile:
            lo, hi, pairs = make_pool(args.profile, params, meta)
            profile_text, profile_summary = profile_completions(pairs, args.profile)
            drop_pool(lo, hi)
            log(f"profile: {profile_summary['total_ms']:.1f} ms per completion, "
                f"{profile_summary['sql_ms']:.1f} ms in {profile_summary['queries']:.0f} "
                "queries; top 25 cumulative:")
            log(profile_text)
            log("queries of one completion by shape:")
            for n, s in breakdown:
                log(f"  {n:3d} × {s}")

    text = report(meta, pages, plans, comp, bench, profile_text, profile_summary, breakdown,
                  dispatched, args, loads, page_warnings, page_profiles)
    if args.write_docs:
        write_docs(text)
    else:
        log("\n" + text)


if __name__ == "__main__":
    main()
