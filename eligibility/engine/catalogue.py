"""The rule catalogue of LAW-2022.md as data: rule sets by date, and every rule with the
awards and nominee kinds it applies to, its citation, confidence, dates and function.

Order matters: a verdict lists the applicable rules in this order (GEN-* first).
Citations may hold ``{nd}``: the decree in force in the rule set judging the case
(NĐ 98/2023/NĐ-CP until 30/06/2025, NĐ 152/2025/NĐ-CP from 01/07/2025).

A rule whose citation (or text) changed with the decree is held as one *version* per
decree, each with its own dates (`_by_decree`): the two versions of GEN-PENDING, say,
carry the same id and never apply on the same day. NĐ 152/2025 has its own article
numbers; where a number could not be checked against the decree's text, the citation says
so ("số khoản chưa đối chiếu") rather than guess (docs/eligibility.md § 10).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from . import rules as r
from .facts import AWARDS, COLLECTIVE, INDIVIDUAL, KINDS
from .messages import RULE_TITLES

LAW_IN_FORCE = date(2024, 1, 1)
DECREE_152_IN_FORCE = date(2025, 7, 1)
DECREE_98_LAST_DAY = date(2025, 6, 30)

Confidence = str  # "L" (the law's own words), "P" (as restated), "I" (our interpretation)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The texts in force between two dates (both inclusive; `effective_to` None: open)."""

    id: str
    effective_from: date
    effective_to: date | None
    decree: str  # how citations name the detailing decree ({nd})


