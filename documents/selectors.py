"""Reads for documents and lists: which objects a user may generate documents from, and
the plain data (dicts, strings, dates) each template receives.

Templates get plain data only, never model instances: a user-edited template cannot
reach the ORM through an attribute (and rendering is sandboxed, see rendering.py).
Document text is Vietnamese whatever the interface language (it is an official
document); choice labels are read under translation.override("vi").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone, translation

from accounts.roles import BOARD_HEAD, BOARD_SPECIALIST, COMMITTEE_LEADER, COMMITTEE_OFFICER
from blocs import selectors as bloc_selectors
from blocs.models import CouncilMeeting, SessionStatus, VoteSession
from nominations import selectors as nomination_selectors
from nominations.choices import DossierStatus, NominationStatus
from nominations.models import Decision, Dossier, DossierEvent, Nomination, Province

from .kinds import DocumentKind

# who may generate the province's documents and edit its templates
PROVINCE_DOCUMENT_ROLES = (BOARD_SPECIALIST, BOARD_HEAD, COMMITTEE_OFFICER, COMMITTEE_LEADER)

_NOMINATION_JOINS = ("dossier", "dossier__unit", "award", "person", "collective", "decision")


# ---------------------------------------------------------------- who sees what


def can_manage_province_documents(user) -> bool:
    """Board and committee roles of a province (and superusers): the Ban's tờ trình and the
    province's templates."""
    return user.is_authenticated and (
        user.is_superuser or bool(user.province_id and user.has_role(*PROVINCE_DOCUMENT_ROLES)))


def provinces_managed_by(user) -> QuerySet[Province]:
    if not can_manage_province_documents(user):
        return Province.objects.none()
    if user.is_superuser and not user.province_id:
        return Province.objects.all()
    return Province.objects.filter(pk=user.province_id)


def dossier_for(user, pk: int) -> Dossier | None:
    return nomination_selectors.dossiers_visible_to(user).filter(pk=pk).first()


def decision_for(user, pk: int) -> Decision | None:
    return (Decision.objects.filter(
        dossier__in=nomination_selectors.dossiers_visible_to(user).values("pk"), pk=pk)
        .select_related("dossier__unit__province").first())


def closed_vote_session_for(user, pk: int) -> VoteSession | None:
    return (bloc_selectors.vote_sessions_visible_to(user)
            .filter(pk=pk, status=SessionStatus.CLOSED)
            .select_related("bloc__province", "next_leader", "next_deputy", "closed_by").first())


def closed_council_meeting_for(user, pk: int) -> CouncilMeeting | None:
    return (bloc_selectors.council_meetings_visible_to(user)
            .filter(pk=pk, status=SessionStatus.CLOSED)
            .select_related("province", "closed_by").first())


# ---------------------------------------------------------------- formatting


def date_line(value: date) -> str:
    """"ngày 05 tháng 01 năm 2026" (Nghị định 30/2020/NĐ-CP: a day below 10 and the months
    1 and 2 are written with a leading zero)."""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def number_line(number: str, symbol: str) -> str:
    """What follows "Số: ": the number as recorded if it carries its symbol ("123/QĐ-UBND"),
    else number/symbol, with room to write the number by hand when there is none yet."""
    number = (number or "").strip()
    if "/" in number:
        return number
    return f"{number or ' ' * 8}/{symbol}"


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()[:10]


def _user_name(user) -> str:
    return (user.full_name or user.get_username()) if user else ""


def nominee_row(n: Nomination, stt: int) -> dict:
    person = n.person if n.person_id else None
    return {
        "stt": stt,
        "ho_ten": str(n.nominee),
        "doi_tuong": "Cá nhân" if person else "Tập thể",
        "chuc_vu": person.position if person else "",
        "don_vi": n.dossier.unit.name,
        "hinh_thuc": n.award.name,
        "loai_thanh_tich": str(n.get_basis_display()),
        "tom_tat": n.summary,
        "trang_thai": str(n.get_status_display()),
        "y_kien": n.board_opinion,
    }


