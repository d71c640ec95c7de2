"""One function per rule id of LAW-2022.md, grouped as the law is:

- general.py — the general rules checked for every award (GEN-*);
- titles.py — the emulation titles, individual and collective (Chương II, Điều 21–28);
- certificates.py — Bằng khen and Giấy khen (Chương III Mục 5, Điều 73–75);
- orders.py — Huân chương (Chương III Mục 1; HCLD3, Điều 44);
- base.py — what they share (the check's context, initiative criteria, prior-award runs);
  the Vietnamese names and labels they use are in ../messages.py.

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

from collections.abc import Callable

from ..messages import NAME
from .base import (
    FAIL,
    MANUAL,
    PASS,
    Ctx,
    Outcome,
    achievement_window,
    counted_initiatives,
    dmy,
    one_of,
    unverified_fixed,
)
from .certificates import bk_tinh_c, bk_tinh_i, bk_ttg_c, bk_ttg_i, giay_khen
from .general import (
    gen_basis,
    gen_basis_fixed,
    gen_discipline,
    gen_lower,
    gen_lower_fixed,
    gen_one_use,
    gen_one_use_fixed,
    gen_pending,
    gen_posthumous,
    gen_posthumous_fixed,
)
from .orders import hcld3_c, hcld3_i
from .titles import (
    co_cp_1,
    co_cp_2,
    co_tinh_1,
    co_tinh_2,
    cstd_tinh_1,
    cstd_tinh_2,
    cstdcs_1,
    cstdcs_2,
    cstdtq_1,
    cstdtq_2,
    ldtt_1,
    ldtt_2,
    ldtt_3,
    ttldtt_1,
    ttldtt_2,
    ttldtt_3,
    ttldxs_1,
    ttldxs_2,
    ttldxs_3,
    ttldxs_4,
)

# The rule functions that count initiatives, each by the criterion `_initiative_need` names
# for its award: `rulebook.RuleBook.initiatives_counted` asks `counted_initiatives` only when
# one of them applies to the case on its `as_of`.
INITIATIVE_RULES: frozenset[Callable[[Ctx], Outcome]] = frozenset({
    cstdcs_2, cstd_tinh_2, cstdtq_2, bk_tinh_i,
})

__all__ = [
    "FAIL", "INITIATIVE_RULES", "MANUAL", "NAME", "PASS", "Ctx", "Outcome",
    "achievement_window", "bk_tinh_c", "bk_tinh_i", "bk_ttg_c", "bk_ttg_i", "co_cp_1",
    "co_cp_2", "co_tinh_1", "co_tinh_2", "counted_initiatives", "cstd_tinh_1", "cstd_tinh_2",
    "cstdcs_1", "cstdcs_2", "cstdtq_1", "cstdtq_2", "dmy", "gen_basis", "gen_basis_fixed",
    "gen_discipline", "gen_lower", "gen_lower_fixed", "gen_one_use", "gen_one_use_fixed",
    "gen_pending", "gen_posthumous", "gen_posthumous_fixed", "giay_khen", "hcld3_c", "hcld3_i",
    "ldtt_1", "ldtt_2", "ldtt_3", "one_of", "ttldtt_1", "ttldtt_2", "ttldtt_3", "ttldxs_1",
    "ttldxs_2", "ttldxs_3", "ttldxs_4", "unverified_fixed",
]
