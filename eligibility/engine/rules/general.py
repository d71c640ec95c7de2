"""The general rules (LAW-2022.md "General rules"): checked for every award. The law's
general provisions (Luật Điều 5) and its decrees' Điều 4 (NĐ 98/2023, NĐ 152/2025)."""

from __future__ import annotations

from datetime import timedelta

from ..facts import COLLECTIVE, CONG_TRANG, INDIVIDUAL, INDIVIDUAL_TITLES, Discipline
from ..messages import BASIS_LABEL, FORM_LABEL, NAME, READING_DISCIPLINE, SHORT
from .base import (
    FAIL,
    MANUAL,
    ONE_OF,
    PASS,
    PRIOR_REQUIRED,
    Ctx,
    Outcome,
    _cap,
    _downgrade,
    _initiative_need,
    _pick_initiatives,
    _span,
    _used_note,
    _with_reading,
    _years,
    achievement_window,
    dmy,
)

# ================================================================ general rules
#
# `*_fixed(award, kind)` give the outcome when it follows from the award and the nominee
# kind alone (the rule does not apply), else None. The engine computes those once per
# plan instead of per check; the rule functions return the very same outcome.

INITIATIVE_AWARDS = frozenset({
    ("CSTDCS", INDIVIDUAL), ("CSTD_TINH", INDIVIDUAL), ("CSTDTQ", INDIVIDUAL),
    ("BK_TINH", INDIVIDUAL),
})


def gen_posthumous_fixed(award: str, kind: str) -> Outcome | None:
    if kind == COLLECTIVE:
        return PASS, "Không áp dụng: quy định về người đã mất chỉ xét với cá nhân."
    return None


def gen_basis_fixed(award: str, kind: str) -> Outcome | None:
    if (award, kind) not in PRIOR_REQUIRED:
        return PASS, (
            f"Không áp dụng: {NAME[award]} không đòi hỏi khen thưởng trước theo công trạng."
        )
    return None


def gen_one_use_fixed(award: str, kind: str) -> Outcome | None:
    if (award, kind) not in INITIATIVE_AWARDS:
        return PASS, f"Không áp dụng: {NAME[award]} không xét theo sáng kiến, đề tài."
    return None


def gen_lower_fixed(award: str, kind: str) -> Outcome | None:
    if (award, kind) not in PRIOR_REQUIRED:
        return PASS, (
            f"Không bắt buộc phải có hình thức khen thưởng thấp hơn trước khi xét {NAME[award]}."
        )
    return None



def gen_pending(ctx: Ctx) -> Outcome:
    """GEN-PENDING: not while under disciplinary review, investigation, inspection with
    signs of violation, or an unresolved complaint (`nominee.pending_review`)."""
    if ctx.nominee.pending_review:
        return FAIL, (
            "Đang trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra có dấu hiệu vi"
            " phạm hoặc có đơn thư khiếu nại, tố cáo chưa giải quyết xong: chưa được xét hoặc"
            " đề nghị cấp trên khen thưởng."
        )
    return PASS, (
        "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hay có khiếu"
        " nại, tố cáo chưa giải quyết."
    )


def _describe_discipline(d: Discipline) -> str:
    until = f"đến {dmy(d.end)}" if d.end is not None else "(chưa hết thời hạn)"
    return f"kỷ luật {FORM_LABEL[d.form]} từ {dmy(d.start)} {until}"


