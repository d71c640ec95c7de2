"""Choose the Celery broker: Redis when configured or reachable, else an embedded one.

Called when the Celery app is configured (config/celery.py), never while settings load: the
probe is a network round trip and the embedded broker creates its folders. Free of Django
imports.
"""

from __future__ import annotations

import socket
from pathlib import Path


def redis_answers(host: str = "127.0.0.1", port: int = 6379, timeout: float = 0.3) -> bool:
    """True when something speaking the Redis protocol answers PING on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


# A Redis that refuses or hangs must not hold a publishing request for long. socket_timeout
# stays above kombu's BRPOP timeout (1 s), which the worker's consumer waits on.
REDIS_TRANSPORT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 2.0}


def choose_broker(redis_url: str | None, var_dir: Path) -> tuple[str, str, dict, str]:
    """Return (broker_url, result_backend, transport_options, description)."""
    if redis_url:
        return (redis_url, redis_url, dict(REDIS_TRANSPORT_OPTIONS),
                f"Redis ({redis_url}, từ REDIS_URL)")
    if redis_answers():
        url = "redis://127.0.0.1:6379/0"
        return url, url, dict(REDIS_TRANSPORT_OPTIONS), f"Redis ({url}, tự phát hiện)"
    folder = var_dir / "broker"
    for sub in ("out", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    (var_dir / "results").mkdir(parents=True, exist_ok=True)
    options = {
        "data_folder_in": str(folder / "out"),
        "data_folder_out": str(folder / "out"),
        "processed_folder": str(folder / "processed"),
        "control_folder": str(folder / "control"),  # else kombu writes ./control
        "store_processed": False,
    }
    backend = f"file://{var_dir / 'results'}"
    return "filesystem://", backend, options, f"hệ thống tệp nhúng ({folder}), không cần máy chủ"
