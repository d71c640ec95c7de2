"""Irreversible actions of the route ask for confirmation first (a page, no JavaScript):
the first POST changes nothing, the confirmation page's POST (confirm=1) acts."""

from django.urls import reverse

from workflows.selectors import active_process

from .helpers import advance, make_dossier, open_task, post_step, signed_pdf


def test_sending_a_dossier_first_shows_a_vietnamese_confirmation_and_sends_nothing(
        world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    client.force_login(world.officer)

    response = client.post(reverse("khenthuong:route:send", args=[dossier.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Gửi hồ sơ để thủ trưởng ký trình" in page and 'name="confirm" value="1"' in page
    dossier.refresh_from_db()
    assert dossier.status == "draft" and active_process(dossier) is None


def test_confirming_the_send_starts_the_route(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    client.force_login(world.officer)

    response = client.post(reverse("khenthuong:route:send", args=[dossier.pk]),
                           {"confirm": "1"})

    assert response.status_code == 302
    assert open_task(dossier, "unit_head_submit")


def test_signing_the_decision_without_ticking_the_confirmation_records_nothing(
        world, client):
    from nominations.models import Decision

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_sign")

    response = post_step(client, world.committee_leader, task, {
        "action": "sign", "number": "9/QĐ-UBND", "date": "2025-12-20",
        "signer": "Chủ tịch UBND tỉnh", "signed_file": signed_pdf()})

    assert response.status_code == 200
    assert "Vui lòng đánh dấu xác nhận trước khi ký quyết định." in response.content.decode()
    assert not Decision.objects.exists()
