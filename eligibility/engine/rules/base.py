"""What the rules of every group share: the outcome type, the check's context (`Ctx`),
small helpers that word years and ratings, the initiative criteria and the prior-award
runs (used by the titles, the certificates of merit and the orders alike), and the
"one of several criteria" clauses. The rule functions themselves are in general.py,
titles.py, certificates.py and orders.py; the readings they rest on are described in
rules/__init__.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from ..config import EligibilityConfig
from ..facts import (
    CONG_TRANG,
    INDIVIDUAL,
    RATING_RANK,
    SCOPE_RANK,
    Case,
    Initiative,
    MemberFigures,
    YearFacts,
)
from ..messages import (
    BASIS_LABEL,
    NAME,
    RATING_LABEL,
    RATING_NEED,
    READING_DISCIPLINE,
    SCOPE_LABEL,
    SHORT,
)

PASS = "pass"
FAIL = "fail"
MANUAL = "manual"

Outcome = tuple[str, str] | tuple[str, str, str]  # (result, message[, reading])

CO_SO, TINH, TOAN_QUOC = SCOPE_RANK["co_so"], SCOPE_RANK["tinh"], SCOPE_RANK["toan_quoc"]
HTT_RANK = RATING_RANK["HTT"]

# How far back before the evaluation year y an award's achievements reach: the window
# GEN-DISCIPLINE checks is y - back .. y (BK_TTG/HCLD3 for individuals: see below).
WINDOW_BACK = {
    "LDTT": 0,
    "CSTDCS": 0,
    "CSTD_TINH": 2,  # CSTĐCS in y-2, y-1, y
    "CSTDTQ": 5,  # two CSTĐ cấp tỉnh cycles: y-5..y-3 and y-2..y
    "TTLDTT": 0,
    "TTLDXS": 0,
    "CO_TINH": 0,
    "CO_CP": 0,
    "GIAY_KHEN": 0,
    "BK_TINH": 1,  # the shortest run the rule accepts: y-1, y
    "BK_TTG": 4,  # the five years after the prior award (when there is none yet: y-4..y)
    "HCLD3": 4,
}

# The prior award a rule names (GEN-LOWER, GEN-BASIS, BK_TTG-I, HCLD3-I).
PRIOR_REQUIRED = {("BK_TTG", INDIVIDUAL): "BK_TINH", ("HCLD3", INDIVIDUAL): "BK_TTG"}
PRIOR_GAP = 5  # years of HTT or better the prior award must be followed by


class OneOf:
    """An award granted on ONE of several points of a clause, only `point` of which the
    facts decide. `others` names the remaining points for the reviewer."""

    __slots__ = ("article", "point", "others")

    def __init__(self, article: str, point: str, others: str) -> None:
        self.article = article
        self.point = point
        self.others = others


ONE_OF: dict[tuple[str, str], OneOf] = {
    ("BK_TINH", INDIVIDUAL): OneOf(
        "Điều 74 khoản 1 Luật TĐKT 2022", "d",
        "các điểm a, b, c: a) có thành tích xuất sắc được bình xét trong phong trào thi đua do"
        " bộ, ban, ngành, tỉnh phát động; b) lập được thành tích hoặc thành tích đột xuất có"
        " phạm vi ảnh hưởng trong lĩnh vực thuộc bộ, ban, ngành, tỉnh; c) có đóng góp lớn vào"
        " phát triển kinh tế - xã hội, ứng dụng tiến bộ khoa học, công nghệ, công tác xã hội,"
        " từ thiện nhân đạo",
    ),
    ("BK_TTG", INDIVIDUAL): OneOf(
        "Điều 73 khoản 1 Luật TĐKT 2022", "b",
        "các tiêu chuẩn còn lại của khoản 1 Điều 73 (ngoài điểm b), đối chiếu báo cáo thành tích",
    ),
    ("HCLD3", INDIVIDUAL): OneOf(
        "Điều 44 khoản 1 Luật TĐKT 2022", "e",
        "các tiêu chuẩn còn lại của khoản 1 Điều 44 (ngoài điểm e), trong đó có điểm g: quá trình"
        " cống hiến lâu dài trong cơ quan, tổ chức, đoàn thể",
    ),
}


def one_of(award: str, kind: str, basis: str) -> OneOf | None:
    """The award's "one of several criteria" clause, when the facts judge one of its points
    (basis cong_trang); None otherwise."""
    if basis != CONG_TRANG:
        return None
    return ONE_OF.get((award, kind))


def _other_points(ctx: Ctx, detail: str) -> Outcome:
    """The fact point of a one-of-several award is not met: the reviewer weighs the others.
    `detail` says why the point is not met (a sentence ending with a full stop)."""
    o = ONE_OF[ctx.award, ctx.kind]
    return MANUAL, (
        f"không đạt điểm {o.point} {o.article}: {detail} {NAME[ctx.award]} xét tặng khi đạt"
        f" một trong các tiêu chuẩn, nên Hội đồng xem xét {o.others}."
    )


def _downgrade(ctx: Ctx, outcome: Outcome) -> Outcome:
    """A GEN rule that only judges a condition of a one-of-several award's fact point:
    its failure leaves the award to the reviewer instead of failing it."""
    if outcome[0] != FAIL:
        return outcome
    o = one_of(ctx.award, ctx.kind, ctx.basis)
    if o is None:
        return outcome
    return MANUAL, (
        f"{outcome[1]} Điều này chỉ là điều kiện của điểm {o.point} {o.article}; Hội đồng xem"
        f" xét {o.others}."
    )




# ---------------------------------------------------------------- the check's context


class Ctx:
    """What every rule of one check reads, computed once per check."""

    __slots__ = ("config", "award", "year", "kind", "basis", "nominee", "by_year", "count_from")

    def __init__(self, case: Case, config: EligibilityConfig) -> None:
        nominee = case.nominee
        y = case.year
        self.config = config
        self.award = case.award
        self.year = y
        self.kind = nominee.kind
        self.basis = case.basis
        self.nominee = nominee
        self.by_year: dict[int, YearFacts] = {f.year: f for f in nominee.years}
        # First year not blocked by a discipline that started by the end of y.
        count_from = 0
        for d in nominee.disciplines:
            if d.start.year <= y:
                last = y if d.end is None else d.end.year
                if last >= count_from:
                    count_from = last + 1
        self.count_from = count_from


# ---------------------------------------------------------------- small helpers


def _years(years: Iterable[int]) -> str:
    return ", ".join(map(str, years))


def _span(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}–{hi}"


def dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _pct(part: int, total: int) -> str:
    tenths = part * 1000 // total
    whole, frac = divmod(tenths, 10)
    return f"{whole} %" if frac == 0 else f"{whole},{frac} %"


def _year_state(ctx: Ctx, yr: int) -> str:
    """Why year `yr` does not reach a rating bar, in words."""
    f = ctx.by_year.get(yr)
    if f is None:
        return f"năm {yr} không có dữ liệu"
    if f.rating is None:
        return f"năm {yr} chưa có xếp loại"
    return f"năm {yr} chỉ {RATING_LABEL[f.rating]}"




def _rating_at_least(ctx: Ctx, minimum: str) -> tuple[str, str]:  # no reading
    y = ctx.year
    need = RATING_NEED[minimum]
    f = ctx.by_year.get(y)
    if f is None:
        return FAIL, f"Không có dữ liệu năm {y}: chưa rõ xếp loại (cần {need})."
    r = f.rating
    if r is None:
        return FAIL, f"Năm {y} chưa có xếp loại (cần {need})."
    if RATING_RANK[r] >= RATING_RANK[minimum]:
        return PASS, f"Năm {y} xếp loại {RATING_LABEL[r]} (cần {need})."
    return FAIL, f"Năm {y} chỉ xếp loại {RATING_LABEL[r]}, chưa đạt {need}."


def _holds(ctx: Ctx, yr: int, title: str) -> bool:
    f = ctx.by_year.get(yr)
    return f is not None and title in f.titles


def _title_in_years(ctx: Ctx, title: str, years: tuple[int, ...]) -> Outcome:
    held: list[int] = []
    lacking: list[int] = []
    unknown: list[int] = []
    by_year = ctx.by_year
    for yr in years:
        f = by_year.get(yr)
        if f is None:
            lacking.append(yr)
            unknown.append(yr)
        elif title in f.titles:
            held.append(yr)
        else:
            lacking.append(yr)
    label = SHORT[title]
    if not lacking:
        return PASS, f"Đạt {label} đủ các năm {_years(held)}."
    note = f" (năm {_years(unknown)} không có dữ liệu)" if unknown else ""
    if held:
        return FAIL, f"{label} năm {_years(held)} nhưng thiếu năm {_years(lacking)}{note}."
    return FAIL, f"Không đạt {label} năm nào trong các năm {_years(lacking)}{note}."


def _run_start(ctx: Ctx, ok: Callable[[YearFacts], bool]) -> tuple[int, str]:
    """The first year of the longest run of years ending at y that all satisfy `ok`, are
    known and are not blocked by discipline; and why the year before it breaks the run."""
    yr = ctx.year
    by_year = ctx.by_year
    count_from = ctx.count_from
    while True:
        if yr < count_from:
            return yr + 1, f"năm {yr} chưa được tính vì thành tích chỉ tính từ khi hết kỷ luật"
        f = by_year.get(yr)
        if f is None:
            return yr + 1, f"năm {yr} không có dữ liệu"
        if not ok(f):
            return yr + 1, f"năm {yr} không đạt"
        yr -= 1


def _members(ctx: Ctx) -> MemberFigures | None:
    f = ctx.by_year.get(ctx.year)
    return None if f is None else f.members


def _no_members(ctx: Ctx) -> Outcome:
    return FAIL, f"Không có số liệu thành viên của tập thể năm {ctx.year}."


# ---------------------------------------------------------------- initiatives


def _pick_initiatives(
    ctx: Ctx, lo: int, hi: int, min_scope: int
) -> tuple[list[Initiative], list[Initiative], list[Initiative], list[Initiative]]:
    """Split the nominee's initiatives for a window lo..hi and a minimum scope into
    (counted, used before, dated outside the window, scope too small)."""
    counted: list[Initiative] = []
    used: list[Initiative] = []
    outside: list[Initiative] = []
    small: list[Initiative] = []
    one_use = ctx.config.one_use_initiatives
    for i in ctx.nominee.initiatives:
        if i.year < lo or i.year > hi:
            outside.append(i)
        elif SCOPE_RANK[i.scope] < min_scope:
            small.append(i)
        elif one_use and i.used_for:
            used.append(i)
        else:
            counted.append(i)
    return counted, used, outside, small


def _ids(items: list[Initiative]) -> str:
    return ", ".join(f"{i.id} ({i.year})" for i in sorted(items, key=_initiative_key))


def _initiative_key(i: Initiative) -> tuple:
    return (i.year, i.id, i.scope, i.kind, i.used_for or "")


def _scope_need(min_scope: int) -> str:
    if min_scope == TOAN_QUOC:
        return "phạm vi toàn quốc"
    return f"phạm vi {SCOPE_LABEL['tinh' if min_scope == TINH else 'co_so']} trở lên"


def _used_note(used: list[Initiative]) -> str:
    parts = ", ".join(
        f"{i.id} ({i.year}) đã dùng để xét {NAME.get(i.used_for or '', i.used_for)}"
        for i in sorted(used, key=_initiative_key)
    )
    return f"{parts} nên không được tính lại"


def _initiative_notes(
    used: list[Initiative], outside: list[Initiative], small: list[Initiative], lo: int,
    hi: int, min_scope: int,
) -> str:
    notes = []
    if outside:
        notes.append(f"{_ids(outside)} ngoài thời gian {_span(lo, hi)} nên không được tính")
    if small:
        notes.append(f"{_ids(small)} chưa đạt {_scope_need(min_scope)}")
    if used:
        notes.append(_used_note(used))
    return "; ".join(notes)


def _initiative_rule(ctx: Ctx, lo: int, hi: int, min_scope: int, needed: int) -> Outcome:
    counted, used, outside, small = _pick_initiatives(ctx, lo, hi, min_scope)
    what = f"sáng kiến, đề tài {_scope_need(min_scope)} trong {_span(lo, hi)}"
    if len(counted) >= needed:
        return PASS, f"Có {len(counted)} {what} (cần {needed}): {_ids(counted)}."
    notes = _initiative_notes(used, outside, small, lo, hi, min_scope)
    found = f": {_ids(counted)}" if counted else ""
    tail = f"; {notes}" if notes else ""
    return FAIL, f"Chỉ có {len(counted)}/{needed} {what}{found}{tail}."


def _bk_tinh_run(ctx: Ctx) -> tuple[int | None, str]:
    """BK_TINH-I: the first year of the longest qualifying run ending at y (CSTĐCS each
    year, or HTXS each year, at least two years), or None; and the run in words."""
    y = ctx.year
    c_start, c_why = _run_start(ctx, _is_cstdcs)
    h_start, h_why = _run_start(ctx, _is_htxs)
    c_len, h_len = y - c_start + 1, y - h_start + 1
    if c_len < 2 and h_len < 2:
        return None, (
            f"CSTĐCS liên tục đến năm {y}: {c_len} năm ({c_why}); hoàn thành xuất sắc nhiệm vụ"
            f" liên tục đến năm {y}: {h_len} năm ({h_why})"
        )
    if c_len >= h_len:
        return c_start, f"CSTĐCS {c_len} năm liên tục {_span(c_start, y)}"
    return h_start, f"hoàn thành xuất sắc nhiệm vụ {h_len} năm liên tục {_span(h_start, y)}"


def _is_cstdcs(f: YearFacts) -> bool:
    return "CSTDCS" in f.titles


def _is_htxs(f: YearFacts) -> bool:
    return f.rating == "HTXS"


def _initiative_need(ctx: Ctx) -> tuple[int, int, int, int] | str:
    """(needed, lo, hi, min_scope) of the award's initiative criterion, or why none."""
    award, y = ctx.award, ctx.year
    if award == "CSTDCS":
        f = ctx.by_year.get(y)
        if f is not None and f.rating == "HTXS":
            return f"năm {y} xếp loại hoàn thành xuất sắc nhiệm vụ nên không cần sáng kiến, đề tài"
        return 1, y, y, CO_SO
    if award == "CSTD_TINH":
        return 1, y - 2, y, TINH
    if award == "CSTDTQ":
        return 1, y - 5, y, TOAN_QUOC
    if award == "BK_TINH" and ctx.kind == INDIVIDUAL and ctx.basis == CONG_TRANG:
        lo, _ = _bk_tinh_run(ctx)
        if lo is None:
            return ("chưa có chuỗi năm đạt tiêu chuẩn để xét sáng kiến, đề tài (xem tiêu chí"
                    " “Hai năm liên tục đạt tiêu chuẩn”)")
        return 2, lo, y, CO_SO
    return f"{NAME[award]} theo {BASIS_LABEL[ctx.basis]} không xét theo sáng kiến, đề tài"


