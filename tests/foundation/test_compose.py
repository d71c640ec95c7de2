"""docker compose cannot run here (no engine): validate the file by reading it."""

import importlib
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key.strip()] = value
    return pairs


def _command(service: str) -> str:
    command = SERVICES[service]["command"]
    return command if isinstance(command, str) else " ".join(command)


def test_stack_has_the_five_services_with_health_checks():
    assert set(SERVICES) == {"postgres", "redis", "web", "worker", "beat"}
    for name, service in SERVICES.items():
        assert "healthcheck" in service, name


def test_databases_use_official_images_and_named_volumes():
    assert SERVICES["postgres"]["image"].startswith("postgres:")
    assert SERVICES["redis"]["image"].startswith("redis:")
    assert {"pgdata", "redisdata", "media"} <= set(COMPOSE["volumes"])


def test_web_serves_the_real_wsgi_module_with_gunicorn():
    match = re.search(r"gunicorn (\S+):(\w+)", _command("web"))
    module = importlib.import_module(match.group(1))

    assert callable(getattr(module, match.group(2)))


def test_worker_and_beat_run_the_real_celery_app():
    for service in ("worker", "beat"):
        match = re.search(r"celery -A (\S+) (worker|beat)", _command(service))
        module = importlib.import_module(match.group(1))

        assert module.celery_app.main == "khenthuong"


def test_app_services_wait_for_healthy_databases_and_read_env_example():
    for service in ("web", "worker", "beat"):
        depends = SERVICES[service]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert any(entry["path"] == ".env.example" for entry in SERVICES[service]["env_file"])


def test_every_env_example_variable_is_read_by_settings_or_postgres():
    settings_source = (ROOT / "config" / "settings.py").read_text()
    postgres_env = set(SERVICES["postgres"]["environment"])

    for key in _env_example():
        assert f'"{key}"' in settings_source or key in postgres_env, key


def test_env_example_points_the_app_at_the_compose_services():
    env = _env_example()

    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["DEBUG"] == "False"