def _groups(nominations: list[Nomination]) -> list[dict]:
    """Nominations grouped by award (in catalogue order), numbered within each group."""
    groups: dict[int, dict] = {}
    for n in sorted(nominations, key=lambda n: (n.award.order, n.award_id)):
        group = groups.setdefault(n.award_id, {"hinh_thuc": n.award.name, "danh_sach": []})
        group["danh_sach"].append(nominee_row(n, len(group["danh_sach"]) + 1))
    result = list(groups.values())
    for i, group in enumerate(result, start=1):
        group["so_muc"] = _roman(i)
        group["so_luong"] = len(group["danh_sach"])
    return result


def _counts(nominations: list[Nomination]) -> dict:
    people = sum(1 for n in nominations if n.person_id)
    return {"so_ca_nhan": people, "so_tap_the": len(nominations) - people,
            "tong_so": len(nominations)}


# ---------------------------------------------------------------- contexts per kind


def unit_letter_context(dossier: Dossier) -> dict:
    """Tờ trình of the unit: the dossier's nominations (withdrawn ones left out); signed by
    the unit head who sent the dossier on."""
    unit, province = dossier.unit, dossier.unit.province
    nominations = list(dossier.nominations.exclude(status=NominationStatus.WITHDRAWN)
                       .select_related(*_NOMINATION_JOINS).order_by("award__order", "id"))
    signed = (DossierEvent.objects.filter(dossier=dossier, step="unit_head_submit",
                                          action="step_completed", actor__isnull=False)
              .select_related("actor").order_by("-at", "-id").first())
    signer = signed.actor if signed else None
    today = timezone.localdate()
    return {
        "co_quan_chu_quan": "",
        "co_quan": unit.name.upper(),
        "co_quan_ten": unit.name,
        "don_vi": unit.name,
        "so_ky_hieu": number_line("", f"TTr-{unit.short_name or _initials(unit.name)}"),
        "dia_danh": province.name,
        "ngay": today.strftime("%d/%m/%Y"),
        "ngay_thang": date_line(today),
        "nam": dossier.year,
        "trich_yeu": f"Về việc đề nghị khen thưởng thành tích năm {dossier.year}",
        "ho_so": dossier.title,
        "kinh_gui": f"Ủy ban nhân dân tỉnh {province.name}",
        "danh_sach": [nominee_row(n, i) for i, n in enumerate(nominations, start=1)],
        "nhom": _groups(nominations),
        **_counts(nominations),
        "noi_nhan": ["Như trên", f"Ban Thi đua – Khen thưởng tỉnh {province.name}", "Lưu: VT"],
        "quyen_han_ky": "",
        "chuc_vu_ky": (signer.position if signer and signer.position
                       else "Thủ trưởng đơn vị").upper(),
        "nguoi_ky": _user_name(signer),
    }


def board_letter_nominations(province: Province, year: int) -> list[Nomination]:
    """The appraised nominations of a year: active nominations of the province's dossiers
    that wait for the committee's decision."""
    return list(Nomination.objects.filter(
        dossier__unit__province=province, dossier__year=year, dossier__deleted_at__isnull=True,
        dossier__status=DossierStatus.COMMITTEE_DECISION, status=NominationStatus.ACTIVE)
        .select_related(*_NOMINATION_JOINS)
        .order_by("award__order", "dossier__unit__name", "id"))


def board_letter_context(province: Province, year: int, *, number: str = "",
                         on: date | None = None, signer=None) -> dict:
    """Tờ trình of the Ban Thi đua – Khen thưởng to the UBND for a year's appraised
    nominations; signed by `signer` (a user) or the province's Trưởng Ban."""
    from django.contrib.auth import get_user_model

    nominations = board_letter_nominations(province, year)
    if signer is None:
        signer = (get_user_model().objects.filter(province=province, groups__name=BOARD_HEAD,
                                                  is_active=True).order_by("pk").first())
    on = on or timezone.localdate()
    return {
        "co_quan_chu_quan": f"SỞ NỘI VỤ TỈNH {province.name.upper()}",
        "co_quan": "BAN THI ĐUA – KHEN THƯỞNG",
        "co_quan_ten": "Ban Thi đua – Khen thưởng",
        "so_ky_hieu": number_line(number, "TTr-BTĐKT"),
        "dia_danh": province.name,
        "ngay": on.strftime("%d/%m/%Y"),
        "ngay_thang": date_line(on),
        "nam": year,
        "tinh": province.name,
        "trich_yeu": f"Về việc đề nghị Chủ tịch Ủy ban nhân dân tỉnh khen thưởng thành tích "
                     f"năm {year}",
        "kinh_gui": f"Ủy ban nhân dân tỉnh {province.name}",
        "so_ho_so": len({n.dossier_id for n in nominations}),
        "danh_sach": [nominee_row(n, i) for i, n in enumerate(nominations, start=1)],
        "nhom": _groups(nominations),
        **_counts(nominations),
        "noi_nhan": ["Như trên", "Lưu: VT, BTĐKT"],
        "quyen_han_ky": "",
        "chuc_vu_ky": "TRƯỞNG BAN",
        "nguoi_ky": _user_name(signer),
    }