def gen_discipline(ctx: Ctx) -> Outcome:
    """GEN-DISCIPLINE: a discipline period that overlaps the award's achievement window
    (`achievement_window`: y for yearly titles and Giấy khen, y-2..y for CSTD_TINH, y-5..y
    for CSTDTQ, y-1..y for BK_TINH, the years since the prior award for BK_TTG/HCLD3)
    blocks the years it touches: achievements count only from the day it ends. Fails when
    it touches the window; a discipline wholly before or after the window passes, with a
    note (rules that count runs of years still stop at it)."""
    disciplines = ctx.nominee.disciplines
    if not disciplines:
        return PASS, "Không có kỷ luật nào."
    lo, hi = achievement_window(ctx)
    span = _span(lo, hi)
    hits: list[str] = []
    notes: list[str] = []
    resume = None
    ongoing = False
    # a total order (an open-ended period after a closed one of the same day), so the message
    # does not depend on the order the facts came in
    for d in sorted(disciplines, key=lambda d: (d.start, d.end is None, d.end or d.start, d.form)):
        last = hi if d.end is None else d.end.year
        if d.start.year > hi:
            notes.append(f"{_describe_discipline(d)} bắt đầu sau năm {hi}, ngoài thời gian xét")
        elif d.end is not None and last < lo:  # ended (an open one reaches hi ≥ lo)
            notes.append(
                f"{_describe_discipline(d)} đã hết trước thời gian xét {span}; thành tích chỉ"
                f" được tính từ {dmy(d.end + timedelta(days=1))}"
            )
        else:
            touched = range(max(d.start.year, lo), min(last, hi) + 1)
            hits.append(f"{_describe_discipline(d)} trùng năm {_years(touched)}")
            if d.end is None:
                ongoing = True
            elif resume is None or d.end >= resume:
                resume = d.end
    if hits:
        tail = (
            "" if ongoing or resume is None
            else f"; thành tích chỉ được tính từ {dmy(resume + timedelta(days=1))}"
        )
        outcome: Outcome = (
            FAIL, f"Trong thời gian xét thành tích {span} có {'; '.join(hits)}{tail}.")
        if not ongoing:
            # an ended discipline blocks the fact point's years, not the other points'
            outcome = _downgrade(ctx, outcome)
        return _with_reading(outcome, READING_DISCIPLINE)
    return PASS, f"{_cap('; '.join(notes))}."



def gen_posthumous(ctx: Ctx) -> Outcome:
    """GEN-POSTHUMOUS [I]: emulation titles are never given to a deceased person; Bằng khen
    and Huân chương may be (truy tặng). Giấy khen is not covered by the catalogue: a
    reviewer decides for a deceased nominee. Collectives: not applicable."""
    fixed = gen_posthumous_fixed(ctx.award, ctx.kind)
    if fixed is not None:
        return fixed
    award = ctx.award
    deceased = ctx.nominee.deceased
    if award in INDIVIDUAL_TITLES:
        if deceased:
            return FAIL, (
                f"Người được đề nghị đã mất: danh hiệu thi đua ({NAME[award]}) không xét tặng"
                " cho người đã mất."
            )
        return PASS, "Người được đề nghị còn sống (danh hiệu thi đua không truy tặng)."
    if award == "GIAY_KHEN":
        if deceased:
            return MANUAL, (
                "người được đề nghị đã mất; việc truy tặng Giấy khen do tỉnh, ngành quyết định."
            )
        return PASS, "Người được đề nghị còn sống."
    if deceased:
        return PASS, f"Người được đề nghị đã mất: {NAME[award]} có thể truy tặng."
    return PASS, f"Người được đề nghị còn sống ({NAME[award]} cũng có thể truy tặng)."


