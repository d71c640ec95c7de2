"""Builds the shipped default templates (documents/defaults/*.docx) with python-docx.

The .docx files are committed; this module only regenerates them
(`manage.py build_document_templates`). Users download a template from the templates
page, edit it in Word or LibreOffice, keep the {{ … }} / {%p … %} / {%tr … %} tags they
need (docs/documents.md lists the variables) and upload it back.

Layout after Nghị định 30/2020/NĐ-CP (thể thức văn bản hành chính): issuing body and
number line top left, national title and place/date top right, title, body, recipients
(Nơi nhận) bottom left, signature block bottom right; Times New Roman 13–14.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .kinds import DEFAULTS_DIR, DocumentKind

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def _new() -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.paragraph_format.space_after = Pt(3)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    return doc


def _para(container, text: str = "", *, bold=False, italic=False, align=None, size=None):
    paragraph = container.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _cell_para(cell, text: str = "", **kwargs):
    """The cell's first (empty) paragraph for the first text, new paragraphs after."""
    first = cell.paragraphs[0]
    if not first.text and not getattr(cell, "_used", False):
        cell._used = True
        if text:
            run = first.add_run(text)
            run.bold, run.italic = kwargs.get("bold", False), kwargs.get("italic", False)
            if kwargs.get("size"):
                run.font.size = Pt(kwargs["size"])
        if kwargs.get("align") is not None:
            first.alignment = kwargs["align"]
        return first
    return _para(cell, text, **kwargs)


def _header(doc: Document) -> None:
    """Issuing body + number line | national title + place and date."""
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Cm(6.5), Cm(10)
    _cell_para(left, "{%p if co_quan_chu_quan %}", align=CENTER)
    _cell_para(left, "{{ co_quan_chu_quan }}", align=CENTER, size=13)
    _cell_para(left, "{%p endif %}", align=CENTER)
    _cell_para(left, "{{ co_quan }}", bold=True, align=CENTER, size=13)
    _cell_para(left, "Số: {{ so_ky_hieu }}", align=CENTER, size=13)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, align=CENTER, size=13)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, align=CENTER)
    _cell_para(right, "{{ dia_danh }}, {{ ngay_thang }}", italic=True, align=CENTER)


def _title(doc: Document, title: str, subtitle: str = "{{ trich_yeu }}") -> None:
    _para(doc)
    _para(doc, title, bold=True, align=CENTER)
    if subtitle:
        _para(doc, subtitle, bold=True, align=CENTER)


def _signature(doc: Document, *, recipients: bool = True) -> None:
    _para(doc)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    if recipients:
        _cell_para(left, "Nơi nhận:", bold=True, italic=True, size=12)
        _cell_para(left, "{%p for x in noi_nhan %}", size=11)
        _cell_para(left, "- {{ x }};", size=11)
        _cell_para(left, "{%p endfor %}", size=11)
    _cell_para(right, "{%p if quyen_han_ky %}", align=CENTER)
    _cell_para(right, "{{ quyen_han_ky }}", bold=True, align=CENTER)
    _cell_para(right, "{%p endif %}", align=CENTER)
    _cell_para(right, "{{ chuc_vu_ky }}", bold=True, align=CENTER)
    for _ in range(3):
        _cell_para(right, "", align=CENTER)
    _cell_para(right, "{{ nguoi_ky }}", bold=True, align=CENTER)


def _table(doc: Document, headers: list[str], loop: str, cells: list[str]) -> None:
    """A bordered table: header row, then one row per item of `loop` ("r in danh_sach")."""
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_para(cell, text, bold=True, align=CENTER, size=12)
    _cell_para(table.rows[1].cells[0], "{%tr for " + loop + " %}", size=12)
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        _cell_para(cell, text, size=12)
    _cell_para(table.rows[3].cells[0], "{%tr endfor %}", size=12)


NOMINEE_HEADERS = ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Hình thức đề nghị",
                   "Loại thành tích"]
NOMINEE_CELLS = ["{{ r.stt }}", "{{ r.ho_ten }}",
                 "{{ r.chuc_vu }}{% if r.chuc_vu %}, {% endif %}{{ r.don_vi }}",
                 "{{ r.hinh_thuc }}", "{{ r.loai_thanh_tich }}"]


