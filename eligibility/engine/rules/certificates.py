"""Certificates of merit (Bằng khen, Giấy khen): Chương III Mục 5 of the 2022 law —
Bằng khen của Thủ tướng Chính phủ (Điều 73), Bằng khen cấp tỉnh (Điều 74), Giấy khen
(Điều 75)."""

from __future__ import annotations

from ..facts import CONG_TRANG
from ..messages import BASIS_LABEL, NAME, RATING_LABEL, READING_DISCIPLINE, READING_MIXED
from .base import (
    CO_SO,
    FAIL,
    MANUAL,
    PASS,
    Ctx,
    Outcome,
    _after_prior,
    _bk_tinh_run,
    _cap,
    _ids,
    _initiative_notes,
    _other_points,
    _pick_initiatives,
    _rating_at_least,
    _readings,
    _span,
    _with_reading,
    unverified_fixed,
)

# ================================================================ awards


def _other_basis(ctx: Ctx) -> Outcome:
    label = BASIS_LABEL[ctx.basis]
    return MANUAL, (
        f"{NAME[ctx.award]} theo {label}: tiêu chuẩn khen {label} do người thẩm định đối chiếu"
        " hồ sơ (hệ thống chỉ kiểm tra tiêu chuẩn khen theo công trạng)."
    )


def bk_tinh_i(ctx: Ctx) -> Outcome:
    """BK_TINH-I (basis cong_trang), Luật Điều 74 k1 d: CSTDCS in y-1 and y, or HTXS in
    every year of a run of at least two years ending at y; and at least two initiatives or
    projects (scope cơ sở or higher, not used before) dated inside that run. The longest
    qualifying run is used; runs stop at a year blocked by discipline. Point d is one of
    four (a–c need a reviewer): not met → manual, naming a–c. Other bases: manual.

    Readings [I]: 1 sáng kiến + 1 đề tài counted as "02" (the text says 02 sáng kiến or 02
    đề tài); a run cut at a year a discipline touches."""
    if ctx.basis != CONG_TRANG:
        return _other_basis(ctx)
    y = ctx.year
    lo, run = _bk_tinh_run(ctx)
    cut = ctx.count_from > 0 and (ctx.count_from > y - 1 if lo is None else lo == ctx.count_from)
    discipline = READING_DISCIPLINE if cut else ""
    if lo is None:
        return _with_reading(
            _other_points(ctx, f"chưa có 2 năm liên tục đến năm {y} đạt tiêu chuẩn: {run}."),
            discipline)
    counted, used, outside, small = _pick_initiatives(ctx, lo, y, CO_SO)
    span = _span(lo, y)
    if len(counted) >= 2:
        kinds = [i.kind for i in counted]
        mixed = max(kinds.count("sang_kien"), kinds.count("de_tai")) < 2
        return _with_reading(
            (PASS, f"{_cap(run)}; {len(counted)} sáng kiến, đề tài trong {span}: {_ids(counted)}."),
            _readings(READING_MIXED if mixed else "", discipline))
    found = f": {_ids(counted)}" if counted else ""
    notes = _initiative_notes(used, outside, small, lo, y, CO_SO)
    tail = f"; {notes}" if notes else ""
    return _with_reading(_other_points(ctx, (
        f"{run} nhưng chỉ có {len(counted)}/2 sáng kiến, đề tài trong {span}{found}{tail}."
    )), discipline)



def bk_tinh_c(ctx: Ctx) -> Outcome:
    """BK_TINH-C (basis cong_trang): HTXS in y-1 and y, or TTLDXS in y-1 and y. Other
    bases: manual."""
    if ctx.basis != CONG_TRANG:
        return _other_basis(ctx)
    y = ctx.year
    years = (y - 1, y)
    facts = [ctx.by_year.get(yr) for yr in years]
    if all(f is not None and f.rating == "HTXS" for f in facts):
        return PASS, f"Hoàn thành xuất sắc nhiệm vụ 2 năm liên tục {y - 1}, {y}."
    if all(f is not None and "TTLDXS" in f.titles for f in facts):
        return PASS, f"Đạt Tập thể lao động xuất sắc 2 năm liên tục {y - 1}, {y}."
    states = []
    for yr, f in zip(years, facts, strict=True):
        if f is None:
            states.append(f"năm {yr} không có dữ liệu")
        else:
            rating = RATING_LABEL[f.rating] if f.rating else "chưa có xếp loại"
            txs = "có" if "TTLDXS" in f.titles else "không có"
            states.append(f"năm {yr} {rating}, {txs} danh hiệu Tập thể LĐXS")
    return FAIL, (
        f"Cần hoàn thành xuất sắc nhiệm vụ hoặc Tập thể LĐXS cả 2 năm {y - 1}, {y}:"
        f" {'; '.join(states)}."
    )


def bk_ttg_i(ctx: Ctx) -> Outcome:
    """BK_TTG-I: a prior BK_TINH on basis cong_trang; every year after it up to y rated HTT
    or better, at least five; at least three CSTDCS among them (see `_after_prior`)."""
    return _after_prior(ctx, "BK_TINH", need_htxs=False)


def bk_ttg_c(ctx: Ctx) -> Outcome:
    """BK_TTG-C (manual): the text is not yet verified."""
    return unverified_fixed(ctx.award, ctx.kind)



def giay_khen(ctx: Ctx) -> Outcome:
    """GIAY_KHEN: criteria set by each province. With `config.giay_khen_min_rating` the
    nominee needs at least that rating in y; without it (default) a reviewer decides."""
    minimum = ctx.config.giay_khen_min_rating
    if minimum is None:
        return MANUAL, (
            "tiêu chuẩn Giấy khen do tỉnh, ngành quy định (chưa cấu hình trong hệ thống)."
        )
    result, text = _rating_at_least(ctx, minimum)
    return result, f"Theo tiêu chuẩn của tỉnh: {text[:1].lower()}{text[1:]}"
