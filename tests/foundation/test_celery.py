import time

import pytest

from nominations.tasks import ping


@pytest.mark.worker
def test_ping_task_runs_on_a_real_worker_through_redis(celery_worker):
    result = ping.apply_async(queue=celery_worker.queue)

    assert result.get(timeout=30) == {"pong": True, "db": True, "vendor": "postgresql"}


def test_broker_falls_back_to_embedded_filesystem_when_no_redis(tmp_path, monkeypatch):
    from config import broker

    monkeypatch.setattr(broker, "redis_answers", lambda *a, **k: False)

    url, backend, options, description = broker.choose_broker(None, tmp_path)

    assert url == "filesystem://"
    assert backend.startswith("file://")
    assert (tmp_path / "broker" / "out").is_dir()
    assert "nhúng" in description


def test_broker_uses_redis_url_when_given(tmp_path):
    from config.broker import choose_broker

    url, backend, _options, description = choose_broker("redis://example:6379/3", tmp_path)

    assert url == backend == "redis://example:6379/3"
    assert "REDIS_URL" in description


@pytest.mark.worker
def test_a_dispatched_task_runs_through_the_embedded_filesystem_broker(
        tmp_path, monkeypatch, transactional_db, settings):
    from config import broker
    from config.celery import dispatch
    from eligibility.models import EligibilityResult
    from eligibility.tasks import check_nominations
    from tests.conftest import inprocess_worker, restore_broker, use_broker
    from tests.factories import NominationFactory

    monkeypatch.setattr(broker, "redis_answers", lambda *a, **k: False)
    url, backend, options, _description = broker.choose_broker(None, tmp_path)
    nomination = NominationFactory()
    saved = use_broker(url, backend, options)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        assert dispatch(check_nominations, [nomination.pk]) is True
        assert list((tmp_path / "broker" / "out").iterdir())  # the message, on disk
        assert list((tmp_path / "broker" / "control").iterdir())  # not in the working dir
        with inprocess_worker():  # stopping it takes ~4 s: the sync loop drains for 2 s
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not EligibilityResult.objects.filter(
                    nomination=nomination).exists():
                time.sleep(0.1)
    finally:
        restore_broker(saved)

    assert EligibilityResult.objects.get(nomination=nomination).state == "done"
