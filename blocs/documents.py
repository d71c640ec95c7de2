"""Generated minutes (biên bản) as DOCX bytes (python-docx, the engine under docxtpl).

The bytes are stored on the closed session / meeting in the same transaction that closes
it, so a failed close leaves neither a half-written record nor an orphan file.
"""

from __future__ import annotations

import io

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document(title: str, subtitle: str) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = doc.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc")
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading = doc.add_heading(title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(subtitle)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc


def _table(doc: Document, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)


def _bytes(doc: Document) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _num(value) -> str:
    """Vietnamese decimal comma (95,00)."""
    return str(value).replace(".", ",")


def _nominee(nomination) -> str:
    return f"{nomination.nominee} ({nomination.dossier.unit})" if nomination.person_id else str(
        nomination.nominee)


def bloc_minutes_docx(*, session, items, ranking_rows) -> bytes:
    """Biên bản bình xét thi đua of the bloc, with the proposal list and the suy tôn."""
    doc = _document(
        "BIÊN BẢN BÌNH XÉT THI ĐUA, KHEN THƯỞNG",
        f"{session.bloc.name} – năm {session.year}",
    )
    doc.add_paragraph(
        f"Thời gian: ngày {session.held_on:%d/%m/%Y}"
        + (f". Địa điểm: {session.place}." if session.place else ".")
    )
    doc.add_paragraph(
        f"Số đơn vị thành viên: {session.members_count}; số đơn vị đã bỏ phiếu: "
        f"{session.casts.count()}. Hình thức: bỏ phiếu kín, mỗi đơn vị một phiếu. Đề nghị được "
        f"thông qua khi có quá nửa tổng số đơn vị thành viên đồng ý; mỗi Khối chỉ đề nghị một "
        f"Cờ thi đua của UBND tỉnh mỗi năm."
    )
    if ranking_rows:
        doc.add_heading("I. Kết quả chấm điểm chéo", level=2)
        _table(doc, ["Hạng", "Đơn vị", "Tổng điểm", "Điểm tối đa có thể đạt",
                     "Điểm quy đổi (/100)"],
               [[f"{r['row'].fair_rank}{' (đồng hạng)' if r['row'].tied else ''}",
                 r["unit"].name, _num(r["row"].raw_total), _num(r["row"].max_attainable),
                 _num(r["row"].fair_total)] for r in ranking_rows])
    doc.add_heading("II. Kết quả bỏ phiếu", level=2)
    _table(doc, ["Đối tượng", "Hình thức đề nghị", "Đồng ý", "Không đồng ý", "Kết quả", "Ghi chú"],
           [[_nominee(i.nomination), i.nomination.award.name, i.agree, i.disagree,
             "Đề nghị" if i.result == "approved" else "Không đề nghị", i.reason]
            for i in items])
    doc.add_heading("III. Danh sách đề nghị khen thưởng", level=2)
    approved = [i for i in items if i.result == "approved"]
    if approved:
        for award in dict.fromkeys(i.nomination.award.name for i in approved):
            doc.add_paragraph(f"{award}:")
            for i in approved:
                if i.nomination.award.name == award:
                    doc.add_paragraph(_nominee(i.nomination), style="List Bullet")
    else:
        doc.add_paragraph("Không có đề nghị nào được thông qua.")
    doc.add_heading("IV. Suy tôn Khối trưởng, Khối phó năm " + str(session.year + 1), level=2)
    if session.next_leader_id:
        doc.add_paragraph(f"Khối trưởng: {session.next_leader.name}")
        doc.add_paragraph(f"Khối phó: {session.next_deputy.name}")
    else:
        doc.add_paragraph("Chưa suy tôn.")
    doc.add_paragraph(
        f"Biên bản lập lúc {timezone.localtime():%H:%M ngày %d/%m/%Y}, người kết thúc phiên: "
        f"{session.closed_by}."
    )
    return _bytes(doc)


def council_minutes_docx(*, meeting, members, ballots) -> bytes:
    """Biên bản họp Hội đồng Thi đua – Khen thưởng with the ballot results."""
    doc = _document(
        "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        f"{meeting.province.name} – {meeting.title}",
    )
    doc.add_paragraph(f"Ngày họp: {meeting.held_on:%d/%m/%Y}. Tổng số thành viên Hội đồng: "
                      f"{len(members)}.")
    doc.add_paragraph("Thành viên: " + "; ".join(
        m.name + (f" ({m.position})" if m.position else "") for m in members) + ".")
    doc.add_paragraph(
        "Tỷ lệ phiếu tính trên tổng số thành viên Hội đồng (kể cả thành viên vắng mặt có phiếu "
        "bằng văn bản và thành viên không tham gia biểu quyết)."
    )
    rows = []
    for b in ballots:
        recused = "; ".join(f"{r.member.name}: {r.reason}" for r in b.recusals.all())
        rows.append([_nominee(b.nomination), b.nomination.award.name, f"≥ {b.threshold}%",
                     b.votes_for, b.votes_against, b.written_votes, recused or "—",
                     _num(f"{b.votes_for * 100 / b.members_count:.1f}%") if b.members_count
                     else "—",
                     "Đạt" if b.result == "passed" else "Không đạt"])
    _table(doc, ["Đối tượng", "Hình thức", "Ngưỡng", "Đồng ý", "Không đồng ý",
                 "Phiếu bằng văn bản", "Không tham gia biểu quyết", "Tỷ lệ đồng ý", "Kết quả"],
           rows)
    if not rows:
        doc.add_paragraph("Không có đề nghị nào được bỏ phiếu.")
    doc.add_paragraph(f"Thư ký Hội đồng: {meeting.closed_by}.")
    return _bytes(doc)
