"""The folders the app writes in (VAR_DIR: the embedded SQLite database, the beat's schedule,
collected static files), created by the entry points — manage.py, config/wsgi.py,
config/asgi.py, and the Celery app when it is configured (worker, beat) — never while
settings load. Mail (VAR_DIR/mail), uploads (MEDIA_ROOT) and the embedded broker's folders
are created by the code that writes there."""

from __future__ import annotations

from pathlib import Path


def ensure_var_dirs() -> None:
    from django.conf import settings

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
