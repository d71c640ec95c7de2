"""Fixtures of the documents tests: a province with a unit's dossier (a person and a
collective nominated), the users who look at it, and reading helpers."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse

from nominations import services as nomination_services
from nominations.models import Decision, Dossier, Nomination
from tests.factories import (
    CollectiveFactory,
    DossierFactory,
    NominationFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    award,
)


def docx_texts(content: bytes) -> list[str]:
    """Every paragraph of a .docx, body and tables (nested ones too), in order."""
    from docx import Document

    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]

    def walk(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    texts.extend(p.text for p in cell.paragraphs)
                    walk(cell.tables)

    walk(document.tables)
    return [t for t in texts if t.strip()]


def xlsx_rows(content: bytes) -> list[tuple]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def url(name: str, *args) -> str:
    return reverse(f"khenthuong:documents:{name}", args=args)


@dataclass
class World:
    province: object
    unit: object
    dossier: Dossier
    person_nomination: Nomination
    collective_nomination: Nomination
    officer: object
    other_officer: object
    board: object
    board_head: object
    committee: object


@pytest.fixture
def world(db) -> World:
    province = ProvinceFactory(code="tien-giang", name="Tiền Giang")
    unit = UnitFactory(province=province, name="Sở Tài chính", short_name="STC")
    other_unit = UnitFactory(province=province, name="Sở Xây dựng")
    dossier = DossierFactory(unit=unit, year=2025, title="Khen thưởng tổng kết năm 2025")
    person = NominationFactory(
        dossier=dossier, award=award("BK_TINH"),
        person=PersonFactory(unit=unit, full_name="Nguyễn Thị Hoa", position="Trưởng phòng"))
    collective = NominationFactory(
        dossier=dossier, award=award("TTLDXS"), person=None,
        collective=CollectiveFactory(unit=unit, name="Phòng Kế hoạch – Đầu tư"))
    return World(
        province=province, unit=unit, dossier=dossier, person_nomination=person,
        collective_nomination=collective,
        officer=UserFactory(roles=["unit_officer"], unit=unit, province=province),
        other_officer=UserFactory(roles=["unit_officer"], unit=other_unit, province=province),
        board=UserFactory(roles=["board_specialist"], province=province),
        board_head=UserFactory(roles=["board_head"], province=province,
                               full_name="Lê Văn Trưởng"),
        committee=UserFactory(roles=["committee_officer"], province=province),
    )


@pytest.fixture
def decision(world) -> Decision:
    """Decision 125/QĐ-UBND awards the person; the collective is not awarded."""
    return nomination_services.record_decision(
        dossier=world.dossier, actor=world.committee, number="125/QĐ-UBND",
        date=date(2026, 1, 15), signer="Phạm Văn Ký",
        awarded_ids={world.person_nomination.pk})
