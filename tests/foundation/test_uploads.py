import pytest
from django.core.exceptions import ValidationError

from nominations import services
from nominations.models import Attachment, DossierEvent
from tests.factories import DossierFactory, UserFactory
from tests.files import EXE, JPG, PDF, PNG, docx_bytes, upload, xlsx_bytes

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
