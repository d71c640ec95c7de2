"""Loading the settings has no side effects: no folder is created and no server is probed.
The folders are made by the entry points, the broker is chosen when the Celery app is
configured (config/dirs.py, config/celery.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs in a fresh interpreter: every connect() and mkdir() is recorded, then the settings
# are imported; then the Celery app is configured with Redis reported silent.
PROBE = """
import json, os, socket, sys

calls = []
real_connect, real_mkdir = socket.socket.connect, os.mkdir

def connect(sock, address):
    calls.append(["connect", str(address)])
    return real_connect(sock, address)

def mkdir(path, *args, **kwargs):
    calls.append(["mkdir", str(path)])
    return real_mkdir(path, *args, **kwargs)

socket.socket.connect, os.mkdir = connect, mkdir

import config.settings

on_import = list(calls)

import config.broker
from config.celery import app

config.broker.redis_answers = lambda *a, **k: False
print(json.dumps({"on_import": on_import, "broker_url": app.conf.broker_url,
                  "description": app.conf.broker_description}))
"""


def _env(var_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in ("REDIS_URL", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="config.settings")
    return env


def test_importing_the_settings_touches_neither_the_network_nor_the_filesystem(tmp_path):
    var_dir = tmp_path / "var"

    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=_env(var_dir),
                            capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["on_import"] == []
    # configured later, the app falls back to the embedded broker, in VAR_DIR
    assert seen["broker_url"] == "filesystem://"
    assert "nhúng" in seen["description"]
    assert (var_dir / "broker" / "out").is_dir()
    assert (var_dir / "static").is_dir()


def test_manage_py_creates_the_var_folders_it_needs(tmp_path):
    var_dir = tmp_path / "nested" / "var"

    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT,
                            env={**_env(var_dir), "REDIS_URL": "redis://127.0.0.1:1/0"},
                            capture_output=True, text=True, timeout=120)

    assert result.returncode == 0, result.stderr
    assert (var_dir / "static").is_dir()
