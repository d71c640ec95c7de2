"""The eligibility core is pure Python: these tests run with or without pytest-django
(`pytest tests/eligibility -p no:django`). The project-wide autouse `_media_root` needs
pytest-django's `settings` fixture, so it is replaced here by a no-op: nothing in this
directory touches files, e-mail or settings."""

import pytest


@pytest.fixture(autouse=True)
def _media_root():
    yield
