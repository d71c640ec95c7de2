"""Demo data (`manage.py load_demo`)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4)
def password_hash(password: str) -> str:
    """The demo users' shared password, hashed once per load (PBKDF2 costs ~0.3 s a user,
    and they all share the documented password anyway)."""
    from django.contrib.auth.hashers import make_password

    return make_password(password)