def counted_initiatives(ctx: Ctx) -> tuple[Initiative, ...]:
    """The initiatives the award's initiative criterion counts (`_initiative_need`, picked
    by `_pick_initiatives` exactly as the rules pick them), earliest first (by
    `_initiative_key`, the order the rules' messages list them in) and no more than the
    criterion needs: the ones an award granted on these facts rests on. Earliest first
    leaves the newer ones, whose windows reach further into the coming years, for later
    awards. Fewer than needed when the criterion is not met; () when the award does not
    count initiatives (other awards, CSTDCS carried by HTXS, BK_TINH on another basis or
    without a qualifying run)."""
    need = _initiative_need(ctx)
    if isinstance(need, str):
        return ()
    needed, lo, hi, min_scope = need
    counted, _, _, _ = _pick_initiatives(ctx, lo, hi, min_scope)
    return tuple(sorted(counted, key=_initiative_key)[:needed])


# ---------------------------------------------------------------- prior awards


def _basis_prior(ctx: Ctx, prior: str) -> int | None:
    """The latest year of a `prior` award on basis cong_trang that is at least five years
    before y (the one BK_TTG-I / HCLD3-I build on), or None."""
    best = None
    limit = ctx.year - PRIOR_GAP
    for a in ctx.nominee.awards:
        if a.award == prior and a.basis == CONG_TRANG and a.year <= limit and (
            best is None or a.year > best
        ):
            best = a.year
    return best


