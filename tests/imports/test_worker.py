"""A long file through a real Celery worker process (Redis, the committed test database):
the page's JSON shows the rows done while the worker reads and writes."""

import time

import pytest
from django.urls import reverse

from imports.models import ImportJob, ImportStatus
from nominations.models import Person, YearRecord
from tests.factories import UnitFactory, UserFactory

from .conftest import fill, template, upload

ROWS = 5000
YEARS = (2021, 2022, 2023, 2024, 2025)


def _follow(client, job: ImportJob, timeout: float = 180) -> tuple[dict, list[int]]:
    """Poll the progress endpoint until the worker is done; the rows_done seen meanwhile."""
    url = reverse("khenthuong:imports:progress", args=[job.pk])
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = client.get(url).json()
        if not data["running"]:
            return data, seen
        seen.append(data["rows_done"])
        time.sleep(0.05)
    raise AssertionError(f"import still running after {timeout} s: {data}")


@pytest.mark.worker
def test_a_5000_row_file_is_checked_and_written_by_the_worker_with_progress(
        celery_worker, client):
    unit = UnitFactory()
    officer = UserFactory(unit=unit, province=unit.province, roles=["unit_officer"])
    people = Person.objects.bulk_create(
        [Person(unit=unit, full_name=f"Người số {i}", gender="nu") for i in range(ROWS // 5)])
    client.force_login(officer)
    content = fill(template(client, "history"), "Kết quả năm",
                   [[f"CN-{p.pk}", None, None, year, "HTT", 12]
                    for p in people for year in YEARS])

    upload(client, "history", content)
    job = ImportJob.objects.get(created_by=officer)
    checked, seen_checking = _follow(client, job)
    client.post(reverse("khenthuong:imports:confirm", args=[job.pk]))
    written, seen_writing = _follow(client, job)

    log = celery_worker.log.read_text()[-3000:]
    assert checked["status"] == ImportStatus.READY, log
    assert written["status"] == ImportStatus.DONE, log
    assert (written["rows_done"], written["total_rows"]) == (ROWS, ROWS)
    assert any(0 < done < ROWS for done in seen_checking + seen_writing), (
        seen_checking, seen_writing)
    assert YearRecord.objects.filter(person__unit=unit).count() == ROWS
