"""Users' templates: uploaded from the templates page, checked, used for their province."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.kinds import DocumentKind, default_template_path
from documents.models import DocumentTemplate
from documents.rendering import render_docx
from documents.selectors import sample_context
from tests.documents.conftest import docx_texts, url
from tests.factories import (
    DossierFactory,
    NominationFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
)
from tests.files import docx_bytes, repack, xlsx_bytes


def _template(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


OWN_LETTER = _template("MẪU RIÊNG CỦA TỈNH – {{ co_quan }}",
                       "{% for r in danh_sach %}{{ r.stt }}. {{ r.ho_ten }}; {% endfor %}",
                       "Số: {{ so_ky_hieu }}")


def _upload(client, user, content: bytes, kind=DocumentKind.UNIT_LETTER, name="mau.docx"):
    client.force_login(user)
    return client.post(url("template_upload"),
                       {"kind": kind, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("kind", DocumentKind.values)
def test_shipped_template_renders_with_every_documented_variable(kind):
    texts = docx_texts(render_docx(str(default_template_path(kind)), sample_context(kind)))
    assert "Số: 12/TTr-ĐV" in texts
    assert "Trần Văn B" in texts


def test_uploaded_template_is_used_for_the_provinces_documents(client, world):
    response = _upload(client, world.board, OWN_LETTER)
    assert response.status_code == 302
    client.force_login(world.officer)
    texts = docx_texts(client.get(url("unit_letter", world.dossier.pk)).content)
    assert texts[0] == "MẪU RIÊNG CỦA TỈNH – SỞ TÀI CHÍNH"
    # catalogue order: Tập thể lao động xuất sắc before Bằng khen
    assert texts[1] == "1. Phòng Kế hoạch – Đầu tư; 2. Nguyễn Thị Hoa; "


def test_another_province_keeps_the_shipped_template(client, world):
    _upload(client, world.board, OWN_LETTER)
    unit = UnitFactory(province=ProvinceFactory(code="ha-noi", name="Hà Nội"))
    dossier = DossierFactory(unit=unit)
    NominationFactory(dossier=dossier)
    client.force_login(UserFactory(roles=["unit_officer"], unit=unit))
    texts = docx_texts(client.get(url("unit_letter", dossier.pk)).content)
    assert "TỜ TRÌNH" in texts
    assert not any("MẪU RIÊNG" in t for t in texts)


def test_going_back_to_the_default_template(client, world):
    _upload(client, world.board, OWN_LETTER)
    response = client.post(url("template_reset", DocumentKind.UNIT_LETTER))
    assert response.status_code == 302
    client.force_login(world.officer)
    texts = docx_texts(client.get(url("unit_letter", world.dossier.pk)).content)
    assert "TỜ TRÌNH" in texts
    assert DocumentTemplate.objects.get().active is False  # kept as history


def test_a_new_upload_replaces_the_active_template(client, world):
    _upload(client, world.board, OWN_LETTER)
    _upload(client, world.board, _template("PHIÊN BẢN HAI {{ don_vi }}"))
    client.force_login(world.officer)
    texts = docx_texts(client.get(url("unit_letter", world.dossier.pk)).content)
    assert texts == ["PHIÊN BẢN HAI Sở Tài chính"]
    assert DocumentTemplate.objects.filter(active=True).count() == 1


def test_the_template_in_use_can_be_downloaded_to_edit(client, world):
    _upload(client, world.board, OWN_LETTER)
    response = client.get(url("template_download", DocumentKind.UNIT_LETTER))
    assert docx_texts(response.content)[0] == "MẪU RIÊNG CỦA TỈNH – {{ co_quan }}"


def test_a_template_with_an_unknown_variable_is_refused_in_vietnamese(client, world):
    response = _upload(client, world.board, _template("Kính gửi: {{ kinh_gui_sai }}"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mẫu văn bản có lỗi ở thẻ" in page and "kinh_gui_sai" in page
    assert not DocumentTemplate.objects.exists()


def test_a_template_with_a_broken_tag_is_refused(client, world):
    response = _upload(client, world.board, _template("{% for r in danh_sach %}{{ r.ho_ten }}"))
    assert response.status_code == 400
    assert "Mẫu văn bản có lỗi ở thẻ" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_a_template_cannot_reach_python_internals(client, world):
    response = _upload(client, world.board,
                       _template("{{ danh_sach.__class__.__mro__[1].__subclasses__() }}"))
    assert response.status_code == 400
    assert not DocumentTemplate.objects.exists()


def test_a_template_with_macros_is_refused(client, world):
    with_macro = repack(docx_bytes(), add={"word/vbaProject.bin": b"\xd0\xcf\x11\xe0macro"})
    response = _upload(client, world.board, with_macro)
    assert response.status_code == 400
    assert "chứa macro" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_a_spreadsheet_is_not_a_template(client, world):
    response = _upload(client, world.board, xlsx_bytes(), name="mau.xlsx")
    assert response.status_code == 400
    assert "Mẫu văn bản phải là tệp Word .docx" in response.content.decode()


def test_unit_users_cannot_change_templates(client, world):
    response = _upload(client, world.officer, OWN_LETTER)
    assert response.status_code == 403
    assert client.get(url("templates")).status_code == 403
    assert not DocumentTemplate.objects.exists()


def test_a_template_that_fails_on_real_data_sends_back_a_vietnamese_message(client, world):
    _upload(client, world.board, _template("Người thứ hai: {{ danh_sach[1].ho_ten }}"))
    world.collective_nomination.delete()  # the real dossier has one nominee, not two
    client.force_login(world.officer)
    response = client.get(url("unit_letter", world.dossier.pk), follow=True)
    assert response.status_code == 200
    assert "không tạo được văn bản với dữ liệu này" in response.content.decode()


def test_removing_orphan_uploads_keeps_the_templates(client, world):
    from django.core.management import call_command

    _upload(client, world.board, OWN_LETTER)
    call_command("orphan_files", "--delete", "--min-age-hours", "0", stdout=io.StringIO())
    client.force_login(world.officer)
    texts = docx_texts(client.get(url("unit_letter", world.dossier.pk)).content)
    assert texts[0] == "MẪU RIÊNG CỦA TỈNH – SỞ TÀI CHÍNH"


def test_the_admin_applies_the_same_checks(client, world):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri", "qt@example.test", "x")
    client.force_login(admin)
    response = client.post("/admin/documents/documenttemplate/add/", {
        "kind": DocumentKind.DECISION, "active": "on",
        "file": SimpleUploadedFile("qd.docx", _template("{{ so_quyet_dinh_sai }}"))})
    assert response.status_code == 200
    assert "Mẫu văn bản có lỗi ở thẻ" in response.content.decode()
    assert not DocumentTemplate.objects.exists()


def test_an_administrators_template_for_every_province_yields_to_the_provinces_own(
        client, world):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("quantri", "qt@example.test", "x")
    client.force_login(admin)
    response = client.post("/admin/documents/documenttemplate/add/", {
        "kind": DocumentKind.UNIT_LETTER, "active": "on",
        "file": SimpleUploadedFile("chung.docx", _template("MẪU CHUNG {{ don_vi }}"))})
    assert response.status_code == 302
    client.force_login(world.officer)
    assert docx_texts(client.get(url("unit_letter", world.dossier.pk)).content) == [
        "MẪU CHUNG Sở Tài chính"]
    _upload(client, world.board, OWN_LETTER)
    client.force_login(world.officer)
    texts = docx_texts(client.get(url("unit_letter", world.dossier.pk)).content)
    assert texts[0] == "MẪU RIÊNG CỦA TỈNH – SỞ TÀI CHÍNH"
