"""The embedded default (`make run`): SQLite in VAR_DIR, a threaded Celery worker and the web
writing at once. Eligibility checks used to fail with 'database is locked' (6 of the 10 demo
checks) and were never retried, leaving 'đang kiểm tra lại' on the page for ever."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest

from tests.conftest import ARTIFACTS, ROOT, _redis_url, _require

pytestmark = pytest.mark.worker

# Runs in a `manage.py shell` of the embedded app while the worker checks: every nomination
# is queued one by one, three times over, every dossier re-checked as appraisal does, and
# meanwhile the "web" keeps writing (history edits that mark verdicts stale and re-queue).
LOAD = """
from django.db import transaction
from eligibility import services as es, tasks
from nominations.models import Dossier, Nomination, Person

ids = list(Nomination.objects.order_by("pk").values_list("pk", flat=True))
people = list(Nomination.objects.exclude(person=None).values_list("person_id", flat=True))
es.queue_checks(ids)
for _ in range(3):
    for pk in ids:
        tasks.check_nominations.delay([pk])
    for pk in Dossier.objects.values_list("pk", flat=True):
        tasks.recheck_dossier.delay(pk)
    for person_id in people:
        es.mark_stale(person_ids=[person_id])
print("queued", len(ids))
"""


def _embedded_env(var_dir, queue: str, redis_url: str) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(VAR_DIR=str(var_dir), REDIS_URL=redis_url, CELERY_QUEUE=queue,
               CELERY_TASK_ALWAYS_EAGER="False", PYTHONUNBUFFERED="1",
               DJANGO_SETTINGS_MODULE="config.settings")
    return env


def _manage(env, *args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300, check=True, **kwargs)


def _states(db_path) -> dict[str, int]:
    with sqlite3.connect(db_path, timeout=10) as con:
        return dict(con.execute("SELECT state, COUNT(*) FROM eligibility_eligibilityresult "
                                "GROUP BY state").fetchall())


def test_threaded_worker_on_embedded_sqlite_checks_everything_without_lock_errors(tmp_path):
    redis_url = _redis_url()
    if not redis_url:
        _require("the embedded app's worker needs Redis here (make run detects it)")
    queue = f"sqlite-{uuid.uuid4().hex[:8]}"
    env = _embedded_env(tmp_path, queue, redis_url)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "load_demo")
    db_path = tmp_path / "khenthuong.sqlite3"
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"celery-worker-{queue}.log"
    with open(log_path, "wb") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", queue,
             "--pool", "threads", "--concurrency", "4", "-l", "INFO", "--without-gossip",
             "--without-mingle", "--without-heartbeat", "-n", f"{queue}@%h"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        loaded = _manage(env, "shell", "-c", LOAD)
        assert "queued" in loaded.stdout
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            states = _states(db_path)
            if set(states) <= {"done", "error"}:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(20)
    log = log_path.read_text()
    assert set(states) <= {"done", "error"}, (states, log[-3000:])
    with sqlite3.connect(db_path, timeout=10) as con:
        lodged_2022, total = con.execute(
            "SELECT SUM(d.year = 2022), COUNT(*) FROM "
            "nominations_nomination n JOIN nominations_dossier d ON d.id = n.dossier_id"
        ).fetchone()
        errors = [row[0] for row in con.execute(
            "SELECT error FROM eligibility_eligibilityresult WHERE state = 'error'")]
    assert states.get("done", 0) + len(errors) == total  # every demo nomination was checked
    # the only errors: the 2022 year's nominations (9 awarded, 1 not), lodged in January 2023
    # and decided on 10/02/2023, before the rule set of the 2022 law (in force from
    # 01/01/2024) — the check says so, it does not judge them by it
    assert len(errors) == lodged_2022 == 10
    assert all("không thuộc bộ quy tắc nào" in error  # the 9 decided: by the decision date
               or error.startswith("lodged_on: hồ sơ nộp ngày 15/12/2022, trước 01/01/2024")
               for error in errors), "\n".join(errors)
    assert "database is locked" not in log
    assert "raised unexpected" not in log
    with sqlite3.connect(db_path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