def decision_context(decision: Decision) -> dict:
    """Quyết định with its annex: the nominees the decision awards, grouped by award."""
    dossier = decision.dossier
    province = dossier.unit.province
    awarded = list(decision.nominations.filter(status=NominationStatus.AWARDED)
                   .select_related(*_NOMINATION_JOINS))
    return {
        "co_quan_chu_quan": "",
        "co_quan": f"ỦY BAN NHÂN DÂN TỈNH {province.name.upper()}",
        "co_quan_ten": f"Ủy ban nhân dân tỉnh {province.name}",
        "so_ky_hieu": number_line(decision.number, "QĐ-UBND"),
        "so": decision.number,
        "dia_danh": province.name,
        "ngay": decision.date.strftime("%d/%m/%Y"),
        "ngay_thang": date_line(decision.date),
        "nam": dossier.year,
        "don_vi": dossier.unit.name,
        "trich_yeu": f"Về việc khen thưởng thành tích năm {dossier.year}",
        "chuc_danh_ban_hanh": f"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH {province.name.upper()}",
        "danh_sach": [nominee_row(n, i) for i, n in enumerate(
            sorted(awarded, key=lambda n: (n.award.order, n.pk)), start=1)],
        "phu_luc": _groups(awarded),
        **_counts(awarded),
        "noi_nhan": ["Như Điều 3", "Ban Thi đua – Khen thưởng", "Lưu: VT"],
        "quyen_han_ky": "TM. ỦY BAN NHÂN DÂN",
        "chuc_vu_ky": "CHỦ TỊCH",
        "nguoi_ky": decision.signer,
    }


def bloc_minutes_context(session: VoteSession) -> dict:
    """Biên bản bình xét of a closed bloc vote, with the counts per nomination."""
    items = list(session.items.select_related(
        "nomination__dossier__unit", "nomination__award", "nomination__person",
        "nomination__collective").order_by("nomination__award__order", "nomination_id"))
    rows = []
    for i, item in enumerate(items, start=1):
        n = item.nomination
        rows.append({"stt": i, "ho_ten": str(n.nominee), "don_vi": n.dossier.unit.name,
                     "hinh_thuc": n.award.name, "dong_y": item.agree,
                     "khong_dong_y": item.disagree,
                     "ket_qua": "Đề nghị" if item.result == "approved" else "Không đề nghị",
                     "ghi_chu": item.reason})
    held = session.held_on
    closed = timezone.localtime(session.closed_at) if session.closed_at else None
    return {
        "co_quan_chu_quan": "",
        "co_quan": session.bloc.name.upper(),
        "co_quan_ten": session.bloc.name,
        "khoi": session.bloc.name,
        "so_ky_hieu": number_line("", "BB-KTĐ"),
        "dia_danh": session.bloc.province.name,
        "ngay": held.strftime("%d/%m/%Y"),
        "ngay_thang": date_line(held),
        "ngay_hop": held.strftime("%d/%m/%Y"),
        "dia_diem": session.place,
        "nam": session.year,
        "nam_sau": session.year + 1,
        "trich_yeu": "",
        "so_thanh_vien": session.members_count,
        "so_da_bo_phieu": session.casts.count(),
        "ket_qua": rows,
        "de_nghi": [r for r in rows if r["ket_qua"] == "Đề nghị"],
        "khoi_truong": session.next_leader.name if session.next_leader else "",
        "khoi_pho": session.next_deputy.name if session.next_deputy else "",
        "ket_thuc_luc": f"{closed:%H:%M} ngày {closed:%d/%m/%Y}" if closed else "",
        "noi_nhan": ["Các đơn vị thành viên", "Ban Thi đua – Khen thưởng tỉnh", "Lưu"],
        "quyen_han_ky": "",
        "chuc_vu_ky": "NGƯỜI LẬP BIÊN BẢN",
        "nguoi_ky": _user_name(session.closed_by),
    }


