"""Orders (Huân chương): Chương III Mục 1 of the 2022 law — Huân chương Lao động hạng Ba
(Điều 44)."""

from __future__ import annotations

from .base import Ctx, Outcome, _after_prior, unverified_fixed

# ================================================================ orders


def hcld3_i(ctx: Ctx) -> Outcome:
    """HCLD3-I: a prior BK_TTG on basis cong_trang (the same basis filter as BK_TTG-I); at
    least five consecutive years after it up to y rated HTT or better, with at least one
    HTXS and at least three CSTDCS among them."""
    return _after_prior(ctx, "BK_TTG", need_htxs=True)


def hcld3_c(ctx: Ctx) -> Outcome:
    """HCLD3-C (manual): the text is not yet verified."""
    return unverified_fixed(ctx.award, ctx.kind)
