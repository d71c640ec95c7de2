"""Excel lists (openpyxl, write-only: rows are streamed, memory stays flat): nominees and
decided awards, Vietnamese headers, dates as real Excel dates (dd/mm/yyyy)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime

from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from nominations.models import Nomination

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"

NOMINEE_COLUMNS = [
    ("STT", 6), ("Họ và tên / Tên tập thể", 32), ("Đối tượng", 10), ("Chức vụ", 22),
    ("Đơn vị", 36), ("Năm thành tích", 10), ("Hình thức đề nghị", 34),
    ("Loại thành tích", 22), ("Trạng thái", 24), ("Hồ sơ", 36), ("Ngày trình", 12),
    ("Số quyết định", 16), ("Ngày quyết định", 14),
]
AWARD_COLUMNS = [
    ("STT", 6), ("Số quyết định", 16), ("Ngày quyết định", 14), ("Người ký", 22),
    ("Hình thức khen thưởng", 34), ("Họ và tên / Tên tập thể", 32), ("Đối tượng", 10),
    ("Chức vụ", 22), ("Đơn vị", 36), ("Năm thành tích", 10),
]


def _workbook(title: str, heading: str, columns: list[tuple[str, int]]):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    for index, (_label, width) in enumerate(columns):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A3"
    title_cell = WriteOnlyCell(sheet, value=heading)
    title_cell.font = Font(bold=True, size=13)
    sheet.append([title_cell])
    header = []
    for label, _width in columns:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    sheet.append(header)
    return workbook, sheet


def _cell(sheet, value):
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _save(workbook) -> bytes:
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
    workbook, sheet = _workbook("Danh sách đề nghị", heading, NOMINEE_COLUMNS)
    with translation.override("vi"):
        for i, n in enumerate(nominations, start=1):
            name, kind, position = _nominee(n)
            decision = n.decision if n.decision_id else None
            sheet.append([_cell(sheet, v) for v in (
                i, name, kind, position, n.dossier.unit.name, n.dossier.year, n.award.name,
                str(n.get_basis_display()), str(n.get_status_display()), n.dossier.title,
                n.dossier.submitted_at, decision.number if decision else None,
                decision.date if decision else None)])
    return _save(workbook)


def decided_awards_xlsx(nominations: Iterable[Nomination], *, heading: str) -> bytes:
    """One row per award given by a decision."""
    workbook, sheet = _workbook("Danh sách khen thưởng", heading, AWARD_COLUMNS)
    for i, n in enumerate(nominations, start=1):
        name, kind, position = _nominee(n)
        sheet.append([_cell(sheet, v) for v in (
            i, n.decision.number, n.decision.date, n.decision.signer, n.award.name, name, kind,
            position, n.dossier.unit.name, n.dossier.year)])
    return _save(workbook)
