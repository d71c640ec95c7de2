"""PDF through LibreOffice headless, converted by the worker (Celery runs eagerly here)."""

from __future__ import annotations

import stat

import pytest

from documents.models import PdfConversion
from documents.pdf import converter
from tests.documents.conftest import url


@pytest.fixture
def no_libreoffice(settings):
    settings.DOCUMENTS_SOFFICE = "khong-co-libreoffice"


def test_without_libreoffice_pages_offer_docx_only_and_say_why(client, world, no_libreoffice):
    client.force_login(world.officer)
    page = client.get(url("index")).content.decode()
    assert "Máy chủ chưa cài LibreOffice" in page
    response = client.post(url("unit_letter", world.dossier.pk), follow=True)
    assert "chưa tạo được PDF" in response.content.decode()
    assert not PdfConversion.objects.exists()


def test_a_conversion_that_runs_too_long_is_stopped_with_a_message(
        client, world, settings, tmp_path, django_capture_on_commit_callbacks):
    slow = tmp_path / "soffice"
    slow.write_text("#!/bin/sh\nsleep 30\n")
    slow.chmod(slow.stat().st_mode | stat.S_IEXEC)
    settings.DOCUMENTS_SOFFICE = str(slow)
    settings.DOCUMENTS_PDF_TIMEOUT = 1
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("unit_letter", world.dossier.pk))
    conversion = PdfConversion.objects.get()
    assert response.url == url("pdf", conversion.pk)
    assert conversion.state == "error"
    assert "không xong trong 1 giây" in conversion.error
    assert "không xong trong 1 giây" in client.get(url("pdf", conversion.pk)).content.decode()


@pytest.mark.skipif(converter() is None, reason="LibreOffice (soffice) is not installed")
def test_the_decision_is_converted_to_pdf(client, world, decision,
                                          django_capture_on_commit_callbacks):
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("decision", decision.pk))
    conversion = PdfConversion.objects.get()
    assert conversion.state == "done", conversion.error
    response = client.get(url("pdf_download", conversion.pk))
    assert response.content.startswith(b"%PDF")
