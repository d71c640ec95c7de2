"""Fixtures of the notifications tests: open tasks with their deadlines (viewflow rows made
directly, the route's signals sent by the test), a real local SMTP server (aiosmtpd), and the
shared Celery worker pointed at it."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
from datetime import date, datetime, timedelta
from email import message_from_bytes
from email.policy import default as default_policy
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller
from viewflow.workflow.models import Process, Task

from tests.factories import DossierFactory, UserFactory
from workflows.models import TaskDeadline

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
# An unresolvable flow reference: the rows exist, no flow code runs (the route is not ours).
FLOW_REF = "notifications/_test_route.NoFlow"
WORKER_LEASE_SECONDS = 2


def at(day: date, hour: int = 8, minute: int = 0) -> datetime:
    """An aware datetime in Vietnam's time zone."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=HCM)


def make_deadline(*, step: str = "board_appraisal", due_on: date, started_on: date | None = None,
                  assigned_to=None, dossier=None, **offered_to) -> TaskDeadline:
    """An open human task as the route leaves it: viewflow Task (owner = assignee) and its
    TaskDeadline. `offered_to`: the route's role/unit/province columns, when given."""
    dossier = dossier or DossierFactory()
    process = Process.objects.create(flow_class=FLOW_REF)
    task = Task.objects.create(process=process, flow_task=f"{FLOW_REF}.{step}",
                               flow_task_type="HUMAN", owner=assigned_to,
                               status="ASSIGNED" if assigned_to else "NEW")
    return TaskDeadline.objects.create(
        task=task, dossier=dossier, step=step, started_on=started_on or due_on - timedelta(28),
        due_on=due_on, assigned_to=assigned_to, **offered_to)


def reassign(deadline: TaskDeadline, user) -> None:
    Task.objects.filter(pk=deadline.task_id).update(owner=user, status="ASSIGNED")
    TaskDeadline.objects.filter(pk=deadline.pk).update(assigned_to=user)


@pytest.fixture
def deadline_factory():
    return make_deadline


@pytest.fixture
def officer():
    return UserFactory(full_name="Trần Thị Chuyên Viên", email="chuyenvien@example.test")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RecordingHandler:
    """Records accepted messages. `hold_after(n)`: accept n messages, then keep every further
    DATA waiting (no "250") until `release()`, which refuses them — a send cut off mid-SMTP.
    `take_and_hold(addresses)`: the first message to each address is taken (recorded: the
    server has it) but its "250" is held until `release()` — the crash window between the
    server's acceptance and the sender's record of it."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages: list = []
        self.gate: int | None = None
        self.taking: set[str] = set()
        self.held = 0
        self.released = threading.Event()

    def reset(self) -> None:
        with self.lock:
            self.messages.clear()
            self.gate, self.held = None, 0
            self.taking = set()
            self.released = threading.Event()

    def take_and_hold(self, addresses) -> None:
        with self.lock:
            self.taking = set(addresses)

    def hold_after(self, n: int) -> None:
        with self.lock:
            self.gate = n

    def release(self) -> None:
        """Refuse the messages being held; accept everything that comes after."""
        with self.lock:
            self.gate = None
        self.released.set()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            taken = self.taking & set(envelope.rcpt_tos)
            self.taking -= taken
            hold = bool(taken) or (self.gate is not None and len(self.messages) >= self.gate)
            if hold:
                self.held += 1
                released = self.released
            if taken or not hold:
                msg = message_from_bytes(envelope.content, policy=default_policy)
                self.messages.append((list(envelope.rcpt_tos), msg))
        if hold:
            while not released.is_set():
                await asyncio.sleep(0.05)
            if not taken:
                return "421 4.3.0 Service not available, closing channel"
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 30) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.1)
        with self.lock:
            return list(self.messages)


class SmtpServer:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.handler = RecordingHandler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list:
        with self.handler.lock:
            return list(self.handler.messages)


def _worker_smtp_env(server: SmtpServer) -> dict[str, str]:
    return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(server.port), "EMAIL_TIMEOUT": "5",
            "NOTIFICATIONS_CLAIM_LEASE_SECONDS": str(WORKER_LEASE_SECONDS)}


@pytest.fixture(scope="session")
def smtp_server():
    server = SmtpServer().start()
    # If the session's worker is not started yet it inherits these (saves a restart).
    saved = {k: os.environ.get(k) for k in _worker_smtp_env(server)}
    os.environ.update(_worker_smtp_env(server))
    yield server
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    server.handler.release()
    server.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """This process sends through the real local SMTP server."""
    smtp_server.handler.reset()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server.port
    settings.EMAIL_TIMEOUT = 5
    return smtp_server


@pytest.fixture
def smtp_worker(smtp_server, celery_worker):
    """The real worker with its e-mail pointed at the local SMTP server (a separate process
    reads its settings from the environment: set in `celery_worker.env`, restarted when they
    differ) and a short claim lease."""
    wanted = _worker_smtp_env(smtp_server)
    if (any(celery_worker.env.get(k) != v for k, v in wanted.items())
            or celery_worker.proc.poll() is not None):
        celery_worker.env.update(wanted)
        celery_worker.restart()
    smtp_server.handler.reset()
    yield celery_worker
    smtp_server.handler.release()
