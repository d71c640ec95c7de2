"""The downloadable template (.xlsx, openpyxl): a notes sheet explaining the columns and
the codes (and holding the code lists the data validations point at), the data sheets of
the kind with Vietnamese headers, and a reference sheet listing the people and collectives
the user may import for, with their codes (CN-…, TT-…)."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from nominations.models import Collective, Person

from . import selectors
from .models import ImportKind
from .rows import FIRST_YEAR
from .schema import (
    CODE_LISTS,
    COLLECTIVE_PREFIX,
    MAX_ROWS,
    NOTES_SHEET,
    PERSON_PREFIX,
    REFERENCE_SHEET,
    SHEETS,
)

REFERENCE_MAX_ROWS = 20_000
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
_TITLE_FONT = Font(bold=True, size=13)
_BOLD = Font(bold=True)


def _notes(kind: str) -> list[str]:
    common = [
        _("Mỗi trang tính nhận một loại dữ liệu; dòng 1 là tiêu đề cột, giữ nguyên tên cột. "
          "Dữ liệu ghi từ dòng 2. Dòng trống được bỏ qua."),
        _("Đối tượng: ghi mã ở cột “Mã đối tượng” (CN-… cho cá nhân, TT-… cho tập thể; danh "
          "sách ở trang “%(ref)s”), hoặc để trống mã và ghi đúng họ tên / tên tập thể (nếu "
          "có người trùng tên, hệ thống yêu cầu ghi mã). Cột “Đơn vị” không bắt buộc; có ghi "
          "thì phải đúng đơn vị của đối tượng.") % {"ref": REFERENCE_SHEET},
        _("Cột mã (xếp loại, danh hiệu, loại thành tích…) chọn trong danh sách thả xuống; "
          "nhận cả mã và tên đầy đủ ở bảng mã bên dưới."),
        _("Ngày ghi theo dạng dd/mm/yyyy (ví dụ 15/01/2024) hoặc dùng ô kiểu ngày của Excel."),
        _("Sau khi tải lên, hệ thống kiểm tra từng dòng và cho xem trước những gì sẽ được "
          "thêm mới / cập nhật. Chỉ khi không còn lỗi nào và bạn bấm “Xác nhận ghi” thì dữ "
          "liệu mới được ghi, tất cả trong một lần; có lỗi thì không ghi dòng nào."),
        _("Tối đa %(max)s dòng dữ liệu mỗi tệp.") % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
    ]
    if kind == ImportKind.HISTORY:
        return [
            _("Mẫu nhập quá trình thi đua, khen thưởng"),
            *common,
            _("“Kết quả năm”: một dòng cho mỗi đối tượng và năm (đã có thì cập nhật). Cá nhân "
              "ghi số tháng công tác; tập thể ghi các số thành viên."),
            _("“Danh hiệu – khen thưởng”: danh hiệu thi đua và hình thức khen thưởng đã nhận, "
              "kèm số và ngày quyết định."),
            _("“Sáng kiến – đề tài”: mã sáng kiến là duy nhất; mã đã có của cùng đối tượng thì "
              "cập nhật."),
            _("“Kỷ luật”: chỉ cho cá nhân; thời gian từ ngày … đến ngày …"),
            _("Ghi dữ liệu quá trình làm các kết quả kiểm tra điều kiện của những đề nghị "
              "đang xét của đối tượng được kiểm tra lại."),
        ]
    return [
        _("Mẫu nhập danh sách đề nghị khen thưởng"),
        *common,
        _("Mỗi dòng là một đề nghị (một đối tượng × một danh hiệu / hình thức), được thêm vào "
          "hồ sơ đang soạn bạn chọn khi tải lên; đề nghị đã có trong hồ sơ thì cập nhật loại "
          "thành tích và tóm tắt."),
    ]


def build_template(kind: str, user) -> bytes:
    """The template workbook for `kind`, with the reference list of `user`'s nominees."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = NOTES_SHEET
    ranges = _write_notes(notes, kind)
    for sheet in SHEETS[kind]:
        _write_data_sheet(workbook.create_sheet(sheet.title), sheet, ranges)
    _write_reference(workbook.create_sheet(REFERENCE_SHEET), kind, user)
    workbook.active = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_notes(ws, kind: str) -> dict[str, str]:
    """Notes, then one table per code list; returns each list's cell range."""
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 60
    lines = _notes(kind)
    ws.append([lines[0]])
    ws["A1"].font = _TITLE_FONT
    for line in lines[1:]:
        ws.append(["•", line])
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    ws.append([])
    ws.append([_("Mã"), _("Ý nghĩa")])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    ranges = {}
    for codes in CODE_LISTS.values():
        ws.append([codes.title])
        ws.cell(ws.max_row, 1).font = _BOLD
        first = ws.max_row + 1
        for code, label in codes.choices:
            ws.append([code, label])
        ranges[codes.key] = f"'{NOTES_SHEET}'!$A${first}:$A${ws.max_row}"
    return ranges


