"""The workbook layout of each import kind: sheets, their columns (Vietnamese headers) and
the code lists the notes sheet explains. Pure data: the template (workbook.py), the
parser (rows.py) and the docs read it from here."""

from __future__ import annotations

from dataclasses import dataclass

from nominations.catalogue import AWARDS
from nominations.choices import Basis, DisciplineForm, InitiativeKind, InitiativeScope, Rating

from .models import ImportKind

NOTES_SHEET = "Hướng dẫn"
REFERENCE_SHEET = "Đối tượng"
MAX_ROWS = 20_000  # data rows of one file, all sheets together
PERSON_PREFIX, COLLECTIVE_PREFIX = "CN", "TT"


@dataclass(frozen=True)
class CodeList:
    """Codes accepted in a column (the label is accepted too, case-insensitively)."""

    key: str
    title: str
    choices: tuple[tuple[str, str], ...]  # (code, label)


def _choices(text_choices) -> tuple[tuple[str, str], ...]:
    return tuple((value, str(label)) for value, label in text_choices.choices)


CODE_LISTS: dict[str, CodeList] = {
    "rating": CodeList("rating", "Xếp loại", _choices(Rating)),
    "award": CodeList("award", "Mã danh hiệu / hình thức khen thưởng",
                      tuple((a.code, a.name) for a in AWARDS)),
    "basis": CodeList("basis", "Loại thành tích", _choices(Basis)),
    "initiative_kind": CodeList("initiative_kind", "Loại sáng kiến / đề tài",
                                _choices(InitiativeKind)),
    "scope": CodeList("scope", "Phạm vi ảnh hưởng", _choices(InitiativeScope)),
    "discipline": CodeList("discipline", "Hình thức kỷ luật", _choices(DisciplineForm)),
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str = "text"  # text | int | year | date | code | nominee
    required: bool = False
    codes: str = ""  # CODE_LISTS key for type "code"
    max_length: int = 0
    minimum: int | None = None
    maximum: int | None = None
    width: int = 18
    hint: str = ""


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str  # the sheet's name in the workbook (≤ 31 characters)
    columns: tuple[Column, ...]
    person_only: bool = False

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


NOMINEE = Column("nominee", "Mã đối tượng", "nominee", width=14,
                 hint="CN-… (cá nhân) hoặc TT-… (tập thể), xem trang “Đối tượng”; để trống "
                      "thì tìm theo tên")
NAME = Column("name", "Họ tên / tên tập thể", max_length=300, width=30,
              hint="Bắt buộc khi không ghi mã; có mã thì dùng để đối chiếu")
UNIT = Column("unit", "Đơn vị", max_length=300, width=30,
              hint="Không bắt buộc; có ghi thì phải đúng đơn vị của đối tượng")


def _count(key: str, header: str) -> Column:
    return Column(key, header, "int", minimum=0, maximum=1_000_000, width=14)


HISTORY_SHEETS: tuple[Sheet, ...] = (
    Sheet("year", "Kết quả năm", (
        NOMINEE, NAME, UNIT,
        Column("year", "Năm", "year", required=True, width=8),
        Column("rating", "Xếp loại", "code", required=True, codes="rating", width=10,
               hint="HTXS, HTT, HT, KHT"),
        Column("months_in_service", "Số tháng công tác", "int", minimum=0, maximum=12,
               width=12, hint="Cá nhân: số tháng công tác trong năm"),
        _count("members_total", "Tổng số thành viên"),
        _count("members_at_least_ht", "Số hoàn thành nhiệm vụ trở lên"),
        _count("members_ldtt", "Số đạt Lao động tiên tiến"),
        _count("members_cstdcs", "Số đạt CSTĐ cơ sở"),
        _count("members_disciplined", "Số bị kỷ luật từ cảnh cáo trở lên"),
    )),
    Sheet("honour", "Danh hiệu – khen thưởng", (
        NOMINEE, NAME, UNIT,
        Column("year", "Năm thành tích", "year", required=True, width=10),
        Column("award", "Mã danh hiệu / hình thức", "code", required=True, codes="award",
               width=16),
        Column("basis", "Loại thành tích", "code", codes="basis", width=14,
               hint="Để trống: cong_trang"),
        Column("decision_number", "Số quyết định", max_length=100, width=16),
        Column("decision_date", "Ngày quyết định", "date", width=14, hint="dd/mm/yyyy"),
    )),
    Sheet("initiative", "Sáng kiến – đề tài", (
        NOMINEE, NAME, UNIT,
        Column("code", "Mã sáng kiến / đề tài", required=True, max_length=50, width=16),
        Column("title", "Tên sáng kiến / đề tài", required=True, max_length=500, width=40),
        Column("year", "Năm công nhận / nghiệm thu", "year", required=True, width=10),
        Column("kind", "Loại", "code", codes="initiative_kind", width=12,
               hint="Để trống: sang_kien"),
        Column("scope", "Phạm vi ảnh hưởng", "code", codes="scope", width=12,
               hint="Để trống: co_so"),
    )),
    Sheet("discipline", "Kỷ luật", (
        NOMINEE, NAME, UNIT,
        Column("form", "Hình thức kỷ luật", "code", required=True, codes="discipline",
               width=16),
        Column("start", "Từ ngày", "date", required=True, width=12, hint="dd/mm/yyyy"),
        Column("end", "Đến ngày", "date", required=True, width=12, hint="dd/mm/yyyy"),
        Column("decision_ref", "Quyết định kỷ luật", max_length=100, width=18),
    ), person_only=True),
)

NOMINEE_SHEETS: tuple[Sheet, ...] = (
    Sheet("nomination", "Danh sách đề nghị", (
        NOMINEE, NAME, UNIT,
        Column("award", "Mã danh hiệu / hình thức", "code", required=True, codes="award",
               width=16),
        Column("basis", "Loại thành tích", "code", codes="basis", width=14,
               hint="Để trống: cong_trang"),
        Column("summary", "Tóm tắt thành tích", max_length=5000, width=50),
    )),
)

SHEETS: dict[str, tuple[Sheet, ...]] = {
    ImportKind.HISTORY: HISTORY_SHEETS,
    ImportKind.NOMINEES: NOMINEE_SHEETS,
}

TEMPLATE_NAMES = {
    ImportKind.HISTORY: "mau-nhap-qua-trinh-khen-thuong.xlsx",
    ImportKind.NOMINEES: "mau-nhap-danh-sach-de-nghi.xlsx",
}
