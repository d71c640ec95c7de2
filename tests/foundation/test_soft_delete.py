"""A draft dossier is deleted softly, through a service: the row and its timeline stay, no page
or selector shows it, its files leave storage once the transaction commits. Files of removed
attachments and nominations leave storage too, never before the commit."""

import os

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from nominations import selectors, services
from nominations.models import Attachment, Dossier
from tests.factories import DossierFactory, NominationFactory, UserFactory
from tests.files import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return DossierFactory()


@pytest.fixture
def officer(draft):
    return UserFactory(unit=draft.unit, roles=["unit_officer"])


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _attach(officer, dossier, nomination=None) -> Attachment:
    return services.attach_file(user=officer, dossier=dossier, kind="report",
                                nomination=nomination, uploaded=pdf())


def test_deleting_a_draft_in_the_admin_keeps_the_row_and_records_who_deleted_it(
    superuser_client, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser_client.post(
            reverse("admin:nominations_dossier_delete", args=[draft.pk]), {"post": "yes"})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.deleted_at is not None
    assert draft.deleted_by.is_superuser
    assert draft.events.filter(action="deleted", actor=draft.deleted_by).exists()


def test_deleted_draft_disappears_from_every_list_and_page(client, draft, officer):
    attachment = _attach(officer, draft)
    services.delete_draft_dossier(user=officer, dossier=draft)
    client.force_login(officer)

    assert not selectors.dossiers_visible_to(officer).exists()
    assert not selectors.nominations_visible_to(officer).exists()
    assert not selectors.attachments_visible_to(officer).exists()
    assert draft.title not in client.get(reverse("khenthuong:dossiers:index")).content.decode()
    assert client.get(reverse("khenthuong:dossiers:detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("khenthuong:dossiers:download",
                              args=[attachment.pk])).status_code == 404


def test_deleted_drafts_files_leave_storage_after_commit(
    draft, officer, django_capture_on_commit_callbacks
):
    nomination = NominationFactory(dossier=draft)
    paths = [_attach(officer, draft).file.path,
             _attach(officer, draft, nomination).file.path]

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_draft_dossier(user=officer, dossier=draft)

    assert not any(os.path.exists(path) for path in paths)
    assert not Attachment.objects.exists()
    assert draft.events.get(action="deleted").data["files"] == ["bao-cao.pdf", "bao-cao.pdf"]


def test_deleted_drafts_nominations_are_no_longer_considered(draft, officer):
    nomination = NominationFactory(dossier=draft)

    services.delete_draft_dossier(user=officer, dossier=draft)

    nomination.refresh_from_db()
    assert (nomination.status, nomination.outcome_step) == ("withdrawn", "deleted")


@pytest.mark.parametrize("status", ["awaiting_signature", "board_appraisal", "returned",
                                    "decided", "closed"])
def test_dossier_sent_on_the_route_or_decided_cannot_be_deleted(officer, draft, status):
    Dossier.objects.filter(pk=draft.pk).update(status=status)

    with pytest.raises(ValidationError) as excinfo:
        services.delete_draft_dossier(user=officer, dossier=draft)

    assert "Chỉ xóa được hồ sơ đang soạn" in excinfo.value.messages[0]
    draft.refresh_from_db()
    assert draft.deleted_at is None


def test_admin_offers_no_delete_for_a_dossier_on_the_route(superuser_client, draft):
    Dossier.objects.filter(pk=draft.pk).update(status="council_review")

    response = superuser_client.post(
        reverse("admin:nominations_dossier_delete", args=[draft.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Dossier.objects.get(pk=draft.pk).deleted_at is None


def test_officer_of_another_unit_cannot_delete_the_draft(draft):
    from django.core.exceptions import PermissionDenied

    stranger = UserFactory(unit=DossierFactory().unit, roles=["unit_officer"])

    with pytest.raises(PermissionDenied):
        services.delete_draft_dossier(user=stranger, dossier=draft)


def test_deleted_draft_can_be_neither_edited_nor_sent(draft, officer):
    services.delete_draft_dossier(user=officer, dossier=draft)

    with pytest.raises(ValidationError, match="đã bị xóa"):
        _attach(officer, draft)
    with pytest.raises(ValidationError, match="đã bị xóa"):
        services.send_for_signature(user=officer, dossier=draft)


def test_removing_a_nomination_removes_its_files_after_commit(
    draft, officer, django_capture_on_commit_callbacks
):
    nomination = NominationFactory(dossier=draft)
    path = _attach(officer, draft, nomination).file.path

    with django_capture_on_commit_callbacks(execute=True):
        services.remove_nomination(user=officer, nomination=nomination)

    assert not os.path.exists(path)


def test_removal_rolled_back_keeps_the_attachment_and_its_file(
    draft, officer, django_capture_on_commit_callbacks
):
    attachment = _attach(officer, draft)
    pk, path = attachment.pk, attachment.file.path

    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            services.remove_attachment(user=officer, attachment=attachment)
            raise RuntimeError("the caller's transaction fails")

    assert Attachment.objects.filter(pk=pk).exists()
    assert os.path.exists(path)


def test_orphan_files_command_removes_only_old_unreferenced_files(draft, officer, capsys):
    kept = _attach(officer, draft).file.path
    orphan = _attach(officer, draft)
    Attachment.objects.filter(pk=orphan.pk)._raw_delete("default")  # no signal: an orphan
    old = os.path.getmtime(orphan.file.path) - 2 * 86400
    os.utime(orphan.file.path, (old, old))

    call_command("orphan_files", "--delete")

    assert not os.path.exists(orphan.file.path)
    assert os.path.exists(kept)
    assert "1 tệp mồ côi, 1 tệp đã xóa" in capsys.readouterr().out


def test_orphan_files_command_leaves_recent_orphans_alone(draft, officer, capsys):
    orphan = _attach(officer, draft)
    Attachment.objects.filter(pk=orphan.pk)._raw_delete("default")

    call_command("orphan_files", "--delete")

    assert os.path.exists(orphan.file.path)
    assert "mới, chưa xóa" in capsys.readouterr().out
