"""The emulation titles (danh hiệu thi đua): Chương II of the 2022 law, Điều 21–28 —
individual titles (Lao động tiên tiến, Chiến sĩ thi đua cơ sở / cấp tỉnh / toàn quốc)
and collective titles (Tập thể lao động tiên tiến / xuất sắc, Cờ thi đua của UBND tỉnh
and of the Government)."""

from __future__ import annotations

from ..messages import RATING_LABEL
from .base import (
    CO_SO,
    FAIL,
    MANUAL,
    PASS,
    TINH,
    TOAN_QUOC,
    Ctx,
    Outcome,
    _holds,
    _ids,
    _initiative_notes,
    _initiative_rule,
    _members,
    _no_members,
    _pct,
    _pick_initiatives,
    _rating_at_least,
    _span,
    _title_in_years,
    _with_reading,
)

# ================================================================ individual titles


def ldtt_1(ctx: Ctx) -> tuple[str, str]:
    """LDTT-1: rating(y) ≥ HTT."""
    return _rating_at_least(ctx, "HTT")


def ldtt_2(ctx: Ctx) -> tuple[str, str]:
    """LDTT-2: at least 6 months in service by the end of y (maternity leave and treatment
    of injuries from brave acts count as service). Unknown months: fail, naming it."""
    months, y = ctx.nominee.months_in_service, ctx.year
    if months is None:
        return FAIL, f"Chưa có số tháng công tác tính đến hết năm {y} (cần ít nhất 6 tháng)."
    if months >= 6:
        return PASS, (
            f"Đã công tác {months} tháng tính đến hết năm {y} (cần ít nhất 6 tháng; nghỉ thai"
            " sản, điều trị thương do hành động dũng cảm được tính)."
        )
    return FAIL, f"Mới công tác {months} tháng tính đến hết năm {y}, chưa đủ 6 tháng."


def ldtt_3(ctx: Ctx) -> Outcome:
    """LDTT-3 (manual): attitude and participation in emulation movements."""
    return MANUAL, (
        f"tinh thần, thái độ lao động và việc tham gia các phong trào thi đua năm {ctx.year}."
    )


def cstdcs_1(ctx: Ctx) -> Outcome:
    """CSTDCS-1: holds LDTT in y, or meets LDTT-1 and LDTT-2."""
    y = ctx.year
    if _holds(ctx, y, "LDTT"):
        return PASS, f"Đã đạt danh hiệu Lao động tiên tiến năm {y}."
    r_result, r_text = ldtt_1(ctx)
    m_result, m_text = ldtt_2(ctx)
    if r_result == PASS and m_result == PASS:
        return PASS, f"Chưa ghi nhận danh hiệu LĐTT năm {y} nhưng đủ tiêu chuẩn: {r_text} {m_text}"
    failing = " ".join(t for res, t in ((r_result, r_text), (m_result, m_text)) if res != PASS)
    return FAIL, f"Chưa có danh hiệu LĐTT năm {y} và chưa đủ tiêu chuẩn LĐTT: {failing}"


def cstdcs_2(ctx: Ctx) -> Outcome:
    """CSTDCS-2: rating(y) = HTXS, or an initiative recognised (scope cơ sở or higher) or a
    science project accepted in y. No percentage cap since 2024."""
    y = ctx.year
    f = ctx.by_year.get(y)
    if f is not None and f.rating == "HTXS":
        return PASS, f"Năm {y} xếp loại hoàn thành xuất sắc nhiệm vụ."
    counted, used, outside, small = _pick_initiatives(ctx, y, y, CO_SO)
    if counted:
        return PASS, f"Có sáng kiến, đề tài được công nhận, nghiệm thu năm {y}: {_ids(counted)}."
    if f is None:
        rating = f"Năm {y} không có dữ liệu xếp loại"
    elif f.rating is None:
        rating = f"Năm {y} chưa có xếp loại"
    else:
        rating = f"Năm {y} xếp loại {RATING_LABEL[f.rating]} (chưa xuất sắc)"
    notes = _initiative_notes(used, outside, small, y, y, CO_SO)
    tail = f"; {notes}" if notes else ""
    return FAIL, (
        f"{rating} và không có sáng kiến, đề tài nào được công nhận, nghiệm thu năm {y}{tail}."
    )


def cstd_tinh_1(ctx: Ctx) -> Outcome:
    """CSTD_TINH-1: CSTDCS in each of y-2, y-1, y."""
    y = ctx.year
    return _title_in_years(ctx, "CSTDCS", (y - 2, y - 1, y))


def cstd_tinh_2(ctx: Ctx) -> Outcome:
    """CSTD_TINH-2: an initiative or project applied at province scope or wider, dated
    y-2..y (the three CSTĐCS years: our reading [I], shown in every verdict)."""
    y = ctx.year
    return _with_reading(_initiative_rule(ctx, y - 2, y, TINH, 1), _window_reading(y - 2, y, 3))


def cstdtq_1(ctx: Ctx) -> Outcome:
    """CSTDTQ-1 [I]: CSTD_TINH twice in a row, in y-3 and y (back-to-back cycles)."""
    y = ctx.year
    return _title_in_years(ctx, "CSTD_TINH", (y - 3, y))


def cstdtq_2(ctx: Ctx) -> Outcome:
    """CSTDTQ-2: an initiative or project of national scope, dated y-5..y (the two
    CSTĐ cấp tỉnh cycles: our reading [I], shown in every verdict)."""
    y = ctx.year
    return _with_reading(_initiative_rule(ctx, y - 5, y, TOAN_QUOC, 1),
                         _window_reading(y - 5, y, 6))


