"""The cross-scoring ranking, as a pure function (no ORM, no Django). See docs/blocs-scoring.md.

Method
- For each member and each criterion it can earn, the points are the average over the peers
  that scored it (each member scores every other member, never itself).
- raw total = Σ weight × average points, over the criteria the member can earn;
  a bonus criterion counts only for the members eligible to earn it.
- max attainable = Σ weight × max points, over the same criteria.
- fair total = raw total / max attainable × 100 (the share of what THIS member could earn).
- Members are ranked by fair total (competition ranking: 1, 2, 2, 4); equal totals (exact,
  compared as fractions before rounding) share a rank and are flagged as tied. The raw rank
  is computed the same way on raw totals and shown beside it.

Arithmetic is exact (fractions); totals are rounded to 2 decimals only for display.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

Key = Hashable

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CriterionSpec:
    key: Key
    max_points: Decimal
    weight: Decimal = Decimal(1)
    is_bonus: bool = False
    # members that may earn this criterion; only read for bonus criteria
    eligible: frozenset = field(default_factory=frozenset)

    def applies_to(self, member: Key) -> bool:
        return (not self.is_bonus) or member in self.eligible


@dataclass(frozen=True)
class ScoreEntry:
    scorer: Key
    scored: Key
    criterion: Key
    points: Decimal


@dataclass(frozen=True)
class RankRow:
    member: Key
    raw_total: Decimal  # rounded for display
    max_attainable: Decimal
    fair_total: Decimal  # 0–100, rounded for display
    fair_rank: int
    raw_rank: int
    tied: bool  # shares its fair rank with another member
    raw_tied: bool
    scorers: int  # distinct peers who scored this member
    per_criterion: dict  # criterion key -> average points (rounded), None if not applicable
    fair_exact: Fraction = field(repr=False, compare=False, default=Fraction(0))
    raw_exact: Fraction = field(repr=False, compare=False, default=Fraction(0))


def _round(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def _competition_ranks(values: Mapping[Key, Fraction]) -> tuple[dict, dict]:
    """Standard competition ranking ("1224") on descending values; returns (rank, tied)."""
    ordered = sorted(values.values(), reverse=True)
    first_index: dict[Fraction, int] = {}
    counts: dict[Fraction, int] = {}
    for i, v in enumerate(ordered):
        first_index.setdefault(v, i)
        counts[v] = counts.get(v, 0) + 1
    ranks = {m: first_index[v] + 1 for m, v in values.items()}
    tied = {m: counts[v] > 1 for m, v in values.items()}
    return ranks, tied


def rank_members(
    *,
    members: Iterable[Key],
    criteria: Iterable[CriterionSpec],
    scores: Iterable[ScoreEntry],
    labels: Mapping[Key, str] | None = None,
) -> list[RankRow]:
    """Rank `members` by fair total. Scores of non-members, of oneself, for criteria a member
    cannot earn, or for unknown criteria are ignored (the services refuse them anyway).

    `labels` only orders rows inside a tie (alphabetically) so output is stable.
    """
    members = list(dict.fromkeys(members))
    member_set = set(members)
    criteria = list(criteria)
    by_key = {c.key: c for c in criteria}
    # sums[(member, criterion)] = (total points, count)
    sums: dict[tuple[Key, Key], list] = {}
    scorers: dict[Key, set] = {m: set() for m in members}
    for s in scores:
        crit = by_key.get(s.criterion)
        if (crit is None or s.scored not in member_set or s.scorer not in member_set
                or s.scorer == s.scored or not crit.applies_to(s.scored)):
            continue
        acc = sums.setdefault((s.scored, s.criterion), [Fraction(0), 0])
        acc[0] += Fraction(s.points)
        acc[1] += 1
        scorers[s.scored].add(s.scorer)

    raw: dict[Key, Fraction] = {}
    fair: dict[Key, Fraction] = {}
    maxes: dict[Key, Fraction] = {}
    averages: dict[Key, dict] = {}
    for m in members:
        total = Fraction(0)
        max_total = Fraction(0)
        averages[m] = {}
        for c in criteria:
            if not c.applies_to(m):
                averages[m][c.key] = None
                continue
            weight = Fraction(c.weight)
            max_total += weight * Fraction(c.max_points)
            acc = sums.get((m, c.key))
            avg = acc[0] / acc[1] if acc else Fraction(0)
            averages[m][c.key] = avg
            total += weight * avg
        raw[m] = total
        maxes[m] = max_total
        fair[m] = total / max_total * 100 if max_total else Fraction(0)

    fair_rank, fair_tied = _competition_ranks(fair)
    raw_rank, raw_tied = _competition_ranks(raw)
    labels = labels or {}
    rows = [
        RankRow(
            member=m,
            raw_total=_round(raw[m]),
            max_attainable=_round(maxes[m]),
            fair_total=_round(fair[m]),
            fair_rank=fair_rank[m],
            raw_rank=raw_rank[m],
            tied=fair_tied[m],
            raw_tied=raw_tied[m],
            scorers=len(scorers[m]),
            per_criterion={k: (None if v is None else _round(v)) for k, v in averages[m].items()},
            fair_exact=fair[m],
            raw_exact=raw[m],
        )
        for m in members
    ]
    rows.sort(key=lambda r: (r.fair_rank, str(labels.get(r.member, r.member))))
    return rows


def majority(agree: int, members: int) -> bool:
    """Bloc rule: more than half of ALL member units agree (absent or silent units count as
    not agreeing). Integer arithmetic."""
    return agree * 2 > members


def meets_threshold(votes_for: int, members: int, threshold: int) -> bool:
    """Council rule (VOTE-80/VOTE-90): votes for ≥ threshold % of ALL council members.
    Integer arithmetic: votes_for × 100 ≥ threshold × members. A threshold of 0 always passes."""
    if threshold <= 0:
        return True
    if members <= 0:
        return False
    return votes_for * 100 >= threshold * members
