"""Documents and lists follow the pages' visibility: what a user cannot see is not found."""

from __future__ import annotations

from datetime import date

import pytest

from blocs import services as bloc_services
from documents.models import PdfConversion
from tests.documents.conftest import url
from tests.factories import ProvinceFactory, UserFactory


@pytest.mark.parametrize("name", ["unit_letter", "dossier_xlsx"])
def test_another_units_dossier_documents_are_not_found(client, world, name):
    client.force_login(world.other_officer)
    assert client.get(url(name, world.dossier.pk)).status_code == 404


def test_another_units_decision_is_not_found(client, world, decision):
    client.force_login(world.other_officer)
    assert client.get(url("decision", decision.pk)).status_code == 404


def test_another_provinces_board_does_not_see_the_decision(client, world, decision):
    board = UserFactory(roles=["board_specialist"], province=ProvinceFactory(code="ha-noi"))
    client.force_login(board)
    assert client.get(url("decision", decision.pk)).status_code == 404


def test_unit_users_cannot_generate_the_boards_letter(client, world):
    client.force_login(world.officer)
    response = client.get(url("board_letter") + f"?tinh={world.province.pk}&nam=2025")
    assert response.status_code == 403


def test_the_board_cannot_generate_another_provinces_letter(client, world):
    other = ProvinceFactory(code="ha-noi", name="Hà Nội")
    client.force_login(world.board)
    response = client.get(url("board_letter") + f"?tinh={other.pk}&nam=2025")
    assert response.status_code == 404


def test_unit_users_do_not_see_council_minutes(client, world):
    secretary = UserFactory(roles=["council_secretary"], province=world.province)
    meeting = bloc_services.open_council_meeting(
        user=secretary, province=world.province, held_on=date(2026, 1, 20), title="Họp",
        member_names=["A", "B"])
    bloc_services.close_council_meeting(user=secretary, meeting=meeting)
    client.force_login(world.officer)
    assert client.get(url("council_minutes", meeting.pk)).status_code == 404


def test_someone_elses_pdf_is_not_found(client, world):
    conversion = PdfConversion.objects.create(
        requested_by=world.board, kind="quyet_dinh", file_name="qd.pdf", docx=b"x",
        pdf=b"%PDF-1.4", state="done")
    client.force_login(world.officer)
    assert client.get(url("pdf", conversion.pk)).status_code == 404
    assert client.get(url("pdf_download", conversion.pk)).status_code == 404


def test_unit_users_index_page_offers_no_board_letter(client, world):
    client.force_login(world.officer)
    page = client.get(url("index")).content.decode()
    assert 'data-testid="nominees-form"' in page
    assert 'data-testid="board-letter-form"' not in page
    assert "Sở Xây dựng" not in page  # the unit filter offers only what the user sees