def achievement_window(ctx: Ctx) -> tuple[int, int]:
    """The years whose achievements the award rests on (GEN-DISCIPLINE's window).

    Yearly titles and Giấy khen: y. CSTD_TINH: y-2..y. CSTDTQ: y-5..y (both CSTĐ cấp tỉnh
    cycles). BK_TINH: y-1..y (the shortest run BK_TINH-I accepts; a longer run is cut at a
    blocked year by the rule itself). BK_TTG and HCLD3 for individuals: the years after the
    prior award they build on (`_basis_prior`) up to y; without one, y-4..y.
    """
    y = ctx.year
    award = ctx.award
    if ctx.basis == CONG_TRANG:
        prior = PRIOR_REQUIRED.get((award, ctx.kind))
        if prior is not None:
            base = _basis_prior(ctx, prior)
            if base is not None:
                return base + 1, y
    return y - WINDOW_BACK[award], y


def _after_prior(ctx: Ctx, prior: str, need_htxs: bool) -> Outcome:
    """BK_TTG-I and HCLD3-I: a prior award on basis cong_trang, then every year after it up
    to y rated HTT or better (at least five), with at least three CSTĐCS (and for HCLD3 at
    least one HTXS) among those years. That is one point of a "one of several criteria"
    clause (Luật Điều 73 k1 b, Điều 44 k1 e): not met → manual, naming the other points.

    When several prior awards qualify, the latest one at least five years back is the one
    built on (our reading [I], shown in the verdict when there is a choice: the five years
    follow the award they build on, and years before it were what it rewarded). Years a
    discipline touches are blocked whole (our reading [I], shown when it cuts the years)."""
    y = ctx.year
    award = ctx.award
    if ctx.basis != CONG_TRANG:
        return MANUAL, (
            f"{NAME[award]} theo {BASIS_LABEL[ctx.basis]}: tiêu chuẩn ở đây là tiêu chuẩn khen"
            " theo công trạng, cần xét theo tiêu chuẩn của loại khen thưởng này."
        )
    prior_name = SHORT[prior]
    counting = sorted({
        a.year for a in ctx.nominee.awards
        if a.award == prior and a.basis == CONG_TRANG and a.year < y
    })
    if not counting:
        left_out = sorted(
            (a.year, a.basis) for a in ctx.nominee.awards if a.award == prior and a.year < y
        )
        note = ""
        if left_out:
            listed = ", ".join(f"{yr} ({BASIS_LABEL[b]})" for yr, b in left_out)
            note = (
                f"; {prior_name} năm {listed} không phải khen theo công trạng nên không được"
                " tính"
            )
        return _other_points(ctx, f"chưa có {prior_name} theo công trạng trước năm {y}{note}.")
    base = _basis_prior(ctx, prior)
    if base is None:
        latest = counting[-1]
        return _other_points(ctx, (
            f"đã có {prior_name} ({latest}) nhưng từ {latest + 1} đến {y} mới có {y - latest}"
            f" năm; cần ít nhất {PRIOR_GAP} năm liên tục hoàn thành tốt nhiệm vụ trở lên sau đó."
        ))
    choice = ""
    if len(counting) > 1:
        choice = (
            f"có {len(counting)} {prior_name} theo công trạng ({_years(counting)}); hệ thống tính"
            f" từ lần gần nhất cách năm {y} ít nhất {PRIOR_GAP} năm ({base})"
        )
    by_year = ctx.by_year
    count_from = ctx.count_from
    breaks: list[str] = []
    cstdcs: list[int] = []
    htxs: list[int] = []
    first = base + 1
    discipline = ""
    if first < count_from:
        first = min(count_from, y + 1)
        discipline = READING_DISCIPLINE
        breaks.append(
            f"năm {_span(base + 1, first - 1)} chưa được tính vì thành tích chỉ tính từ khi hết"
            " kỷ luật"
        )
    reading = _readings(choice, discipline)
    for yr in range(first, y + 1):
        f = by_year.get(yr)
        if f is None or f.rating is None or RATING_RANK[f.rating] < HTT_RANK:
            breaks.append(_year_state(ctx, yr))
        else:
            if "CSTDCS" in f.titles:
                cstdcs.append(yr)
            if f.rating == "HTXS":
                htxs.append(yr)
    head = f"Đã có {prior_name} ({base})"
    if breaks:
        return _with_reading(_other_points(ctx, (
            f"{head[:1].lower()}{head[1:]} nhưng các năm {_span(base + 1, y)} chưa liên tục hoàn"
            f" thành tốt nhiệm vụ trở lên: {'; '.join(breaks)}."
        )), reading)
    run = f"{head}; {y - base} năm liên tục {_span(base + 1, y)} hoàn thành tốt nhiệm vụ trở lên"
    c_text = f"{len(cstdcs)} lần CSTĐCS" + (f" ({_years(cstdcs)})" if cstdcs else "")
    h_text = f"{len(htxs)} năm hoàn thành xuất sắc" + (f" ({_years(htxs)})" if htxs else "")
    lacking = []
    if len(cstdcs) < 3:
        lacking.append(f"chỉ có {c_text}, cần ít nhất 3")
    if need_htxs and not htxs:
        lacking.append("không có năm nào hoàn thành xuất sắc nhiệm vụ, cần ít nhất 1")
    if lacking:
        return _with_reading(_other_points(
            ctx, f"{run[:1].lower()}{run[1:]}, nhưng {'; '.join(lacking)}."), reading)
    if need_htxs:
        return _with_reading((PASS, f"{run}; {c_text}; {h_text}."), reading)
    return _with_reading((PASS, f"{run}; {c_text}."), reading)

def unverified_fixed(award: str, kind: str) -> Outcome:
    return MANUAL, (
        f"tiêu chuẩn {NAME[award]} cho tập thể chưa được đối chiếu văn bản trong hệ thống;"
        " người thẩm định xét theo điều luật được dẫn."
    )



def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _readings(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def _with_reading(outcome: Outcome, reading: str) -> Outcome:
    return (outcome[0], outcome[1], reading) if reading else outcome