RULE_SETS: tuple[RuleSet, ...] = (
    RuleSet("luat-06-2022+nd-98-2023", LAW_IN_FORCE, DECREE_98_LAST_DAY, "NĐ 98/2023/NĐ-CP"),
    RuleSet("luat-06-2022+nd-152-2025", DECREE_152_IN_FORCE, None, "NĐ 152/2025/NĐ-CP"),
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One catalogue rule. `confidence` is "L", "P", "I", or None where the text has not
    been verified (the rule is then manual). The rule applies to a case when the case's
    award is in `awards`, the nominee's kind in `kinds`, and `as_of` within the dates.
    `fixed`, when given, returns the outcome for an (award, kind) where it does not depend
    on the facts (or None): the engine then computes it once, not per check."""

    id: str
    awards: frozenset[str]
    kinds: frozenset[str]
    citation: str
    confidence: Confidence | None
    check: Callable[[r.Ctx], r.Outcome]
    summary: str
    effective_from: date = LAW_IN_FORCE
    effective_to: date | None = None
    fixed: Callable[[str, str], r.Outcome | None] | None = None

    def in_force(self, day: date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


_ALL = frozenset(AWARDS)
_BOTH = frozenset(KINDS)
_IND = frozenset({INDIVIDUAL})
_COL = frozenset({COLLECTIVE})
LUAT = "Luật TĐKT 2022"


def _rule(rule_id: str, awards: str | frozenset[str], kinds: frozenset[str], citation: str,
          confidence: Confidence | None, check: Callable[[r.Ctx], r.Outcome],
          summary: str, fixed: Callable[[str, str], r.Outcome | None] | None = None) -> Rule:
    award_set = frozenset({awards}) if isinstance(awards, str) else awards
    return Rule(rule_id, award_set, kinds, citation, confidence, check, summary, fixed=fixed)


ND98 = "NĐ 98/2023/NĐ-CP"
ND152 = "NĐ 152/2025/NĐ-CP"
# NĐ 152/2025 Điều 4 is the decree's article on principles (as NĐ 98/2023 Điều 4); which of
# its clauses restates each of NĐ 98's has not been checked against the decree's text.
ND152_ART4 = f"{ND152}, Điều 4 (số khoản chưa đối chiếu)"


def _by_decree(rule_id: str, awards: str | frozenset[str], kinds: frozenset[str],
               citations: tuple[str, str], confidence: Confidence | None,
               check: Callable[[r.Ctx], r.Outcome], summary: str,
               fixed: Callable[[str, str], r.Outcome | None] | None = None
               ) -> tuple[Rule, Rule]:
    """Two versions of one rule: citing NĐ 98/2023 (01/01/2024 – 30/06/2025) and NĐ
    152/2025 (from 01/07/2025), `citations` in that order."""
    before, after = citations
    rule = _rule(rule_id, awards, kinds, before, confidence, check, summary, fixed)
    return (
        replace(rule, effective_to=DECREE_98_LAST_DAY),
        replace(rule, citation=after, effective_from=DECREE_152_IN_FORCE),
    )


CATALOGUE: tuple[Rule, ...] = (
    # ------------------------------------------------------------ general (every check)
    *_by_decree("GEN-PENDING", _ALL, _BOTH, (f"{ND98}, Điều 4 khoản 4", ND152_ART4), "P",
                r.gen_pending,
                "Không xét khi đang bị xem xét kỷ luật, điều tra, thanh tra hoặc có khiếu nại"
                " chưa giải quyết."),
    *_by_decree("GEN-DISCIPLINE", _ALL, _BOTH, (f"{ND98}, Điều 4 khoản 4", ND152_ART4), "P",
                r.gen_discipline,
                "Thời gian kỷ luật trùng thời gian xét thành tích: chỉ tính thành tích từ khi"
                " hết kỷ luật."),
    _rule("GEN-POSTHUMOUS", _ALL, _BOTH,
          f"{LUAT}, Điều 21–24 (danh hiệu) so với Điều 73–74 (bằng khen)", "I",
          r.gen_posthumous,
          "Không xét danh hiệu thi đua cho người đã mất; bằng khen, huân chương có thể truy"
          " tặng.", r.gen_posthumous_fixed),
    *_by_decree("GEN-BASIS", _ALL, _BOTH, (f"{ND98}, Điều 4 khoản 3", ND152_ART4), "P",
                r.gen_basis,
                "Khen thưởng đột xuất, theo chuyên đề không tính làm khen thưởng trước theo"
                " công trạng.", r.gen_basis_fixed),
    _rule("GEN-ONE-USE", _ALL, _BOTH,
          f"{LUAT}, Điều 5 khoản 2 điểm c; Công văn 5007/BNV-TĐKT", "P", r.gen_one_use,
          "Một sáng kiến, đề tài chỉ dùng để xét một hình thức khen thưởng.",
          r.gen_one_use_fixed),
    *_by_decree("GEN-LOWER", _ALL, _BOTH, (f"{ND98}, Điều 4 khoản 1", f"{ND152}, Điều 4 khoản 1"),
                "P", r.gen_lower,
                "Không bắt buộc có hình thức thấp hơn trước, trừ khi tiêu chuẩn nêu rõ.",
                r.gen_lower_fixed),
    # ------------------------------------------------------------ individual titles
    _rule("LDTT-1", "LDTT", _IND, f"{LUAT}, Điều 24 khoản 1", "P", r.ldtt_1,
          "Hoàn thành tốt nhiệm vụ trở lên trong năm."),
    *_by_decree("LDTT-2", "LDTT", _IND,
                (f"Thông tư 01/2024/TT-BNV, Điều 1 khoản 5; {ND98}, Điều 4 khoản 5",
                 f"Thông tư 01/2024/TT-BNV, Điều 1 khoản 5; {ND152_ART4}"), "P", r.ldtt_2,
                "Công tác ít nhất 6 tháng tính đến hết năm."),
    _rule("LDTT-3", "LDTT", _IND, f"{LUAT}, Điều 24 khoản 1", "L", r.ldtt_3,
          "Tinh thần, thái độ, tham gia phong trào thi đua (người thẩm định xét)."),
    _rule("CSTDCS-1", "CSTDCS", _IND, f"{LUAT}, Điều 23", "P", r.cstdcs_1,
          "Đạt danh hiệu Lao động tiên tiến trong năm (hoặc đủ tiêu chuẩn)."),
    _rule("CSTDCS-2", "CSTDCS", _IND, f"{LUAT}, Điều 23", "P", r.cstdcs_2,
          "Hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến, đề tài được công nhận trong năm."),
    _rule("CSTD_TINH-1", "CSTD_TINH", _IND, f"{LUAT}, Điều 22 khoản 1 điểm a", "P",
          r.cstd_tinh_1, "Ba lần liên tục đạt Chiến sĩ thi đua cơ sở."),
    _rule("CSTD_TINH-2", "CSTD_TINH", _IND, f"{LUAT}, Điều 22 khoản 1 điểm b", "P",
          r.cstd_tinh_2, "Sáng kiến, đề tài có hiệu quả, nhân rộng trong phạm vi tỉnh."),
    _rule("CSTDTQ-1", "CSTDTQ", _IND, f"{LUAT}, Điều 21 điểm a", "I", r.cstdtq_1,
          "Hai lần liên tục đạt Chiến sĩ thi đua cấp tỉnh."),
    _rule("CSTDTQ-2", "CSTDTQ", _IND, f"{LUAT}, Điều 21 điểm b", "P", r.cstdtq_2,
          "Sáng kiến, đề tài có phạm vi ảnh hưởng toàn quốc."),
    # ------------------------------------------------------------ collective titles
    _rule("TTLDTT-1", "TTLDTT", _COL, f"{LUAT}, Điều 28 khoản 1", "P", r.ttldtt_1,
          "Tập thể hoàn thành tốt nhiệm vụ trở lên."),
    _rule("TTLDTT-2", "TTLDTT", _COL, f"{LUAT}, Điều 28 khoản 1", "P", r.ttldtt_2,
          "Ít nhất 70 % thành viên đạt Lao động tiên tiến."),
    _rule("TTLDTT-3", "TTLDTT", _COL, f"{LUAT}, Điều 28 khoản 1", "P", r.ttldtt_3,
          "Không có thành viên bị kỷ luật từ cảnh cáo trở lên."),
    _rule("TTLDXS-1", "TTLDXS", _COL, f"{LUAT}, Điều 27 khoản 1", "P", r.ttldxs_1,
          "Tập thể hoàn thành xuất sắc nhiệm vụ."),
    _rule("TTLDXS-2", "TTLDXS", _COL, f"{LUAT}, Điều 27 khoản 1", "P", r.ttldxs_2,
          "100 % thành viên hoàn thành nhiệm vụ trở lên, ít nhất 70 % đạt Lao động tiên tiến."),
    _rule("TTLDXS-3", "TTLDXS", _COL, f"{LUAT}, Điều 27 khoản 1", "P", r.ttldxs_3,
          "Có thành viên đạt Chiến sĩ thi đua cơ sở."),
    _rule("TTLDXS-4", "TTLDXS", _COL, f"{LUAT}, Điều 27 khoản 1", "P", r.ttldxs_4,
          "Phong trào thi đua thường xuyên, thiết thực, hiệu quả; nội bộ đoàn kết (người thẩm"
          " định xét)."),
    _rule("CO_TINH-1", "CO_TINH", _COL, f"{LUAT}, Điều 26 khoản 1", "P", r.co_tinh_1,
          "Dẫn đầu khối, cụm thi đua của tỉnh."),
    _rule("CO_TINH-2", "CO_TINH", _COL, f"{LUAT}, Điều 26 khoản 1", "P", r.co_tinh_2,
          "Vượt chỉ tiêu; tổ chức đảng, đoàn thể xuất sắc; tiết kiệm, chống tham nhũng."),
    _rule("CO_CP-1", "CO_CP", _COL, f"{LUAT}, Điều 25 khoản 1", "P", r.co_cp_1,
          "Được chọn trong các tập thể dẫn đầu khối, cụm (có Cờ thi đua của tỉnh)."),
    _rule("CO_CP-2", "CO_CP", _COL, f"{LUAT}, Điều 25 khoản 1", "P", r.co_cp_2,
          "Thành tích tiêu biểu xuất sắc, vượt chỉ tiêu."),
    # ------------------------------------------------------------ awards
    _rule("BK_TINH-I", "BK_TINH", _IND, f"{LUAT}, Điều 74 khoản 1 điểm d", "L", r.bk_tinh_i,
          "Hai năm liên tục CSTĐCS hoặc hoàn thành xuất sắc, có 2 sáng kiến, đề tài (điểm d;"
          " không đạt thì người thẩm định xét các điểm a, b, c)."),
    _rule("BK_TINH-C", "BK_TINH", _COL, f"{LUAT}, Điều 74 khoản 3", "P", r.bk_tinh_c,
          "Hai năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc Tập thể lao động xuất sắc."),
    _rule("BK_TTG-I", "BK_TTG", _IND, f"{LUAT}, Điều 73 khoản 1 điểm b", "L", r.bk_ttg_i,
          "Đã có Bằng khen cấp tỉnh, 5 năm tiếp theo hoàn thành tốt nhiệm vụ, 3 lần CSTĐCS"
          " (điểm b; không đạt thì người thẩm định xét các điểm còn lại)."),
    _rule("BK_TTG-C", "BK_TTG", _COL, f"{LUAT}, Điều 73 khoản 2", None, r.bk_ttg_c,
          "Tiêu chuẩn cho tập thể (chưa đối chiếu văn bản).", r.unverified_fixed),
    _rule("HCLD3-I", "HCLD3", _IND, f"{LUAT}, Điều 44 khoản 1 điểm e", "P", r.hcld3_i,
          "Đã có Bằng khen của Thủ tướng, 5 năm tiếp theo hoàn thành tốt nhiệm vụ, có năm"
          " xuất sắc, 3 lần CSTĐCS (điểm e; không đạt thì người thẩm định xét các điểm còn"
          " lại)."),
    _rule("HCLD3-C", "HCLD3", _COL, f"{LUAT}, Điều 44", None, r.hcld3_c,
          "Tiêu chuẩn cho tập thể (chưa đối chiếu văn bản).", r.unverified_fixed),
    _rule("GIAY_KHEN", "GIAY_KHEN", _BOTH, f"{LUAT}, Điều 75 khoản 2", "L", r.giay_khen,
          "Tiêu chuẩn do tỉnh, ngành quy định."),
)

RULE_VERSIONS: dict[str, tuple[Rule, ...]] = {}
for _entry in CATALOGUE:
    RULE_VERSIONS[_entry.id] = (*RULE_VERSIONS.get(_entry.id, ()), _entry)
# Each id's latest version (the one in force today for rules held per decree).
RULES_BY_ID: dict[str, Rule] = {rule_id: v[-1] for rule_id, v in RULE_VERSIONS.items()}


def rules_in_force(day: date) -> tuple[Rule, ...]:
    """The catalogue's rules in force on `day`, one version per id, in catalogue order."""
    return tuple(rule for rule in CATALOGUE if rule.in_force(day))

def rule_title(rule_id: str) -> str:
    """The short Vietnamese name of a rule (its summary when no name was given)."""
    title = RULE_TITLES.get(rule_id)
    if title:
        return title
    rule = RULES_BY_ID.get(rule_id)
    return rule.summary if rule else rule_id
