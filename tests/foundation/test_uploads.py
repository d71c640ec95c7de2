import pytest
from django.core.exceptions import ValidationError

from nominations import services
from nominations.models import Attachment, DossierEvent
from tests.factories import DossierFactory, UserFactory
from tests.files import (
    EXE,
    JPG,
    PDF,
    PNG,
    docx_bytes,
    repack,
    upload,
    xlsx_bytes,
    zip_bomb_docx,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    return DossierFactory()


@pytest.fixture
def officer(dossier):
    return UserFactory(unit=dossier.unit, roles=["unit_officer"])


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("to-trinh.pdf", PDF, "application/pdf"),
        ("bao-cao.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument."
                                       "wordprocessingml.document"),
        ("danh-sach.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument."
                                         "spreadsheetml.sheet"),
        ("anh.jpg", JPG, "image/jpeg"),
        ("anh.PNG", PNG, "image/png"),
    ],
)
def test_accepted_file_types_are_stored_under_a_generated_name(
    dossier, officer, name, content, content_type
):
    attachment = services.attach_file(user=officer, dossier=dossier, kind="submission_letter",
                                      uploaded=upload(name, content))

    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert name not in attachment.file.name
    assert attachment.file.name.startswith("uploads/")


def test_executable_renamed_to_pdf_is_refused_in_vietnamese_and_nothing_saved(dossier, officer):
    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload("bao-cao.pdf", EXE))

    assert "không đúng định dạng cho phép" in excinfo.value.messages[0]
    assert not Attachment.objects.exists()
    assert not DossierEvent.objects.filter(action="file_attached").exists()


def test_file_whose_name_disagrees_with_its_content_is_refused(dossier, officer):
    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload("bao-cao.docx", PDF))

    assert "nội dung là PDF" in excinfo.value.messages[0]
    assert not Attachment.objects.exists()


def test_file_over_the_configured_size_limit_is_refused(dossier, officer, settings):
    settings.UPLOAD_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)

    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload("lon.pdf", big))

    assert "vượt giới hạn 1 MB" in excinfo.value.messages[0]
    assert not Attachment.objects.exists()


def test_plain_zip_is_not_taken_for_a_word_document(dossier, officer):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")

    with pytest.raises(ValidationError):
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload("x.docx", buffer.getvalue()))


def test_officer_of_another_unit_cannot_attach(dossier):
    from django.core.exceptions import PermissionDenied

    stranger = UserFactory(roles=["unit_officer"], unit=DossierFactory().unit)

    with pytest.raises(PermissionDenied):
        services.attach_file(user=stranger, dossier=dossier, kind="report",
                             uploaded=upload("a.pdf", PDF))


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
REMOTE_TEMPLATE = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlform'
    b'ats.org/officeDocument/2006/relationships/attachedTemplate" Target="http://example.test/'
    b'mau.dotm" TargetMode="External"/></Relationships>'
)
VBA_TYPE = '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
MACRO_MAIN = ('<Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.'
              'document.macroEnabled.main+xml"/>')


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("vba.docx", lambda: repack(docx_bytes(), {"word/vbaProject.bin": OLE}, VBA_TYPE)),
        ("macro-type.docx", lambda: repack(docx_bytes(), content_types=MACRO_MAIN)),
        ("vba.xlsx", lambda: repack(xlsx_bytes(), {"xl/vbaProject.bin": OLE})),
        ("xlm.xlsx", lambda: repack(xlsx_bytes(), {"xl/macrosheets/sheet1.xml": b"<x/>"})),
        ("activex.docx", lambda: repack(docx_bytes(), {"word/activeX/activeX1.xml": b"<x/>"})),
        ("ole.docx", lambda: repack(docx_bytes(), {"word/embeddings/oleObject1.bin": OLE})),
        ("exe.xlsx", lambda: repack(xlsx_bytes(), {"xl/embeddings/setup.exe": EXE})),
        ("template.docx",
         lambda: repack(docx_bytes(), {"word/_rels/settings.xml.rels": REMOTE_TEMPLATE})),
    ],
)
def test_office_file_with_macros_activex_or_embedded_objects_is_refused(
    dossier, officer, name, content
):
    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload(name, content()))

    assert excinfo.value.code == "active_content"
    assert "chứa macro" in excinfo.value.messages[0]
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("name", ["bao-cao.docm", "danh-sach.xlsm"])
def test_macro_enabled_office_name_is_refused(dossier, officer, name):
    content = docx_bytes() if name.endswith("docm") else xlsx_bytes()

    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload(name, content))

    assert excinfo.value.code == "active_content"


def test_word_file_with_an_embedded_excel_chart_is_accepted(dossier, officer):
    content = repack(docx_bytes(), {"word/embeddings/Microsoft_Excel_Worksheet.xlsx":
                                    xlsx_bytes()})

    attachment = services.attach_file(user=officer, dossier=dossier, kind="report",
                                      uploaded=upload("bieu-do.docx", content))

    assert attachment.content_type.endswith("wordprocessingml.document")


