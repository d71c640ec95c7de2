"""One function per rule id of LAW-2022.md.

Each function takes the check's `Ctx` and returns ``(result, message)``: result is
``"pass" | "fail" | "manual"``; the message is Vietnamese, names the concrete years and
counts, and is written for a unit officer. The engine adds the citation, the
"(Diễn giải của hệ thống) " flag for [I] rules and the "Cần người thẩm định xem xét: "
lead for manual results, so the functions here say only what they found.

A function may return a third item, ``(result, message, reading)``: a Vietnamese note
naming one of *our* readings of the law that this outcome rests on (an initiative window,
the choice of a prior award, discipline blocking whole years, 1 sáng kiến + 1 đề tài
counted as "02"). The engine then marks that verdict entry as an interpretation
(``confidence "I"``, the flag, and the note at the end of the message), whatever the
rule's own confidence in the catalogue.

"One of several criteria" awards (`ONE_OF`): Bằng khen cấp tỉnh (Luật Điều 74 k1),
Bằng khen của Thủ tướng (Điều 73 k1) and Huân chương Lao động hạng Ba (Điều 44 k1) are
granted to an individual meeting ONE of the clause's points. Only one point of each can be
decided from the facts (74 k1 d, 73 k1 b, 44 k1 e); when it is not met, the rules that
judge it (the award's own rule, and GEN-LOWER / GEN-BASIS / GEN-ONE-USE where they only
judge a condition of that point) answer "manual", naming the points the reviewer must
weigh, never "fail".

Shared readings (documented once here, used by several rules):

- A year absent from `nominee.years` is unknown: it is never counted as met and it breaks
  any consecutive run. A year present with `rating` None is "not rated".
- Discipline: every year a discipline period touches (from its start year to its end year;
  to the evaluation year when it has no end) is *blocked*: achievements count only from the
  day the discipline ends. GEN-DISCIPLINE fails when a blocked year falls inside the award's
  achievement window (see `achievement_window`); runs of years (BK_TINH-I, BK_TTG-I,
  HCLD3-I) never cross a blocked year either.
- Initiatives count only when dated inside the rule's window, with the scope the rule asks
  for, and (with `one_use_initiatives`, the default) not already used for another award.
- A prior award counts for BK_TTG-I / HCLD3-I only on basis `cong_trang` and only for a year
  before the evaluation year (GEN-BASIS reports the ones left out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from .config import EligibilityConfig
from .facts import (
    COLLECTIVE,
    CONG_TRANG,
    INDIVIDUAL,
    INDIVIDUAL_TITLES,
    RATING_RANK,
    SCOPE_RANK,
    Case,
    Discipline,
    Initiative,
    MemberFigures,
    YearFacts,
)

PASS = "pass"
FAIL = "fail"
MANUAL = "manual"

Outcome = tuple[str, str] | tuple[str, str, str]  # (result, message[, reading])

# ---------------------------------------------------------------- Vietnamese labels

NAME = {
    "LDTT": "Lao động tiên tiến",
    "CSTDCS": "Chiến sĩ thi đua cơ sở",
    "CSTD_TINH": "Chiến sĩ thi đua cấp tỉnh",
    "CSTDTQ": "Chiến sĩ thi đua toàn quốc",
    "TTLDTT": "Tập thể lao động tiên tiến",
    "TTLDXS": "Tập thể lao động xuất sắc",
    "CO_TINH": "Cờ thi đua của UBND tỉnh",
    "CO_CP": "Cờ thi đua của Chính phủ",
    "GIAY_KHEN": "Giấy khen",
    "BK_TINH": "Bằng khen của Chủ tịch UBND tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng Chính phủ",
    "HCLD3": "Huân chương Lao động hạng Ba",
}
SHORT = {
    **NAME,
    "LDTT": "LĐTT",
    "CSTDCS": "CSTĐCS",
    "CSTD_TINH": "CSTĐ cấp tỉnh",
    "CSTDTQ": "CSTĐ toàn quốc",
    "TTLDXS": "Tập thể LĐXS",
    "BK_TINH": "Bằng khen cấp tỉnh",
    "BK_TTG": "Bằng khen của Thủ tướng",
}
RATING_LABEL = {
    "HTXS": "hoàn thành xuất sắc nhiệm vụ",
    "HTT": "hoàn thành tốt nhiệm vụ",
    "HT": "hoàn thành nhiệm vụ",
    "KHT": "không hoàn thành nhiệm vụ",
}
BASIS_LABEL = {
    "cong_trang": "công trạng",
    "dot_xuat": "đột xuất",
    "chuyen_de": "chuyên đề",
    "cong_hien": "quá trình cống hiến",
    "nien_han": "niên hạn",
    "doi_ngoai": "đối ngoại",
}
SCOPE_LABEL = {"co_so": "cơ sở", "tinh": "tỉnh", "toan_quoc": "toàn quốc"}
FORM_LABEL = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "ha_bac_luong": "hạ bậc lương",
    "cach_chuc": "cách chức",
    "buoc_thoi_viec": "buộc thôi việc",
}

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


# Our readings (rules.py docstring): the notes a rule returns as the third item.
READING_MIXED = (
    "1 sáng kiến và 1 đề tài được tính là đủ \"02\" (văn bản ghi 02 sáng kiến hoặc 02 đề"
    " tài)"
)
READING_DISCIPLINE = (
    "kỷ luật chặn trọn các năm mà thời hạn kỷ luật chạm tới (không tính theo ngày hết kỷ"
    " luật)"
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


_NEED = {code: f"{label} trở lên" if code != "HTXS" else label
         for code, label in RATING_LABEL.items()}


def _rating_at_least(ctx: Ctx, minimum: str) -> tuple[str, str]:  # no reading
    y = ctx.year
    need = _NEED[minimum]
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


def unverified_fixed(award: str, kind: str) -> Outcome:
    return MANUAL, (
        f"tiêu chuẩn {NAME[award]} cho tập thể chưa được đối chiếu văn bản trong hệ thống;"
        " người thẩm định xét theo điều luật được dẫn."
    )



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


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


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


def _readings(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def _with_reading(outcome: Outcome, reading: str) -> Outcome:
    return (outcome[0], outcome[1], reading) if reading else outcome


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


def hcld3_i(ctx: Ctx) -> Outcome:
    """HCLD3-I: a prior BK_TTG on basis cong_trang (the same basis filter as BK_TTG-I); at
    least five consecutive years after it up to y rated HTT or better, with at least one
    HTXS and at least three CSTDCS among them."""
    return _after_prior(ctx, "BK_TTG", need_htxs=True)


def hcld3_c(ctx: Ctx) -> Outcome:
    """HCLD3-C (manual): the text is not yet verified."""
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


# The rule functions that count initiatives, each by the criterion `_initiative_need` names
# for its award: `engine.RuleBook.initiatives_counted` asks `counted_initiatives` only when
# one of them applies to the case on its `as_of`.
INITIATIVE_RULES: frozenset[Callable[[Ctx], Outcome]] = frozenset({
    cstdcs_2, cstd_tinh_2, cstdtq_2, bk_tinh_i,
})
