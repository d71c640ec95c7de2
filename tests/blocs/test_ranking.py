"""Unit tests of the pure ranking module (no database)."""

from __future__ import annotations

from decimal import Decimal

from blocs.ranking import (
    CriterionSpec,
    ScoreEntry,
    majority,
    meets_threshold,
    rank_members,
)

BASE = CriterionSpec(key="base", max_points=Decimal(100))
BONUS = CriterionSpec(key="bonus", max_points=Decimal(10), is_bonus=True,
                      eligible=frozenset({"A"}))


def _scores(points: dict[tuple[str, str], float], members=("A", "B", "C")):
    """points[(scored, criterion)] given identically by every peer."""
    return [ScoreEntry(scorer=s, scored=m, criterion=c, points=Decimal(str(p)))
            for (m, c), p in points.items() for s in members if s != m]


def _by_member(rows):
    return {r.member: r for r in rows}


def test_fair_total_is_raw_over_max_attainable_times_100():
    rows = _by_member(rank_members(members=["A", "B", "C"], criteria=[BASE, BONUS],
                                   scores=_scores({("A", "base"): 80, ("A", "bonus"): 8,
                                                   ("B", "base"): 70, ("C", "base"): 60})))
    assert rows["A"].raw_total == Decimal("88.00")
    assert rows["A"].max_attainable == Decimal("110.00")
    assert rows["A"].fair_total == Decimal("80.00")
    assert rows["B"].max_attainable == Decimal("100.00")
    assert rows["B"].fair_total == Decimal("70.00")


def test_member_without_bonus_is_not_ranked_below_for_lacking_the_bonus():
    # same performance rate (90 %) everywhere: A earns 9/10 bonus, B cannot earn it
    rows = _by_member(rank_members(members=["A", "B", "C"], criteria=[BASE, BONUS],
                                   scores=_scores({("A", "base"): 90, ("A", "bonus"): 9,
                                                   ("B", "base"): 90, ("C", "base"): 50})))
    assert rows["A"].raw_rank == 1 and rows["B"].raw_rank == 2  # raw: B below, for the bonus
    assert rows["A"].fair_rank == rows["B"].fair_rank == 1  # fair: tied
    assert rows["A"].tied and rows["B"].tied


def test_better_base_beats_a_bonus_on_the_fair_total():
    rows = rank_members(members=["A", "B", "C"], criteria=[BASE, BONUS],
                        scores=_scores({("A", "base"): 85, ("A", "bonus"): 10,
                                        ("B", "base"): 95, ("C", "base"): 50}))
    assert [r.member for r in rows] == ["B", "A", "C"]
    assert _by_member(rows)["A"].raw_rank == 1


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    rows = rank_members(members=["A", "B", "C", "D"], criteria=[BASE],
                        scores=_scores({("A", "base"): 90, ("B", "base"): 80,
                                        ("C", "base"): 80, ("D", "base"): 70},
                                       members=("A", "B", "C", "D")))
    assert [(r.member, r.fair_rank, r.tied) for r in rows] == [
        ("A", 1, False), ("B", 2, True), ("C", 2, True), ("D", 4, False)]


def test_ties_are_exact_not_rounded():
    # A averages 2/3, B 0.67: both display 0.67, but only exact equality is a tie
    crit = CriterionSpec(key="c", max_points=Decimal(1))
    scores = [
        ScoreEntry("B", "A", "c", Decimal("1")), ScoreEntry("C", "A", "c", Decimal("1")),
        ScoreEntry("D", "A", "c", Decimal("0")),
        ScoreEntry("A", "B", "c", Decimal("0.67")), ScoreEntry("C", "B", "c", Decimal("0.67")),
        ScoreEntry("D", "B", "c", Decimal("0.67")),
    ]
    rows = _by_member(rank_members(members=["A", "B", "C", "D"], criteria=[crit],
                                   scores=scores))
    assert rows["A"].raw_total == rows["B"].raw_total == Decimal("0.67")
    assert rows["B"].raw_rank == 1 and rows["A"].raw_rank == 2
    assert not rows["A"].raw_tied and not rows["A"].tied


def test_weights_multiply_points_and_maximum():
    heavy = CriterionSpec(key="h", max_points=Decimal(10), weight=Decimal(3))
    light = CriterionSpec(key="l", max_points=Decimal(10))
    rows = _by_member(rank_members(members=["A", "B"], criteria=[heavy, light],
                                   scores=[ScoreEntry("B", "A", "h", Decimal(10)),
                                           ScoreEntry("B", "A", "l", Decimal(0)),
                                           ScoreEntry("A", "B", "h", Decimal(0)),
                                           ScoreEntry("A", "B", "l", Decimal(10))]))
    assert rows["A"].raw_total == Decimal("30.00") and rows["A"].max_attainable == Decimal("40.00")
    assert rows["A"].fair_total == Decimal("75.00")
    assert rows["B"].fair_total == Decimal("25.00")


def test_points_are_averaged_over_the_peers_who_scored():
    rows = _by_member(rank_members(members=["A", "B", "C"], criteria=[BASE],
                                   scores=[ScoreEntry("B", "A", "base", Decimal(90)),
                                           ScoreEntry("C", "A", "base", Decimal(80))]))
    assert rows["A"].raw_total == Decimal("85.00")
    assert rows["A"].scorers == 2
    assert rows["B"].scorers == 0 and rows["B"].raw_total == Decimal("0.00")


def test_self_scores_and_ineligible_bonus_points_are_ignored():
    rows = _by_member(rank_members(members=["A", "B"], criteria=[BASE, BONUS],
                                   scores=[ScoreEntry("A", "A", "base", Decimal(100)),
                                           ScoreEntry("B", "A", "base", Decimal(50)),
                                           ScoreEntry("A", "B", "base", Decimal(50)),
                                           ScoreEntry("A", "B", "bonus", Decimal(10))]))
    assert rows["A"].raw_total == Decimal("50.00")
    assert rows["B"].raw_total == Decimal("50.00")
    assert rows["B"].per_criterion["bonus"] is None


def test_majority_means_more_than_half_of_all_members():
    assert majority(5, 9)
    assert not majority(4, 9)
    assert not majority(5, 10)
    assert majority(6, 10)


def test_threshold_uses_integer_arithmetic_on_all_members():
    assert meets_threshold(8, 10, 80)
    assert not meets_threshold(7, 10, 80)
    assert meets_threshold(9, 10, 90)
    assert not meets_threshold(8, 10, 90)
    # 79.x % vs 80 %: 15 of 19 = 78.9 %, 16 of 20 = 80 %
    assert not meets_threshold(15, 19, 80)
    assert meets_threshold(16, 20, 80)


def test_threshold_zero_always_passes_and_no_members_never_passes():
    assert meets_threshold(0, 10, 0)
    assert not meets_threshold(0, 0, 80)