def _window_reading(lo: int, hi: int, years: int) -> str:
    return (
        f"chỉ tính sáng kiến, đề tài được công nhận trong {years} năm {_span(lo, hi)} (các năm"
        " đạt danh hiệu làm căn cứ xét); văn bản không nêu khoảng thời gian"
    )


# ================================================================ collective titles


def ttldtt_1(ctx: Ctx) -> Outcome:
    """TTLDTT-1: rating(y) ≥ HTT."""
    return _rating_at_least(ctx, "HTT")


def ttldtt_2(ctx: Ctx) -> Outcome:
    """TTLDTT-2: members with LDTT ≥ 70 % of members (integer arithmetic: 70 % passes)."""
    m = _members(ctx)
    if m is None:
        return _no_members(ctx)
    return _ldtt_share(ctx, m.ldtt, m.total)


def _ldtt_share(ctx: Ctx, ldtt: int, total: int) -> Outcome:
    y = ctx.year
    if total == 0:
        return FAIL, f"Năm {y} tập thể không có thành viên nào."
    text = f"{ldtt}/{total} thành viên đạt LĐTT năm {y} ({_pct(ldtt, total)}; cần ít nhất 70 %)."
    return (PASS if ldtt * 100 >= 70 * total else FAIL), text


def ttldtt_3(ctx: Ctx) -> Outcome:
    """TTLDTT-3: no member disciplined at cảnh cáo or above in y."""
    m = _members(ctx)
    if m is None:
        return _no_members(ctx)
    n, y = m.disciplined_canh_cao_or_above, ctx.year
    if n == 0:
        return PASS, f"Năm {y} không có thành viên nào bị kỷ luật từ cảnh cáo trở lên."
    return FAIL, f"Năm {y} có {n} thành viên bị kỷ luật từ cảnh cáo trở lên."


def ttldxs_1(ctx: Ctx) -> Outcome:
    """TTLDXS-1: rating(y) = HTXS."""
    return _rating_at_least(ctx, "HTXS")


def ttldxs_2(ctx: Ctx) -> Outcome:
    """TTLDXS-2: 100 % of members rated HT or better, and ≥ 70 % of members LDTT."""
    m = _members(ctx)
    if m is None:
        return _no_members(ctx)
    total, y = m.total, ctx.year
    if total == 0:
        return FAIL, f"Năm {y} tập thể không có thành viên nào."
    all_ht = m.at_least_ht == total
    enough_ldtt = m.ldtt * 100 >= 70 * total
    text = (
        f"{m.at_least_ht}/{total} thành viên hoàn thành nhiệm vụ trở lên (cần 100 %);"
        f" {m.ldtt}/{total} đạt LĐTT ({_pct(m.ldtt, total)}; cần ít nhất 70 %), năm {y}."
    )
    return (PASS if all_ht and enough_ldtt else FAIL), text


def ttldxs_3(ctx: Ctx) -> Outcome:
    """TTLDXS-3: at least one member CSTDCS in y."""
    m = _members(ctx)
    if m is None:
        return _no_members(ctx)
    if m.cstdcs >= 1:
        return PASS, f"Năm {ctx.year} có {m.cstdcs} thành viên đạt CSTĐCS."
    return FAIL, f"Năm {ctx.year} không có thành viên nào đạt CSTĐCS (cần ít nhất 1)."


def ttldxs_4(ctx: Ctx) -> Outcome:
    """TTLDXS-4 (manual): the points of Luật Điều 27 k1 no figure shows — a regular,
    practical and effective emulation movement, and internal unity with exemplary
    observance of the Party's policies and the State's laws."""
    return MANUAL, (
        f"phong trào thi đua của tập thể năm {ctx.year} thường xuyên, thiết thực, hiệu quả;"
        " nội bộ đoàn kết, gương mẫu chấp hành chủ trương của Đảng, chính sách, pháp luật của"
        " Nhà nước."
    )


def co_tinh_1(ctx: Ctx) -> Outcome:
    """CO_TINH-1: led its khối/cụm in y (`bloc_leader`). That only one unit per bloc and
    year holds the flag is checked where blocs are recorded, not here."""
    y = ctx.year
    f = ctx.by_year.get(y)
    if f is not None and f.bloc_leader:
        return PASS, f"Dẫn đầu khối, cụm thi đua năm {y}."
    note = " (không có dữ liệu năm này)" if f is None else ""
    return FAIL, f"Không ghi nhận dẫn đầu khối, cụm thi đua năm {y}{note}."


def co_tinh_2(ctx: Ctx) -> Outcome:
    """CO_TINH-2 (manual): exceeded the year's targets; Party and mass organisations rated
    HTXS; thrift and anti-corruption."""
    return MANUAL, (
        f"hoàn thành vượt mức các chỉ tiêu năm {ctx.year}; tổ chức đảng, đoàn thể được xếp loại"
        " hoàn thành xuất sắc nhiệm vụ; thực hành tiết kiệm, chống lãng phí, phòng chống tham"
        " nhũng."
    )


def co_cp_1(ctx: Ctx) -> Outcome:
    """CO_CP-1: holds CO_TINH in y, or led its bloc in y."""
    y = ctx.year
    f = ctx.by_year.get(y)
    if f is not None and "CO_TINH" in f.titles:
        return PASS, f"Đã được tặng Cờ thi đua của UBND tỉnh năm {y}."
    if f is not None and f.bloc_leader:
        return PASS, f"Dẫn đầu khối, cụm thi đua năm {y}."
    return FAIL, f"Năm {y} không có Cờ thi đua của UBND tỉnh và không dẫn đầu khối, cụm thi đua."


def co_cp_2(ctx: Ctx) -> Outcome:
    """CO_CP-2 (manual): outstanding, exceeded targets."""
    return MANUAL, (
        f"thành tích tiêu biểu xuất sắc, hoàn thành vượt mức các chỉ tiêu năm {ctx.year}."
    )
