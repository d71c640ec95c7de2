"""Excel (.xlsx) downloads of lists: Vietnamese headers, real dates and numbers, openpyxl's
write-only mode (rows go to a temporary file as they come, not into memory).

A list is a `Sheet`: a title, its `Column`s and an iterable of row tuples. At most
`MAX_ROWS` rows are written per sheet; a longer list ends with a line saying it was cut
(filters narrow it). `XlsxView` is the reusable view: a subclass says who may download
(`allowed`), the file's name and its sheets.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

MAX_ROWS = 100_000
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 14
    kind: str = "text"  # text | int | float | date | datetime


@dataclass
class Sheet:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence]
    heading: str = ""  # a first line above the headers (what the list is, its filters)


def _cell(ws, value, column: Column):
    if value is None or value == "":
        return None
    if column.kind == "datetime" and isinstance(value, datetime):
        value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) \
            else value
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if column.kind == "date" and isinstance(value, date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if column.kind == "float" and isinstance(value, float):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "0.0"
        return cell
    return value if isinstance(value, int | float | date) else str(value)


def write_sheet(wb: Workbook, sheet: Sheet, max_rows: int = MAX_ROWS) -> int:
    """Append one sheet; returns the rows written (without headers)."""
    ws = wb.create_sheet(title=sheet.title[:31])
    for index, column in enumerate(sheet.columns):
        ws.column_dimensions[_letter(index)].width = column.width
    ws.freeze_panes = "A3" if sheet.heading else "A2"
    if sheet.heading:
        title = WriteOnlyCell(ws, value=sheet.heading)
        title.font = Font(bold=True, size=12)
        ws.append([title])
    headers = []
    for column in sheet.columns:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        headers.append(cell)
    ws.append(headers)
    written = 0
    for row in sheet.rows:
        if written >= max_rows:
            ws.append([_("Danh sách dài hơn %(n)s dòng: chỉ %(n)s dòng đầu được xuất. Hãy lọc "
                         "hẹp hơn (theo năm, khối, đơn vị…) để xuất phần còn lại.")
                       % {"n": f"{max_rows:,}".replace(",", ".")}])
            break
        ws.append([_cell(ws, value, column)
                   for value, column in zip(row, sheet.columns, strict=True)])
        written += 1
    return written


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def xlsx_response(filename: str, sheets: Iterable[Sheet],
                  max_rows: int = MAX_ROWS) -> FileResponse:
    """The workbook as a download; written to a temporary file (spilled to disk past a few
    MB), streamed from it, removed when the response closes it."""
    wb = Workbook(write_only=True)
    for sheet in sheets:
        write_sheet(wb, sheet, max_rows)
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - closed by the response
    wb.save(out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=filename, content_type=CONTENT_TYPE)


class XlsxView(LoginRequiredMixin, generic.View):
    """A download of one or more lists. Subclasses set `filename` and implement `sheets()`;
    `allowed(user)` refuses others with 403 (the pages themselves answer the same)."""

    filename = "danh-sach.xlsx"

    def allowed(self, user) -> bool:
        return True

    def sheets(self) -> Iterable[Sheet]:
        raise NotImplementedError

    def get_filename(self) -> str:
        return self.filename

    def get(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return xlsx_response(self.get_filename(), self.sheets())
