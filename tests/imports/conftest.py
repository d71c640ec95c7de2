"""Helpers for the Excel import tests: the template downloaded through the page, filled
with openpyxl as a person would in Excel, and uploaded through the page (Celery eager)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from imports.models import ImportJob
from tests.factories import PersonFactory, UnitFactory, UserFactory


@pytest.fixture(autouse=True)
def _database(db):
    """Every test here uses the database."""


@pytest.fixture
def unit():
    return UnitFactory()


@pytest.fixture
def officer(unit):
    return UserFactory(unit=unit, province=unit.province, roles=["unit_officer"])


@pytest.fixture
def person(unit):
    return PersonFactory(unit=unit, full_name="Trần Thị Bình")


def template(client, kind: str) -> bytes:
    response = client.get(reverse("khenthuong:imports:template", args=[kind]))
    assert response.status_code == 200, response.status_code
    return response.content


def fill(content: bytes, sheet: str, rows: list[list]) -> bytes:
    """The workbook with `rows` written under the header of `sheet`."""
    workbook = load_workbook(io.BytesIO(content))
    ws = workbook[sheet]
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, kind: str, content: bytes, *, name: str = "du-lieu.xlsx",
           dossier=None, capture=None):
    """POST the file to the upload page; with `capture` (django_capture_on_commit_callbacks)
    the check task runs (eagerly) as the request's transaction commits."""
    data = {"file": SimpleUploadedFile(name, content)}
    if dossier is not None:
        data["dossier"] = dossier.pk
    url = reverse("khenthuong:imports:upload", args=[kind])
    if capture is None:
        return client.post(url, data)
    with capture(execute=True):
        return client.post(url, data)


def last_job() -> ImportJob:
    return ImportJob.objects.order_by("-pk").first()


def confirm(client, job, capture):
    with capture(execute=True):
        return client.post(reverse("khenthuong:imports:confirm", args=[job.pk]))


def detail(client, job, **params):
    return client.get(reverse("khenthuong:imports:detail", args=[job.pk]), params)
