"""Shared fixtures. Celery runs eagerly in-process unless a test asks for `celery_worker`,
which starts a real worker process on Redis against the test database (PostgreSQL)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from config.broker import REDIS_TRANSPORT_OPTIONS, redis_answers
from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(autouse=True, scope="session")
def _celery_eager():
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """The working-day calendar is cached per process (workdays.calendar): a test's rolled
    back overrides must not leak into the next test."""
    from workdays.calendar import clear_cache

    clear_cache()
    yield
    clear_cache()


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


# ---------------------------------------------------------------- a broker the test may stop


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OwnBroker:
    """A private `redis-server` (no persistence) that Celery's broker and result backend
    point at while the test runs; `stop()` is a broker outage, `start()` brings it back on
    the same port."""

    def __init__(self, port: int):
        self.port, self.url, self.proc = port, f"redis://127.0.0.1:{port}/0", None

    def start(self) -> OwnBroker:
        self.proc = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not redis_answers(port=self.port, timeout=0.2):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)
        self.proc = None

    def worker(self):
        return inprocess_worker()


@contextmanager
def inprocess_worker():
    """A real Celery worker on the app's current broker, in a thread of the test process
    (starts in well under a second; shares the test's committed database)."""
    from celery.contrib.testing.worker import start_worker

    conf = celery_app.conf
    options = conf.broker_transport_options
    # its consumer polls every 0.1 s: stopping it waits for no 1 s BRPOP
    conf.broker_transport_options = {**options, "polling_interval": 0.1}
    try:
        with start_worker(celery_app, pool="solo", perform_ping_check=False,
                          loglevel="WARNING", shutdown_timeout=30,
                          queues=[conf.task_default_queue]) as worker:
            yield worker
    finally:
        conf.broker_transport_options = options


def use_broker(url: str, backend: str, transport_options: dict) -> dict:
    """Point the Celery app at another broker, not eager; returns what to restore."""
    conf = celery_app.conf
    keys = ("broker_url", "result_backend", "broker_transport_options", "task_always_eager",
            "worker_hijack_root_logger")
    saved = {k: conf[k] for k in keys}
    conf.broker_url, conf.result_backend = url, backend
    conf.broker_transport_options = transport_options
    conf.task_always_eager = False
    conf.worker_hijack_root_logger = False  # pytest keeps its log capture
    _reset_broker_connections()
    return saved


def restore_broker(saved: dict) -> None:
    for key, value in saved.items():
        celery_app.conf[key] = value
    _reset_broker_connections()


def _reset_broker_connections() -> None:
    # The app keeps its connection and producer pools, and its result backend, for the
    # URLs it first used.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture
def own_broker(transactional_db, settings):
    """Celery sends to a private Redis the test can stop and start (a broker outage); tasks
    are not run eagerly. Starts running; stopped and the app restored afterwards."""
    if connection.vendor != "postgresql":
        _require("a real worker needs PostgreSQL (set DATABASE_URL)")
    if shutil.which("redis-server") is None:
        _require("redis-server is not installed")
    broker = OwnBroker(_free_port()).start()
    # one Redis for broker and results, as deployed; the settings' transport options
    saved = use_broker(broker.url, broker.url, dict(REDIS_TRANSPORT_OPTIONS))
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        yield broker
    finally:
        broker.stop()
        restore_broker(saved)
