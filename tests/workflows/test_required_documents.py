"""Required documents (nominations.catalogue) block sending and signing; the unit head's
screen shows what is missing and each nomination's eligibility."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nominations import services as dossiers
from nominations.models import Attachment

from .helpers import advance, execute_url, make_dossier, open_task, send


def test_officer_cannot_send_a_dossier_missing_required_documents(world, client):
    dossier = make_dossier(world, "CSTD_TINH", documents=False)
    nominee = dossier.nominations.get().nominee

    client.force_login(world.officer)
    response = client.post(reverse("khenthuong:route:send", args=[dossier.pk]), follow=True)

    page = response.content.decode()
    assert "Hồ sơ còn thiếu tài liệu bắt buộc" in page
    assert "Tờ trình" in page and f"Báo cáo thành tích ({nominee}" in page
    dossier.refresh_from_db()
    assert dossier.status == "draft"


def test_send_service_refuses_a_dossier_missing_a_nominations_report(world):
    dossier = make_dossier(world, "CSTD_TINH")
    Attachment.objects.filter(dossier=dossier, kind="report").delete()

    with pytest.raises(ValidationError, match="Báo cáo thành tích"):
        send(world, dossier)


def _sent_back_without_the_report(world):
    """Sent complete; returned by the unit head; the officer removes the report and
    resubmits: the dossier is at the unit head again, missing its report."""
    from workflows import services

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "unit_head_submit")
    services.complete_review(user=world.head, task=task, action="returned",
                             return_reason="Xem lại báo cáo")
    dossiers.remove_attachment(user=world.officer, attachment=Attachment.objects.get(
        dossier=dossier, kind="report"))
    services.resubmit(user=world.officer, task=open_task(dossier, "unit_revise"),
                      note="Đã gỡ báo cáo cũ")
    return dossier, open_task(dossier, "unit_head_submit")


def test_unit_head_cannot_sign_a_dossier_missing_required_documents(world):
    from workflows import services

    dossier, task = _sent_back_without_the_report(world)

    with pytest.raises(ValidationError, match="Báo cáo thành tích"):
        services.complete_review(user=world.head, task=task, action="forward")
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_signature"


def test_unit_head_screen_lists_the_missing_documents(world, client):
    dossier, task = _sent_back_without_the_report(world)

    client.force_login(world.head)
    page = client.get(execute_url(task)).content.decode()

    assert 'data-testid="missing-documents"' in page
    assert f"Báo cáo thành tích ({dossier.nominations.get().nominee}" in page


def test_unit_head_screen_shows_each_nominations_eligibility(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "unit_head_submit")

    client.force_login(world.head)
    page = client.get(execute_url(task)).content.decode()

    assert "Điều kiện theo Luật TĐKT 2022" in page
    assert 'data-testid="eligibility' in page
    assert 'data-testid="missing-documents"' not in page
