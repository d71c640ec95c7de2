"""Covenant, registration and cross-scoring through the services, with their guards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blocs import selectors, services
from blocs.models import Registration, ScoreSheet
from tests.blocs import replay
from tests.blocs.helpers import BLOC_TABLES, snapshot
from tests.factories import UnitFactory, UserFactory


def test_members_register_their_targets(tg_covenant):
    r = tg_covenant
    assert Registration.objects.filter(covenant=r.covenant).count() == 9
    services.register_targets(user=r.officers["nhnn"], covenant=r.covenant,
                              targets="Tăng trưởng tín dụng 12%")
    assert Registration.objects.get(covenant=r.covenant, unit=r.units["nhnn"]).targets == (
        "Tăng trưởng tín dụng 12%")


def test_leader_sees_who_has_not_scored_yet(tg_covenant):
    r = tg_covenant
    replay.cross_score(r, scorers=["nhnn", "thue"])
    missing = {r.key_of(u.pk) for u in selectors.units_not_done_scoring(r.covenant)}
    assert missing == set(replay.UNITS) - {"nhnn", "thue"}
    progress = {r.key_of(row["unit"].pk): row for row in selectors.scoring_progress(r.covenant)}
    assert progress["thads"]["done"] == 0 and len(progress["thads"]["missing"]) == 8


def test_score_above_the_criterion_maximum_is_refused_and_nothing_saved(tg_covenant):
    r = tg_covenant
    points = replay.sheet_points(r, "thads", "nhnn")
    points[r.criteria["TC2"].pk] = Decimal("20.5")  # max 20
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError) as exc:
        services.submit_scores(user=r.officers["thads"], covenant=r.covenant,
                               scored_unit=r.units["nhnn"], points=points)
    assert "vượt quá điểm tối đa 20" in exc.value.messages[0]
    assert snapshot(*BLOC_TABLES) == before


def test_score_above_the_maximum_does_not_replace_an_earlier_sheet(tg_covenant):
    r = tg_covenant
    good = replay.sheet_points(r, "thads", "nhnn")
    services.submit_scores(user=r.officers["thads"], covenant=r.covenant,
                           scored_unit=r.units["nhnn"], points=good)
    before = snapshot(*BLOC_TABLES)
    bad = {**good, r.criteria["TC1"].pk: Decimal(51)}
    with pytest.raises(ValidationError):
        services.submit_scores(user=r.officers["thads"], covenant=r.covenant,
                               scored_unit=r.units["nhnn"], points=bad)
    assert snapshot(*BLOC_TABLES) == before


def test_negative_score_is_refused(tg_covenant):
    r = tg_covenant
    points = {**replay.sheet_points(r, "thads", "nhnn"), r.criteria["TC3"].pk: Decimal(-1)}
    with pytest.raises(ValidationError, match="không được âm"):
        services.submit_scores(user=r.officers["thads"], covenant=r.covenant,
                               scored_unit=r.units["nhnn"], points=points)
    assert not ScoreSheet.objects.exists()


def test_a_unit_cannot_score_itself(tg_covenant):
    r = tg_covenant
    with pytest.raises(ValidationError, match="không tự chấm điểm"):
        services.submit_scores(user=r.officers["nhnn"], covenant=r.covenant,
                               scored_unit=r.units["nhnn"],
                               points=replay.sheet_points(r, "thue", "nhnn"))


def test_bonus_points_for_a_unit_that_cannot_earn_the_bonus_are_refused(tg_covenant):
    r = tg_covenant
    points = {**replay.sheet_points(r, "thue", "nhnn"), r.criteria["CCHC"].pk: Decimal(5)}
    with pytest.raises(ValidationError, match="không thuộc diện được cộng điểm thưởng"):
        services.submit_scores(user=r.officers["thue"], covenant=r.covenant,
                               scored_unit=r.units["nhnn"], points=points)
    assert not ScoreSheet.objects.exists()


def test_a_missing_criterion_is_refused(tg_covenant):
    r = tg_covenant
    points = replay.sheet_points(r, "nhnn", "thue")
    del points[r.criteria["CCHC"].pk]
    with pytest.raises(ValidationError, match="Chưa nhập điểm"):
        services.submit_scores(user=r.officers["nhnn"], covenant=r.covenant,
                               scored_unit=r.units["thue"], points=points)


def test_a_unit_outside_the_bloc_cannot_score(tg_covenant):
    r = tg_covenant
    outsider = UserFactory(roles=["unit_officer"], unit=UnitFactory(province=r.province))
    with pytest.raises(PermissionDenied):
        services.submit_scores(user=outsider, covenant=r.covenant, scored_unit=r.units["nhnn"],
                               points=replay.sheet_points(r, "thue", "nhnn"))


def test_only_the_bloc_leader_defines_criteria(tg_covenant):
    r = tg_covenant
    with pytest.raises(PermissionDenied):
        services.add_criterion(user=r.officers["nhnn"], covenant=r.covenant, code="X",
                               name="Thêm", max_points=5)


def test_criteria_are_fixed_once_scoring_started(tg_scored):
    r = tg_scored
    with pytest.raises(ValidationError, match="không thể thay đổi bộ tiêu chí"):
        services.add_criterion(user=r.leader, covenant=r.covenant, code="X", name="Thêm",
                               max_points=5)


def test_scores_are_locked_once_the_bloc_vote_is_closed(db):
    r = replay.build_replay(until="closed")
    before = snapshot(*BLOC_TABLES)
    with pytest.raises(ValidationError, match="đã kết thúc"):
        services.submit_scores(user=r.officers["thads"], covenant=r.covenant,
                               scored_unit=r.units["nhnn"],
                               points=replay.sheet_points(r, "thads", "nhnn"))
    assert snapshot(*BLOC_TABLES) == before