def _write_data_sheet(ws, sheet, ranges: dict[str, str]) -> None:
    ws.append([c.header for c in sheet.columns])
    ws.freeze_panes = "A2"
    last = MAX_ROWS + 1
    this_year = timezone.localdate().year
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        cell = ws.cell(1, index)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[letter].width = column.width
        hint = column.hint
        if column.required:
            hint = _("Bắt buộc.") + (f" {hint}" if hint else "")
        if hint:
            cell.comment = Comment(hint, "Khen thưởng Flow")
        validation = None
        if column.type == "code":
            validation = DataValidation(type="list", formula1=ranges[column.codes],
                                        allow_blank=True)
            validation.error = _("Chọn một mã trong danh sách (trang “%(notes)s”).") % {
                "notes": NOTES_SHEET}
        elif column.type == "year":
            validation = DataValidation(type="whole", operator="between",
                                        formula1=str(FIRST_YEAR), formula2=str(this_year),
                                        allow_blank=True)
            validation.error = _("Năm từ %(first)s đến %(last)s.") % {
                "first": FIRST_YEAR, "last": this_year}
        elif column.type == "int" and column.maximum is not None:
            validation = DataValidation(type="whole", operator="between",
                                        formula1=str(column.minimum or 0),
                                        formula2=str(column.maximum), allow_blank=True)
            validation.error = _("Số nguyên từ %(min)s đến %(max)s.") % {
                "min": column.minimum or 0, "max": column.maximum}
        if validation is not None:
            validation.errorTitle = _("Giá trị không hợp lệ")
            validation.showErrorMessage = True
            validation.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(validation)


def _write_reference(ws, kind: str, user) -> None:
    ws.append([_("Mã đối tượng"), _("Họ tên / tên tập thể"), _("Loại"), _("Năm sinh"),
               _("Đơn vị")])
    for cell in ws[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for letter, width in zip("ABCDE", (14, 34, 10, 10, 40), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    if kind == ImportKind.HISTORY:
        people, groups = selectors.importable_people(user), selectors.importable_collectives(user)
    elif user.is_superuser:
        people, groups = Person.objects.all(), Collective.objects.all()
    else:
        people = Person.objects.filter(unit_id=user.unit_id)
        groups = Collective.objects.filter(unit_id=user.unit_id)
    written = 0
    for pk, name, birth, unit in (people.order_by("unit__name", "full_name", "pk")
                                  .values_list("pk", "full_name", "birth_year", "unit__name")
                                  [:REFERENCE_MAX_ROWS]):
        ws.append([f"{PERSON_PREFIX}-{pk}", name, _("Cá nhân"), birth, unit])
        written += 1
    for pk, name, unit in (groups.order_by("unit__name", "name", "pk")
                           .values_list("pk", "name", "unit__name")
                           [:max(REFERENCE_MAX_ROWS - written, 0)]):
        ws.append([f"{COLLECTIVE_PREFIX}-{pk}", name, _("Tập thể"), None, unit])