def council_minutes_context(meeting: CouncilMeeting) -> dict:
    """Biên bản of a closed council meeting, with each ballot's votes and share."""
    members = list(meeting.members.all())
    rows = []
    for i, b in enumerate(bloc_selectors.meeting_ballots(meeting), start=1):
        n = b.nomination
        share = b.votes_for * 100 / b.members_count if b.members_count else 0
        rows.append({
            "stt": i, "ho_ten": str(n.nominee), "don_vi": n.dossier.unit.name,
            "hinh_thuc": n.award.name, "nguong": f"≥ {b.threshold}%", "dong_y": b.votes_for,
            "khong_dong_y": b.votes_against, "phieu_van_ban": b.written_votes,
            "khong_bieu_quyet": "; ".join(f"{r.member.name}: {r.reason}"
                                          for r in b.recusals.all()),
            "ty_le": f"{share:.1f}%".replace(".", ","),
            "ket_qua": "Đạt" if b.result == "passed" else "Không đạt",
        })
    held = meeting.held_on
    province = meeting.province
    return {
        "co_quan_chu_quan": f"ỦY BAN NHÂN DÂN TỈNH {province.name.upper()}",
        "co_quan": "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        "co_quan_ten": "Hội đồng Thi đua – Khen thưởng",
        "so_ky_hieu": number_line("", "BB-HĐTĐKT"),
        "dia_danh": province.name,
        "ngay": held.strftime("%d/%m/%Y"),
        "ngay_thang": date_line(held),
        "ngay_hop": held.strftime("%d/%m/%Y"),
        "noi_dung": meeting.title,
        "trich_yeu": "",
        "so_thanh_vien": len(members),
        "thanh_vien": [{"ho_ten": m.name, "chuc_vu": m.position} for m in members],
        "ket_qua": rows,
        "noi_nhan": ["Thành viên Hội đồng", "Lưu: VT"],
        "quyen_han_ky": "",
        "chuc_vu_ky": "THƯ KÝ HỘI ĐỒNG",
        "nguoi_ky": _user_name(meeting.closed_by),
    }


def in_vietnamese(build, *args, **kwargs) -> dict:
    with translation.override("vi"):
        return build(*args, **kwargs)


# ---------------------------------------------------------------- sample data (validation)


def _sample_row(stt: int, name: str, award: str, person: bool = True) -> dict:
    return {"stt": stt, "ho_ten": name, "doi_tuong": "Cá nhân" if person else "Tập thể",
            "chuc_vu": "Trưởng phòng" if person else "", "don_vi": "Đơn vị mẫu",
            "hinh_thuc": award, "loai_thanh_tich": "Công trạng (thường xuyên)",
            "tom_tat": "Tóm tắt thành tích", "trang_thai": "Đang xét", "y_kien": "Đủ điều kiện"}