def unit_letter() -> Document:
    doc = _new()
    _header(doc)
    _title(doc, "TỜ TRÌNH")
    _para(doc, "Kính gửi: {{ kinh_gui }}", align=CENTER)
    _para(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và Nghị định số "
               "98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi "
               "hành một số điều của Luật Thi đua, khen thưởng;", align=JUSTIFY)
    _para(doc, "Căn cứ thành tích đạt được năm {{ nam }}, {{ don_vi }} kính trình xét, khen "
               "thưởng cho {{ so_tap_the }} tập thể và {{ so_ca_nhan }} cá nhân (tổng số "
               "{{ tong_so }} đề nghị), danh sách kèm theo:", align=JUSTIFY)
    _table(doc, NOMINEE_HEADERS, "r in danh_sach", NOMINEE_CELLS)
    _para(doc, "(Hồ sơ gồm tờ trình, biên bản họp Hội đồng Thi đua – Khen thưởng của đơn vị, "
               "báo cáo thành tích của từng tập thể, cá nhân và tài liệu kèm theo.)",
          italic=True, align=JUSTIFY, size=12)
    _para(doc, "Kính trình {{ kinh_gui }} xem xét, quyết định./.", align=JUSTIFY)
    _signature(doc)
    return doc


def board_letter() -> Document:
    doc = _new()
    _header(doc)
    _title(doc, "TỜ TRÌNH")
    _para(doc, "Kính gửi: {{ kinh_gui }}", align=CENTER)
    _para(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022 và Nghị định số "
               "98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;", align=JUSTIFY)
    _para(doc, "Trên cơ sở đề nghị của các đơn vị, kết quả bình xét của các Khối, Cụm thi đua "
               "và ý kiến của Hội đồng Thi đua – Khen thưởng tỉnh, {{ co_quan_ten }} đã thẩm "
               "định {{ so_ho_so }} hồ sơ với {{ tong_so }} đề nghị khen thưởng thành tích năm "
               "{{ nam }}. Kính trình {{ kinh_gui }} xem xét, khen thưởng như sau:",
          align=JUSTIFY)
    _para(doc, "{%p for g in nhom %}")
    _para(doc, "{{ loop.index }}. {{ g.hinh_thuc }}: {{ g.so_luong }} đề nghị", bold=True)
    _table(doc, ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị", "Ý kiến thẩm định"],
           "r in g.danh_sach",
           ["{{ r.stt }}", "{{ r.ho_ten }}",
            "{{ r.chuc_vu }}{% if r.chuc_vu %}, {% endif %}{{ r.don_vi }}", "{{ r.y_kien }}"])
    _para(doc, "{%p endfor %}")
    _para(doc, "Kính trình {{ kinh_gui }} xem xét, quyết định./.", align=JUSTIFY)
    _signature(doc)
    return doc


def decision() -> Document:
    doc = _new()
    _header(doc)
    _title(doc, "QUYẾT ĐỊNH")
    _para(doc, "{{ chuc_danh_ban_hanh }}", bold=True, align=CENTER)
    _para(doc, "Căn cứ Luật Tổ chức chính quyền địa phương;", italic=True, align=JUSTIFY)
    _para(doc, "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", italic=True,
          align=JUSTIFY)
    _para(doc, "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ "
               "quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
          italic=True, align=JUSTIFY)
    _para(doc, "Xét đề nghị của {{ don_vi }} và của Trưởng Ban Thi đua – Khen thưởng.",
          italic=True, align=JUSTIFY)
    _para(doc, "QUYẾT ĐỊNH:", bold=True, align=CENTER)
    _para(doc, "Điều 1. Khen thưởng {{ tong_so }} tập thể, cá nhân của {{ don_vi }} đã có "
               "thành tích năm {{ nam }} (có danh sách kèm theo).", align=JUSTIFY)
    _para(doc, "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", align=JUSTIFY)
    _para(doc, "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng "
               "{{ don_vi }} và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi "
               "hành Quyết định này./.", align=JUSTIFY)
    _signature(doc)
    doc.add_page_break()
    _para(doc, "DANH SÁCH KHEN THƯỞNG", bold=True, align=CENTER)
    _para(doc, "(Kèm theo Quyết định số {{ so_ky_hieu }} ngày {{ ngay }} của {{ co_quan_ten }})",
          italic=True, align=CENTER)
    _para(doc, "{%p for g in phu_luc %}")
    _para(doc, "{{ g.so_muc }}. {{ g.hinh_thuc }} ({{ g.so_luong }})", bold=True)
    _table(doc, ["STT", "Họ và tên / Tên tập thể", "Chức vụ, đơn vị"], "r in g.danh_sach",
           ["{{ r.stt }}", "{{ r.ho_ten }}",
            "{{ r.chuc_vu }}{% if r.chuc_vu %}, {% endif %}{{ r.don_vi }}"])
    _para(doc, "{%p endfor %}")
    return doc


