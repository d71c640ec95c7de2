"""While a worker is at a job, its page shows the rows done and follows them through a
static script polling a small JSON answer (the CSP forbids inline scripts)."""

import re

from django.urls import reverse

from imports.models import ImportJob, ImportStatus


def running_job(user) -> ImportJob:
    return ImportJob.objects.create(kind="history", created_by=user, original_name="a.xlsx",
                                    size=1, content=b"x", status=ImportStatus.VALIDATING,
                                    rows_done=250, total_rows=5000)


def test_progress_answer_gives_rows_done_of_total(client, officer):
    job = running_job(officer)
    client.force_login(officer)

    data = client.get(reverse("khenthuong:imports:progress", args=[job.pk])).json()

    assert data == {"status": "validating", "status_label": "Đang kiểm tra từng dòng",
                    "running": True, "rows_done": 250, "total_rows": 5000, "percent": 5}


def test_running_job_page_shows_the_progress_and_polls_with_a_static_script(client, officer):
    job = running_job(officer)
    client.force_login(officer)

    page = client.get(reverse("khenthuong:imports:detail", args=[job.pk])).content.decode()

    assert '<progress max="5000" value="250"' in page
    assert "250 / 5000 dòng" in page
    assert re.search(r'<script src="[^"]*imports/progress\.js" defer></script>', page)
    assert reverse("khenthuong:imports:progress", args=[job.pk]) in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
