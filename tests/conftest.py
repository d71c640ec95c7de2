"""Shared fixtures. Celery runs eagerly in-process unless a test asks for `celery_worker`,
which starts a real worker process on Redis against the test database (PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from config.broker import redis_answers
from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(autouse=True, scope="session")
def _celery_eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Throttle counters (API, password reset) live in the cache: each test starts at zero.
    The test cache is local memory unless CACHE_URL says otherwise."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Hashing every factory user's password with PBKDF2 costs ~0.3 s each; tests don't
    # measure the hasher. PBKDF2 stays listed so hashes made elsewhere still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


def _redis_url() -> str | None:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    return "redis://127.0.0.1:6379/0" if redis_answers() else None


def _require(reason: str) -> None:
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (REQUIRE_SERVICES=1)")
    pytest.skip(reason)


def _database_url() -> str:
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{s['NAME']}"


class WorkerHandle:
    def __init__(self, queue: str, proc: subprocess.Popen, log: Path, env: dict):
        self.queue, self.proc, self.log, self.env = queue, proc, log, env

    def restart(self) -> None:
        self.stop()
        self.proc = _spawn_worker(self.env, self.log)
        _wait_ready(self)

    def kill(self) -> None:
        """SIGKILL the worker (simulates a crash mid-task)."""
        self.proc.kill()
        self.proc.wait(10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def _spawn_worker(env: dict, log: Path) -> subprocess.Popen:
    handle = open(log, "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-Q", env["CELERY_QUEUE"],
         "--pool", "threads", "--concurrency", "4", "-l", "INFO", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-n", f"test-{uuid.uuid4().hex[:6]}@%h"],
        cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
    )


def _wait_ready(worker: WorkerHandle, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.proc.poll() is not None:
            raise RuntimeError(f"Celery worker exited early; log: {worker.log.read_text()[-3000:]}")
        try:
            result = celery_app.send_task("nominations.tasks.ping", queue=worker.queue)
            if result.get(timeout=5)["pong"]:
                return
        except Exception:  # noqa: BLE001 - still starting
            time.sleep(0.5)
    raise RuntimeError(f"Celery worker not ready; log: {worker.log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def _worker_process(django_db_setup, django_db_blocker):
    if connection.vendor != "postgresql":
        _require("a real worker needs PostgreSQL (set DATABASE_URL)")
    redis_url = _redis_url()
    if not redis_url:
        _require("a real worker needs Redis on 127.0.0.1:6379 or REDIS_URL")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"celery-worker-{queue}.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "CELERY_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "PYTHONUNBUFFERED": "1",
    }
    if not str(celery_app.conf.broker_url).startswith("redis"):
        _require("the test process's Celery broker is not Redis")
    # A private queue, set before anything is sent, so no other worker (e.g. `make run`'s)
    # can take this session's tasks. Eager tests ignore queues, so it is never reset.
    celery_app.conf.task_default_queue = queue
    worker = WorkerHandle(queue, _spawn_worker(env, log), log, env)
    try:
        celery_app.conf.task_always_eager = False
        _wait_ready(worker)
        yield worker
    finally:
        celery_app.conf.task_always_eager = True
        worker.stop()


@pytest.fixture
def celery_worker(_worker_process, transactional_db, settings):
    """A real Celery worker process on Redis, sharing this test's (committed) database.

    Tasks sent from the test go to the worker's private queue."""
    celery_app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        yield _worker_process
    finally:
        celery_app.conf.task_always_eager = True
