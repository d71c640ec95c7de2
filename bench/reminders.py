"""Reminder sweep at scale: 100,000 open tasks of which 1 % have a reminder due.

Measures, on a real PostgreSQL database:
  - an idle sweep (nothing due): time and queries — what the beat pays every 2 minutes;
  - the sweep with 1,000 due reminders: claim + expand into notices, then their e-mails
    (Django's in-memory mail backend, so the network is not measured), time and queries;
    then the whole sweep as the beat's task runs it (e-mails handed out to the workers in
    chunks) and the whole sweep sending every e-mail itself;
  - the same 1,000 due reminders with 10,000 and with 100,000 open tasks: the query count
    must not change (the sweep reads the partial index on pending `send_on`, not the tasks);
  - EXPLAIN of the claim query.

Data is written with bulk_create (viewflow Process/Task, TaskDeadline, Reminder rows as the
planner would write them: before / due / first late / escalation per open task).

Run (a throw-away database; the script migrates it and removes its own rows first):

    createdb -h 127.0.0.1 -U postgres kt_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench \\
        .venv/bin/python bench/reminders.py [--open 100000] [--due-percent 1] [--write-docs]

`--write-docs` replaces the "## Nhắc việc (reminders)" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
from benchdocs import write_section  # noqa: E402  (bench/ is on sys.path[0])

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from viewflow.workflow.models import Process, Task  # noqa: E402

from accounts.models import User  # noqa: E402
from nominations.models import Dossier, Province, Unit  # noqa: E402
from notifications.models import Notice, Reminder  # noqa: E402
from notifications.services.email import send_pending_emails  # noqa: E402
from notifications.services.sweep import (  # noqa: E402
    claim_due_reminders,
    expand_claimed_reminders,
    sweep,
)
from workflows.models import TaskDeadline  # noqa: E402

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2025, 6, 20)  # a Friday: the bench's "today"
NOW = datetime(2025, 6, 20, 8, 0, tzinfo=HCM)
MARK = "bench-reminders"
FLOW_REF = "notifications/_bench_route.NoFlow"
BATCH = 10_000
SECTION = "## Nhắc việc (reminders)"


def log(msg: str) -> None:
    print(msg, flush=True)


def clean() -> None:
    province = Province.objects.filter(code=MARK).first()
    if province is None:
        return
    with connection.cursor() as cur:
        cur.execute("DELETE FROM notifications_notice WHERE dossier_id IN "
                    "(SELECT d.id FROM nominations_dossier d JOIN nominations_unit u "
                    "ON u.id = d.unit_id WHERE u.province_id = %s)", [province.pk])
        cur.execute("DELETE FROM notifications_reminder WHERE dossier_id IN "
                    "(SELECT d.id FROM nominations_dossier d JOIN nominations_unit u "
                    "ON u.id = d.unit_id WHERE u.province_id = %s)", [province.pk])
        cur.execute("SELECT task_id FROM workflows_taskdeadline WHERE dossier_id IN "
                    "(SELECT d.id FROM nominations_dossier d JOIN nominations_unit u "
                    "ON u.id = d.unit_id WHERE u.province_id = %s)", [province.pk])
        task_ids = [r[0] for r in cur.fetchall()]
    TaskDeadline.objects.filter(task_id__in=task_ids).delete()
    Task.objects.filter(flow_task__startswith=FLOW_REF)._raw_delete(Task.objects.db)
    Process.objects.filter(flow_class=FLOW_REF)._raw_delete(Process.objects.db)
    Dossier.objects.filter(unit__province=province).delete()
    User.objects.filter(username__startswith=MARK).delete()
    Unit.objects.filter(province=province).delete()
    province.delete()


class World:
    def __init__(self, users: int):
        self.province = Province.objects.create(code=MARK, name="Tỉnh Bench")
        self.unit = Unit.objects.create(province=self.province, name="Đơn vị Bench")
        self.users = User.objects.bulk_create([
            User(username=f"{MARK}-{i}", email=f"u{i}@bench.test", full_name=f"Cán bộ {i}",
                 password="!", province=self.province, unit=self.unit)
            for i in range(users)])
        self.dossiers = Dossier.objects.bulk_create([
            Dossier(unit=self.unit, year=2025, title=f"Hồ sơ bench {i}",
                    created_by=self.users[0]) for i in range(1000)])
        self.made = 0

    def add_open_tasks(self, count: int, *, due: bool) -> None:
        """`count` open tasks; `due`: their due-date reminder is due today (else all later)."""
        for start in range(0, count, BATCH):
            n = min(BATCH, count - start)
            idx = range(self.made, self.made + n)
            procs = Process.objects.bulk_create(
                [Process(flow_class=FLOW_REF, status="NEW") for _ in idx])
            owners = [self.users[i % len(self.users)] for i in idx]
            tasks = Task.objects.bulk_create([
                Task(process=p, flow_task=f"{FLOW_REF}.board_appraisal",
                     flow_task_type="HUMAN", status="ASSIGNED", owner=o)
                for p, o in zip(procs, owners, strict=True)])
            deadlines = TaskDeadline.objects.bulk_create([
                TaskDeadline(task=t, dossier=self.dossiers[i % len(self.dossiers)],
                             step="board_appraisal", started_on=DAY - timedelta(28),
                             due_on=DAY if due else DAY + timedelta(days=14 + i % 60),
                             assigned_to=o, province=self.province)
                for i, t, o in zip(idx, tasks, owners, strict=True)])
            rows = []
            for d in deadlines:
                if due:
                    plan = [("due", DAY), ("late", DAY + timedelta(3)),
                            ("escalate", DAY + timedelta(5))]
                else:
                    plan = [("before", d.due_on - timedelta(2)), ("due", d.due_on),
                            ("late", d.due_on + timedelta(1)),
                            ("escalate", d.due_on + timedelta(5))]
                rows += [Reminder(key=f"b{d.pk}:{kind}", kind=kind, deadline=d,
                                  dossier_id=d.dossier_id, due_on=d.due_on, send_on=send_on)
                         for kind, send_on in plan]
            Reminder.objects.bulk_create(rows, batch_size=5000)
            self.made += n
        with connection.cursor() as cur:
            cur.execute("ANALYZE notifications_reminder; ANALYZE workflows_taskdeadline; "
                        "ANALYZE notifications_notice")


def reset_due() -> None:
    """Undo a measured sweep so the same reminders are due again."""
    # By recipient ids: a join on the notice table, planned from the statistics of the
    # empty table, can turn into a nested loop over every notice pair (minutes).
    users = list(User.objects.filter(username__startswith=MARK).values_list("pk", flat=True))
    Notice.objects.filter(recipient_id__in=users).delete()
    Reminder.objects.filter(key__startswith="b", send_on__lte=DAY).update(
        sent_at=None, claim=None, claimed_at=None, outcome="", attempts=0)


def measure(label: str, fn) -> dict:
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - t0
    row = {"label": label, "seconds": elapsed, "queries": len(ctx.captured_queries),
           "result": result}
    log(f"  {label:<48} {elapsed:7.3f} s {len(ctx.captured_queries):6d} queries  {result}")
    return row


def phases() -> list[dict]:
    def reminders_to_notices():
        done = 0
        while True:
            token, _n = claim_due_reminders(now=NOW, limit=500)
            if token is None:
                return {"reminders": done}
            done += expand_claimed_reminders(token=token, now=NOW)

    def emails():
        sent, failed = send_pending_emails(now=NOW)
        return {"emails_sent": sent, "failed": failed}

    def beat_sweep():
        handed: list[list[int]] = []
        result = sweep(now=NOW, dispatch=handed.append).as_dict()
        return {**result, "chunks": len(handed)}

    rows = [measure("claim + expand due reminders into notices", reminders_to_notices),
            measure("send their e-mails (locmem backend)", emails)]
    reset_due()
    # What the beat's task runs: e-mails handed out in chunks of 50 (`dispatch`; here a
    # list, in production deliver_emails.delay) and sent by the workers in parallel.
    rows.append(measure("sweep as the beat runs it (e-mails handed out)", beat_sweep))
    reset_due()
    rows.append(measure("sweep sending every e-mail itself (no dispatch)",
                        lambda: sweep(now=NOW).as_dict()))
    return rows


def warm_up() -> None:
    """One unmeasured sweep over the due reminders, then undone: the first call in a process
    loads templates, translations and the holiday calendars (the beat's worker has them)."""
    sweep(now=NOW)
    reset_due()
    Reminder.objects.filter(key__startswith="b", send_on__gt=DAY, kind="late",
                            due_on=DAY).delete()


def explain_claim() -> str:
    qs = (Reminder.objects.filter(sent_at__isnull=True, send_on__lte=DAY)
          .filter(claimed_at__isnull=True).order_by("send_on", "id")[:500])
    return qs.explain(analyze=True)


def machine() -> tuple[str, str]:
    try:
        cpu = subprocess.run("lscpu | grep 'Model name'", shell=True, capture_output=True,
                             text=True).stdout.split(":", 1)[-1].strip()
    except OSError:
        cpu = "?"
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        pg = cur.fetchone()[0]
    return cpu, pg


def write_docs(text: str) -> None:
    log(f"wrote {write_section(SECTION, text)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", type=int, default=100_000, help="open tasks")
    parser.add_argument("--due-percent", type=float, default=1.0)
    parser.add_argument("--small", type=int, default=10_000,
                        help="open tasks of the first measurement (same due set)")
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/reminders.py needs PostgreSQL: set DATABASE_URL")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.REMINDER_SEND_HOUR = 7

    log("migrate …")
    call_command("migrate", verbosity=0)
    clean()
    due = int(args.open * args.due_percent / 100)
    t0 = time.perf_counter()
    world = World(args.users)
    world.add_open_tasks(due, due=True)
    world.add_open_tasks(max(args.small - due, 0), due=False)
    log(f"data: {world.made} open tasks ({due} due) in {time.perf_counter() - t0:.1f} s")

    warm_up()
    results = {}
    log(f"with {world.made} open tasks:")
    results["small"] = phases()
    Reminder.objects.filter(key__startswith="b", send_on__lte=DAY).update(sent_at=NOW)
    results["idle_small"] = measure("idle sweep (nothing due)",
                                    lambda: sweep(now=NOW).as_dict())
    reset_due()
    Reminder.objects.filter(key__startswith="b", send_on__gt=DAY, kind="late",
                            due_on=DAY).delete()  # follow-ups planned by the measured sweep

    t0 = time.perf_counter()
    world.add_open_tasks(args.open - world.made, due=False)
    log(f"data: now {world.made} open tasks in {time.perf_counter() - t0:.1f} s more")
    reminders_total = Reminder.objects.filter(sent_at__isnull=True).count()
    log(f"with {world.made} open tasks ({reminders_total} pending reminder rows):")
    results["large"] = phases()
    Reminder.objects.filter(key__startswith="b", send_on__lte=DAY).update(sent_at=NOW)
    results["idle_large"] = measure("idle sweep (nothing due)",
                                    lambda: sweep(now=NOW).as_dict())
    reset_due()
    plan = explain_claim()
    log(plan)
    cpu, pg = machine()

    def table(rows):
        return "\n".join(f"| {r['label']} | {r['seconds']:.3f} s | {r['queries']} |"
                         for r in rows)

    text = f"""{SECTION}

`bench/reminders.py` — {world.made:,} open tasks, {due:,} ({args.due_percent:g} %) with a
reminder due; {reminders_total:,} pending reminder rows; {args.users:,} assignees.
Machine: {cpu}; PostgreSQL {pg}; e-mail through Django's in-memory backend (SMTP time not
measured). After one unmeasured warm-up sweep. "Sweep as the beat runs it" is the Celery
task's work: due reminders → notices, then the waiting e-mails handed out in chunks of 50
to `deliver_emails` (the workers send them in parallel; here the chunks are only
collected); "sending every e-mail itself" is `sweep()` without a dispatcher. Run: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/kt_bench
.venv/bin/python bench/reminders.py --write-docs` (a throw-away database; see the script).

With {args.small:,} open tasks (same {due:,} due):

| step | time | queries |
|---|---|---|
{table(results["small"] + [results["idle_small"]])}

With {world.made:,} open tasks (same {due:,} due):

| step | time | queries |
|---|---|---|
{table(results["large"] + [results["idle_large"]])}

The query count is the same at both sizes: the sweep reads only due rows through the
partial index `reminder_pending_send_on` (`send_on` where `sent_at IS NULL`). Queries grow
with what is due, never with what is open: a fixed number per batch of 500 due reminders
(recipients are looked up for the whole batch), and, where e-mails are sent, two per
e-mail (the claim renewal and the "sent" mark, kept per message so a crash repeats at most
one). Claim query plan:

```
{plan}
```
"""
    if args.write_docs:
        write_docs(text)
    else:
        log("\n" + text)
    clean()
    reset_queries()


if __name__ == "__main__":
    main()
