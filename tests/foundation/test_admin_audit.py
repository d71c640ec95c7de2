"""The admin shows the audit trail and the route's fields but never writes them: events,
dossier status and decisions change only through the services (each with its event)."""

import pytest
from django.urls import reverse

from nominations import services
from nominations.models import DossierEvent
from tests.factories import DossierFactory, NominationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def event():
    dossier = DossierFactory()
    return services.record_event(dossier=dossier, action="created", step="draft")


@pytest.mark.parametrize("view", ["delete", "change"])
def test_superuser_cannot_delete_or_edit_a_timeline_event_in_the_admin(
    superuser_client, event, view
):
    url = reverse(f"admin:nominations_dossierevent_{view}", args=[event.pk])

    response = superuser_client.post(url, {"post": "yes", "action": "returned",
                                           "dossier": event.dossier_id})

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.action == "created"


def test_superuser_cannot_add_a_timeline_event_in_the_admin(superuser_client, event):
    response = superuser_client.post(reverse("admin:nominations_dossierevent_add"),
                                     {"dossier": event.dossier_id, "action": "decided"})

    assert response.status_code == 403
    assert DossierEvent.objects.count() == 1


def test_superuser_sees_the_timeline_in_the_admin(superuser_client, event):
    response = superuser_client.get(reverse("admin:nominations_dossierevent_change",
                                            args=[event.pk]))

    assert response.status_code == 200


def test_admin_cannot_reopen_a_closed_dossier_by_editing_its_status(superuser_client):
    dossier = DossierFactory(status="closed")

    response = superuser_client.post(
        reverse("admin:nominations_dossier_change", args=[dossier.pk]),
        {"title": dossier.title, "unit": dossier.unit_id, "year": dossier.year,
         "status": "draft", "created_by": dossier.created_by_id,
         "nominations-TOTAL_FORMS": "0", "nominations-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == "closed"
    assert not dossier.events.exists()


def test_admin_shows_a_dossier_and_its_nominations_without_editable_fields(superuser_client):
    nomination = NominationFactory()

    response = superuser_client.get(
        reverse("admin:nominations_dossier_change", args=[nomination.dossier_id]))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="status"' not in page
    assert 'name="nominations-0-award"' not in page
    assert str(nomination.person) in page


def test_removing_a_nomination_from_a_draft_keeps_its_events(event):
    dossier = event.dossier
    officer = UserFactory(unit=dossier.unit, roles=["unit_officer"])
    nomination = NominationFactory(dossier=dossier)
    services.record_event(dossier=dossier, nomination=nomination, action="nomination_added")

    services.remove_nomination(user=officer, nomination=nomination)

    assert list(dossier.events.values_list("action", flat=True)) == [
        "created", "nomination_added", "nomination_removed"]