def gen_basis(ctx: Ctx) -> Outcome:
    """GEN-BASIS: prior awards on a basis other than cong_trang (dot_xuat, chuyen_de, ...)
    do not count as the prior award BK_TTG-I (BK_TINH) or HCLD3-I (BK_TTG) requires. Fails
    when such awards exist and none on cong_trang does: the basis alone decides."""
    award, y = ctx.award, ctx.year
    fixed = gen_basis_fixed(award, ctx.kind)
    if fixed is not None:
        return fixed
    if ctx.basis != CONG_TRANG:
        return PASS, (
            f"Không áp dụng: đề nghị {NAME[award]} theo {BASIS_LABEL[ctx.basis]}, không theo"
            " công trạng."
        )
    prior = PRIOR_REQUIRED[award, ctx.kind]
    counting: list[int] = []
    left_out: list[tuple[int, str]] = []
    for a in ctx.nominee.awards:
        if a.award == prior and a.year < y:
            if a.basis == CONG_TRANG:
                counting.append(a.year)
            else:
                left_out.append((a.year, a.basis))
    prior_name = SHORT[prior]
    excluded = ""
    if left_out:
        listed = ", ".join(f"{yr} ({BASIS_LABEL[b]})" for yr, b in sorted(left_out))
        excluded = f"{prior_name} năm {listed} không phải khen theo công trạng nên không được tính"
    if counting:
        text = f"{prior_name} năm {_years(sorted(set(counting)))} theo công trạng được tính"
        return PASS, f"{text}; {excluded}." if excluded else f"{text}."
    if left_out:
        return _downgrade(ctx, (
            FAIL, f"{_cap(excluded)} làm khen thưởng trước cho {NAME[award]}."))
    return PASS, f"Không có {prior_name} nào theo đợt, chuyên đề hay đột xuất bị loại."


def gen_one_use(ctx: Ctx) -> Outcome:
    """GEN-ONE-USE: an initiative or project supports one award only; one with `used_for`
    set does not count again (when `config.one_use_initiatives`, the default). Fails when
    the award's initiative criterion would be met only by counting used ones."""
    fixed = gen_one_use_fixed(ctx.award, ctx.kind)
    if fixed is not None:
        return fixed
    if not ctx.config.one_use_initiatives:
        return PASS, "Tỉnh cho phép tính lại sáng kiến, đề tài đã dùng để xét khen thưởng khác."
    for i in ctx.nominee.initiatives:
        if i.used_for:
            break
    else:
        return PASS, "Không có sáng kiến, đề tài nào đã dùng để xét khen thưởng khác."
    need = _initiative_need(ctx)
    if isinstance(need, str):
        return PASS, f"Không áp dụng: {need}."
    needed, lo, hi, min_scope = need
    counted, used, _, _ = _pick_initiatives(ctx, lo, hi, min_scope)
    span = _span(lo, hi)
    if len(counted) >= needed:
        text = f"Có {len(counted)} sáng kiến, đề tài chưa dùng để xét khen thưởng khác trong {span}"
        return PASS, f"{text} (cần {needed}); {_used_note(used)}." if used else f"{text}."
    if used and len(counted) + len(used) >= needed:
        return _downgrade(ctx, (FAIL, (
            f"{_cap(_used_note(used))}: chỉ còn {len(counted)}/{needed} sáng kiến, đề tài chưa"
            f" dùng trong {span}."
        )))
    return PASS, f"Không có sáng kiến, đề tài nào trong {span} bị loại vì đã dùng."


def gen_lower(ctx: Ctx) -> Outcome:
    """GEN-LOWER: a higher award does not require the lower one first, except where a rule
    names a prior award (BK_TTG-I: BK_TINH; HCLD3-I: BK_TTG). Fails only there, when no
    such award of any basis exists before y (GEN-BASIS judges the basis)."""
    award, y = ctx.award, ctx.year
    fixed = gen_lower_fixed(award, ctx.kind)
    if fixed is not None:
        return fixed
    if ctx.basis != CONG_TRANG:
        return PASS, (
            f"Không bắt buộc có khen thưởng trước khi đề nghị {NAME[award]} theo"
            f" {BASIS_LABEL[ctx.basis]}."
        )
    prior = PRIOR_REQUIRED[award, ctx.kind]
    years = sorted({a.year for a in ctx.nominee.awards if a.award == prior and a.year < y})
    o = ONE_OF[award, ctx.kind]
    lead = f"Điểm {o.point} {o.article} ({NAME[award]} cho cá nhân) đòi hỏi đã có {SHORT[prior]}"
    if years:
        return PASS, f"{lead}: đã có năm {_years(years)}."
    return _downgrade(ctx, (FAIL, f"{lead}: chưa có trước năm {y}."))
