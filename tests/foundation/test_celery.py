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
