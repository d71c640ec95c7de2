"""Irreversible actions of the route ask for confirmation first (a page, no JavaScript):
the first POST changes nothing, the confirmation page's POST (confirm=1) acts."""

from django.urls import reverse

from workflows.selectors import active_process

from .helpers import advance, make_dossier, open_task, post_step


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


def test_recording_the_decision_first_shows_a_confirmation_listing_the_awards(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "committee_decision")
    nomination = dossier.nominations.get()
    data = {"action": "decide", "number": "9/QĐ-UBND", "date": "2025-12-20",
            "signer": "Chủ tịch UBND tỉnh", f"awarded_{nomination.pk}": "on"}

    response = post_step(client, world.committee, task, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Xác nhận quyết định khen thưởng" in page and "9/QĐ-UBND" in page
    assert f"Được khen thưởng: {nomination.nominee}" in page
    task.refresh_from_db()
    assert task.status != "DONE"
