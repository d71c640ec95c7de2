"""An import upload passes the same checks as every other upload (size while streaming,
zip bombs, macros and active content, content type) and must be an .xlsx workbook: a
refused file creates no job and says why in Vietnamese."""

import pytest

from imports.models import ImportJob
from tests.files import PDF, repack, xlsx_bytes, zip_bomb_docx

from .conftest import upload


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def _errors(response) -> str:
    assert response.status_code == 200  # the form again, with its error
    return " ".join(str(e) for e in response.context["form"].errors["file"])


def test_a_workbook_with_a_vba_macro_is_refused(signed_in):
    content = repack(xlsx_bytes(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})

    response = upload(signed_in, "history", content)

    assert "chứa macro" in _errors(response)
    assert not ImportJob.objects.exists()


def test_a_macro_enabled_name_is_refused(signed_in):
    response = upload(signed_in, "history", xlsx_bytes(), name="du-lieu.xlsm")

    assert "chứa macro" in _errors(response)
    assert not ImportJob.objects.exists()


def test_a_zip_bomb_is_refused(signed_in):
    response = upload(signed_in, "history", zip_bomb_docx(), name="du-lieu.xlsx")

    assert "cấu trúc nén bất thường" in _errors(response)
    assert not ImportJob.objects.exists()


def test_a_file_over_the_size_limit_is_refused(signed_in, settings):
    settings.UPLOAD_MAX_MB = 1

    response = upload(signed_in, "history", xlsx_bytes() + b"\0" * (1024 * 1024))

    assert "vượt giới hạn 1 MB" in _errors(response)
    assert not ImportJob.objects.exists()


def test_a_pdf_named_xlsx_is_refused_as_not_an_excel_workbook(signed_in):
    response = upload(signed_in, "history", PDF, name="du-lieu.xlsx")

    assert "không phải tệp Excel .xlsx" in _errors(response)
    assert not ImportJob.objects.exists()


def test_a_word_file_is_refused_as_not_an_excel_workbook(signed_in):
    from tests.files import docx_bytes

    response = upload(signed_in, "history", docx_bytes(), name="bao-cao.docx")

    assert "không phải tệp Excel .xlsx" in _errors(response)