def test_zip_bomb_posing_as_a_word_file_is_refused_before_any_part_is_inflated(
    dossier, officer, monkeypatch
):
    import zipfile

    bomb = zip_bomb_docx()  # 256 MB of zeros in a package of a few hundred KB
    assert len(bomb) < 1024 * 1024
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("part read"))

    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload("bao-cao.docx", bomb))

    assert excinfo.value.code == "zip_bomb"
    assert "cấu trúc nén bất thường" in excinfo.value.messages[0]
    assert not Attachment.objects.exists()


def test_part_compressed_beyond_the_ratio_bound_is_refused(dossier, officer):
    bomb = zip_bomb_docx(uncompressed_mb=20)  # within the total bound, ~1000:1

    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload("bao-cao.docx", bomb))

    assert excinfo.value.code == "zip_bomb"


def test_package_with_too_many_parts_is_refused(dossier, officer):
    from nominations.files import OOXML_MAX_ENTRIES

    parts = {f"word/media/p{i}.xml": b"<x/>" for i in range(OOXML_MAX_ENTRIES)}

    with pytest.raises(ValidationError) as excinfo:
        services.attach_file(user=officer, dossier=dossier, kind="report",
                             uploaded=upload("bao-cao.docx", repack(docx_bytes(), parts)))

    assert excinfo.value.code == "zip_bomb"


def test_long_file_name_keeps_its_extension_and_fits_the_column(dossier, officer):
    from django.core.files.base import ContentFile

    name = "Báo cáo thành tích " * 30 + ".docx"

    attachment = services.attach_file(user=officer, dossier=dossier, kind="report",
                                      uploaded=ContentFile(docx_bytes(), name=name))

    assert attachment.original_name.endswith(".docx")
    assert attachment.original_name.startswith("Báo cáo thành tích")
    assert len(attachment.original_name) <= 255


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("C:\\Users\\can-bo\\Tờ trình.pdf", "Tờ trình.pdf"),
        ("../../etc/to-trinh.pdf", "to-trinh.pdf"),
        ("to\x00trinh\r\n.pdf", "totrinh.pdf"),
        ("bao-cao\u202egpj.pdf", "bao-caogpj.pdf"),
        ("to-trinh", "to-trinh.pdf"),
    ],
)
def test_kept_file_name_has_no_folders_or_control_characters(dossier, officer, name, kept):
    from django.core.files.base import ContentFile

    attachment = services.attach_file(user=officer, dossier=dossier, kind="submission_letter",
                                      uploaded=ContentFile(PDF, name=name))

    assert attachment.original_name == kept


# ---------------------------------------------------------------- the limit while streaming


class _WatchedPayload:
    """The request body as the server reads it, noting after each read the largest
    temporary upload file on disk (what the server kept of the file so far)."""

    def __init__(self, body: bytes, temp_dir):
        import io

        self._body, self._temp_dir, self.most_kept = io.BytesIO(body), temp_dir, 0

    def read(self, size=-1):
        data = self._body.read(size)
        sizes = [path.stat().st_size for path in self._temp_dir.iterdir()]
        self.most_kept = max([self.most_kept, *sizes])
        return data

    def readline(self, size=-1):
        return self._body.readline(size)


def test_server_stops_keeping_an_upload_once_it_passes_the_size_limit(
    client, dossier, officer, settings, tmp_path
):
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
    from django.urls import reverse

    settings.UPLOAD_MAX_MB = 1
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0  # every file goes through a temporary file
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    body = encode_multipart(BOUNDARY, {"kind": "report",
                                       "file": upload("lon.pdf", PDF + b"0" * 4 * 1024 * 1024)})
    payload = _WatchedPayload(body, tmp_path)
    client.force_login(officer)

    response = client.generic("POST", reverse("khenthuong:dossiers:upload", args=[dossier.pk]),
                              body, content_type=MULTIPART_CONTENT,
                              **{"wsgi.input": payload})

    assert response.status_code == 200
    assert "vượt giới hạn 1 MB" in response.content.decode()
    assert 0 < payload.most_kept <= 1024 * 1024 + 64 * 1024
    assert not Attachment.objects.exists()


def test_oversized_report_shows_the_size_error_on_its_field_and_adds_no_nomination(
    client, dossier, officer, settings
):
    from django.urls import reverse

    from nominations.models import Nomination
    from tests.factories import PersonFactory, award

    settings.UPLOAD_MAX_MB = 1
    client.force_login(officer)

    response = client.post(
        reverse("khenthuong:dossiers:add_nomination", args=[dossier.pk]),
        {"person": PersonFactory(unit=dossier.unit).pk, "award": award("LDTT").pk,
         "basis": "cong_trang", "report": upload("lon.pdf", PDF + b"0" * 2 * 1024 * 1024)},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["report"] == [
        "Tệp “lon.pdf” có dung lượng 2.0 MB, vượt giới hạn 1 MB."]
    assert not Nomination.objects.exists()
    assert not Attachment.objects.exists()