def sample_context(kind: str) -> dict:
    """A context with every variable of `kind` filled in: uploaded templates must render
    with it (a misspelt variable is refused), and docs/documents.md lists the same names."""
    rows = [_sample_row(1, "Nguyễn Văn A", "Bằng khen của Chủ tịch UBND tỉnh"),
            _sample_row(2, "Phòng Tổng hợp", "Bằng khen của Chủ tịch UBND tỉnh", person=False)]
    group = {"so_muc": "I", "hinh_thuc": "Bằng khen của Chủ tịch UBND tỉnh", "so_luong": 2,
             "danh_sach": rows}
    common = {
        "co_quan_chu_quan": "CƠ QUAN CHỦ QUẢN", "co_quan": "CƠ QUAN BAN HÀNH",
        "co_quan_ten": "Cơ quan ban hành", "so_ky_hieu": "12/TTr-ĐV", "dia_danh": "Tiền Giang",
        "ngay": "05/01/2026", "ngay_thang": date_line(date(2026, 1, 5)), "nam": 2025,
        "trich_yeu": "Về việc đề nghị khen thưởng", "noi_nhan": ["Như trên", "Lưu: VT"],
        "quyen_han_ky": "", "chuc_vu_ky": "THỦ TRƯỞNG", "nguoi_ky": "Trần Văn B",
    }
    counts = {"so_ca_nhan": 1, "so_tap_the": 1, "tong_so": 2}
    kind = DocumentKind(kind)
    if kind == DocumentKind.UNIT_LETTER:
        return {**common, **counts, "don_vi": "Đơn vị mẫu", "ho_so": "Hồ sơ mẫu",
                "kinh_gui": "Ủy ban nhân dân tỉnh Tiền Giang", "danh_sach": rows,
                "nhom": [group]}
    if kind == DocumentKind.BOARD_LETTER:
        return {**common, **counts, "tinh": "Tiền Giang", "so_ho_so": 1,
                "kinh_gui": "Ủy ban nhân dân tỉnh Tiền Giang", "danh_sach": rows,
                "nhom": [group]}
    if kind == DocumentKind.DECISION:
        return {**common, **counts, "so": "12/QĐ-UBND", "don_vi": "Đơn vị mẫu",
                "chuc_danh_ban_hanh": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG",
                "danh_sach": rows, "phu_luc": [group]}
    vote = {"stt": 1, "ho_ten": "Nguyễn Văn A", "don_vi": "Đơn vị mẫu",
            "hinh_thuc": "Cờ thi đua của UBND tỉnh", "dong_y": 8, "khong_dong_y": 1}
    if kind == DocumentKind.BLOC_MINUTES:
        row = {**vote, "ket_qua": "Đề nghị", "ghi_chu": ""}
        return {**common, "khoi": "Khối thi đua mẫu", "ngay_hop": "04/01/2026",
                "dia_diem": "Hội trường", "nam_sau": 2026, "so_thanh_vien": 9,
                "so_da_bo_phieu": 9, "ket_qua": [row], "de_nghi": [row],
                "khoi_truong": "Đơn vị A", "khoi_pho": "Đơn vị B",
                "ket_thuc_luc": "16:30 ngày 04/01/2026"}
    row = {**vote, "nguong": "≥ 80%", "phieu_van_ban": 1, "khong_bieu_quyet": "",
           "ty_le": "80,0%", "ket_qua": "Đạt"}
    return {**common, "ngay_hop": "20/01/2026", "noi_dung": "Họp xét khen thưởng",
            "so_thanh_vien": 10, "thanh_vien": [{"ho_ten": "Lê Văn C", "chuc_vu": "Chủ tịch"}],
            "ket_qua": [row]}


# ---------------------------------------------------------------- lists (Excel)


def nominee_list(user, *, year: int | None = None, dossier: Dossier | None = None,
                 unit_id: int | None = None, award_id: int | None = None,
                 status: str = "") -> QuerySet[Nomination]:
    """Nominations the user may see, filtered; one query however many rows (iterate it)."""
    qs = nomination_selectors.nominations_visible_to(user).select_related("decision")
    if dossier is not None:
        qs = qs.filter(dossier=dossier)
    if year is not None:
        qs = qs.filter(dossier__year=year)
    if unit_id:
        qs = qs.filter(dossier__unit_id=unit_id)
    if award_id:
        qs = qs.filter(award_id=award_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("dossier__unit__name", "dossier_id", "award__order", "id")


def decided_awards(user, *, year: int) -> QuerySet[Nomination]:
    """Awards given by decisions for achievements of `year`, as the user may see them."""
    return (nomination_selectors.nominations_visible_to(user)
            .filter(dossier__year=year, status=NominationStatus.AWARDED,
                    decision__isnull=False)
            .select_related("decision")
            .order_by("decision__date", "decision__number", "award__order",
                      "dossier__unit__name", "id"))


def iterate(qs: QuerySet, chunk_size: int = 2000) -> Iterator:
    return qs.iterator(chunk_size=chunk_size)


def years_with_dossiers(user) -> list[int]:
    years = (nomination_selectors.dossiers_visible_to(user).order_by("-year")
             .values_list("year", flat=True).distinct())
    return list(years[:30])