def bloc_minutes() -> Document:
    doc = _new()
    _header(doc)
    _title(doc, "BIÊN BẢN", "Bình xét thi đua, khen thưởng năm {{ nam }}")
    _para(doc, "Hôm nay, ngày {{ ngay_hop }}{% if dia_diem %}, tại {{ dia_diem }}{% endif %}, "
               "{{ khoi }} tổ chức bình xét thi đua, khen thưởng năm {{ nam }}.", align=JUSTIFY)
    _para(doc, "Số đơn vị thành viên: {{ so_thanh_vien }}; số đơn vị đã bỏ phiếu: "
               "{{ so_da_bo_phieu }}. Hình thức: bỏ phiếu kín, mỗi đơn vị một phiếu; đề nghị "
               "được thông qua khi có quá nửa tổng số đơn vị thành viên đồng ý.", align=JUSTIFY)
    _para(doc, "I. Kết quả bỏ phiếu", bold=True)
    _table(doc, ["STT", "Đối tượng", "Hình thức đề nghị", "Đồng ý", "Không đồng ý", "Kết quả"],
           "r in ket_qua",
           ["{{ r.stt }}", "{{ r.ho_ten }} ({{ r.don_vi }})", "{{ r.hinh_thuc }}",
            "{{ r.dong_y }}", "{{ r.khong_dong_y }}", "{{ r.ket_qua }}"])
    _para(doc, "II. Suy tôn Khối trưởng, Khối phó năm {{ nam_sau }}", bold=True)
    _para(doc, "Khối trưởng: {{ khoi_truong or 'chưa suy tôn' }}; Khối phó: "
               "{{ khoi_pho or 'chưa suy tôn' }}.")
    _para(doc, "Biên bản kết thúc lúc {{ ket_thuc_luc }}.", italic=True)
    _signature(doc)
    return doc


def council_minutes() -> Document:
    doc = _new()
    _header(doc)
    _title(doc, "BIÊN BẢN", "Họp Hội đồng Thi đua – Khen thưởng: {{ noi_dung }}")
    _para(doc, "Thời gian: ngày {{ ngay_hop }}. Tổng số thành viên Hội đồng: "
               "{{ so_thanh_vien }}.", align=JUSTIFY)
    _para(doc, "Thành viên: {% for m in thanh_vien %}{{ m.ho_ten }}{% if m.chuc_vu %} "
               "({{ m.chuc_vu }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}.",
          align=JUSTIFY)
    _para(doc, "Tỷ lệ phiếu tính trên tổng số thành viên Hội đồng (kể cả thành viên vắng mặt "
               "có phiếu bằng văn bản và thành viên không tham gia biểu quyết).", align=JUSTIFY)
    _table(doc, ["STT", "Đối tượng", "Hình thức", "Ngưỡng", "Đồng ý", "Không đồng ý",
                 "Tỷ lệ đồng ý", "Kết quả"], "r in ket_qua",
           ["{{ r.stt }}", "{{ r.ho_ten }} ({{ r.don_vi }})", "{{ r.hinh_thuc }}",
            "{{ r.nguong }}", "{{ r.dong_y }}", "{{ r.khong_dong_y }}", "{{ r.ty_le }}",
            "{{ r.ket_qua }}"])
    _signature(doc)
    return doc


BUILDERS = {
    DocumentKind.UNIT_LETTER: unit_letter,
    DocumentKind.BOARD_LETTER: board_letter,
    DocumentKind.DECISION: decision,
    DocumentKind.BLOC_MINUTES: bloc_minutes,
    DocumentKind.COUNCIL_MINUTES: council_minutes,
}


def build_all(directory: Path = DEFAULTS_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, build in BUILDERS.items():
        path = directory / f"{kind.value}.docx"
        build().save(path)
        written.append(path)
    return written
