"""Excel lists of nominees and of decided awards, written by the project's one Excel writer
(reports.exports: write-only, Vietnamese headers, real dates as dd/mm/yyyy)."""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import timezone, translation
from openpyxl import Workbook

from nominations.models import Nomination
from reports.exports import CONTENT_TYPE as XLSX_CONTENT_TYPE
from reports.exports import Column, Sheet, write_sheet

__all__ = ["XLSX_CONTENT_TYPE", "decided_awards_xlsx", "nominees_xlsx"]

NOMINEE_COLUMNS = (
    Column("STT", 6, "int"), Column("Họ và tên / Tên tập thể", 32), Column("Đối tượng", 10),
    Column("Chức vụ", 22), Column("Đơn vị", 36), Column("Năm thành tích", 10, "int"),
    Column("Hình thức đề nghị", 34), Column("Loại thành tích", 22), Column("Trạng thái", 24),
    Column("Hồ sơ", 36), Column("Ngày trình", 12, "date"), Column("Số quyết định", 16),
    Column("Ngày quyết định", 14, "date"),
)
AWARD_COLUMNS = (
    Column("STT", 6, "int"), Column("Số quyết định", 16), Column("Ngày quyết định", 14, "date"),
    Column("Người ký", 22), Column("Hình thức khen thưởng", 34),
    Column("Họ và tên / Tên tập thể", 32), Column("Đối tượng", 10), Column("Chức vụ", 22),
    Column("Đơn vị", 36), Column("Năm thành tích", 10, "int"),
)


def _xlsx(sheet: Sheet) -> bytes:
    workbook = Workbook(write_only=True)
    write_sheet(workbook, sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _nominee(n: Nomination) -> tuple[str, str, str]:
    if n.person_id:
        return str(n.person), "Cá nhân", n.person.position
    return str(n.collective), "Tập thể", ""


def nominees_xlsx(nominations: Iterable[Nomination], *, heading: str) -> bytes:
    """One row per nomination (needs dossier, unit, award, person, collective, decision
    loaded with it)."""
    def rows():
        for i, n in enumerate(nominations, start=1):
            name, kind, position = _nominee(n)
            decision = n.decision if n.decision_id else None
            sent = n.dossier.submitted_at
            yield (i, name, kind, position, n.dossier.unit.name, n.dossier.year, n.award.name,
                   str(n.get_basis_display()), str(n.get_status_display()), n.dossier.title,
                   timezone.localdate(sent) if sent else None,
                   decision.number if decision else None, decision.date if decision else None)

    with translation.override("vi"):
        return _xlsx(Sheet("Danh sách đề nghị", NOMINEE_COLUMNS, rows(), heading=heading))


def decided_awards_xlsx(nominations: Iterable[Nomination], *, heading: str) -> bytes:
    """One row per award given by a decision."""
    def rows():
        for i, n in enumerate(nominations, start=1):
            name, kind, position = _nominee(n)
            yield (i, n.decision.number, n.decision.date, n.decision.signer, n.award.name,
                   name, kind, position, n.dossier.unit.name, n.dossier.year)

    return _xlsx(Sheet("Danh sách khen thưởng", AWARD_COLUMNS, rows(), heading=heading))
