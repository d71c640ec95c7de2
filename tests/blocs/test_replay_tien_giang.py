"""Replay of the Tiền Giang 2022 conference (shared/seeds/004) through the real services."""

from __future__ import annotations

from decimal import Decimal

from blocs import selectors, services
from blocs.models import VoteItem
from nominations.models import BlocMembership, Nomination
from tests.blocs import replay


def _ranking(r):
    return {r.key_of(row["unit"].pk): row["row"] for row in
            selectors.covenant_ranking(r.covenant)}


def test_replay_has_nine_units_and_four_can_earn_the_reform_bonus(tg_covenant):
    r = tg_covenant
    assert selectors.bloc_members(r.bloc, 2022).count() == 9
    bonus = r.criteria["CCHC"]
    assert bonus.is_bonus
    assert {r.key_of(u.pk) for u in bonus.eligible_units.all()} == set(replay.BONUS_UNITS)


def test_replay_every_unit_scores_the_eight_others(tg_scored):
    progress = selectors.scoring_progress(tg_scored.covenant)
    assert [row["done"] for row in progress] == [8] * 9
    assert selectors.units_not_done_scoring(tg_scored.covenant) == []


def test_replay_fair_ranking_puts_nhnn_first(tg_scored):
    rows = selectors.covenant_ranking(tg_scored.covenant)
    order = [tg_scored.key_of(row["unit"].pk) for row in rows]
    assert order == replay.EXPECTED_FAIR_ORDER
    assert rows[0]["row"].fair_rank == 1


def test_replay_shows_raw_and_fair_totals(tg_scored):
    ranks = _ranking(tg_scored)
    assert {k: str(v.fair_total) for k, v in ranks.items()} == replay.EXPECTED_FAIR
    assert {k: str(v.raw_total) for k, v in ranks.items()} == replay.EXPECTED_RAW
    assert ranks["thue"].max_attainable == Decimal("110.00")
    assert ranks["nhnn"].max_attainable == Decimal("100.00")


def test_replay_raw_ranking_would_put_nhnn_below_three_bonus_units(tg_scored):
    ranks = _ranking(tg_scored)
    assert ranks["nhnn"].raw_rank == 4
    assert {k for k, v in ranks.items() if v.raw_rank < 4} == {"thue", "kbnn", "bhxh"}
    assert ranks["nhnn"].fair_rank == 1


def test_replay_ties_are_shown_with_a_shared_rank(tg_scored):
    ranks = _ranking(tg_scored)
    assert ranks["thongke"].fair_rank == ranks["qltt"].fair_rank == 6
    assert ranks["thongke"].tied and ranks["qltt"].tied
    assert ranks["haiquan"].fair_rank == 8  # competition ranking: 6, 6, 8
    assert ranks["nhnn"].raw_tied and ranks["haiquan"].raw_tied  # both 95 raw
    assert not ranks["nhnn"].tied


def test_replay_session_holds_the_ten_via_bloc_nominations(tg_dossiers):
    expected = {n.pk for n in tg_dossiers.nominations.values()}
    assert len(expected) == 10
    got = set(selectors.session_nominations(tg_dossiers.bloc, 2022).values_list("pk", flat=True))
    assert got == expected


def test_replay_vote_counts_keep_no_trace_of_who_voted_how(tg_voted):
    r = tg_voted
    assert r.session.casts.count() == 9
    item = VoteItem.objects.get(session=r.session, nomination=r.nominations[("thue", "CO_TINH")])
    assert (item.agree, item.disagree) == (5, 4)
    field_names = {f.name for f in VoteItem._meta.get_fields()}
    assert not field_names & {"unit", "voter", "user"}


def test_replay_proposes_one_flag_for_nhnn(tg_voted, django_capture_on_commit_callbacks):
    r = tg_voted
    with django_capture_on_commit_callbacks(execute=True):
        replay.close_vote(r)
    flag = r.nominations[("nhnn", "CO_TINH")]
    rival = r.nominations[("thue", "CO_TINH")]
    assert r.results[flag.pk] == "approved"
    assert r.results[rival.pk] == "rejected"
    assert "Điều 26 khoản 1" in VoteItem.objects.get(session=r.session, nomination=rival).reason


def test_replay_proposes_bang_khen_for_eight_units(tg_voted):
    r = tg_voted
    replay.close_vote(r)
    approved_bk = {k for (k, code), n in r.nominations.items()
                   if code == "BK_TINH" and r.results[n.pk] == "approved"}
    assert approved_bk == set(replay.UNITS) - {"nhnn"}
    assert len(approved_bk) == 8


def test_replay_writes_bloc_result_on_each_nomination(tg_voted):
    r = tg_voted
    replay.close_vote(r)
    stored = dict(Nomination.objects.filter(
        pk__in=[n.pk for n in r.nominations.values()]).values_list("pk", "bloc_result"))
    assert stored == r.results
    assert list(stored.values()).count("approved") == 9


def test_replay_releases_waiting_dossiers_through_the_signal(
        tg_voted, bloc_vote_closed_calls, django_capture_on_commit_callbacks):
    r = tg_voted
    with django_capture_on_commit_callbacks(execute=True):
        replay.close_vote(r)
    assert len(bloc_vote_closed_calls) == 1
    payload = bloc_vote_closed_calls[0]
    assert payload["bloc_id"] == r.bloc.pk
    assert payload["year"] == 2022
    assert payload["session_id"] == r.session.pk
    assert payload["results"] == {n.pk: ("rejected" if k == ("thue", "CO_TINH") else "approved")
                                  for k, n in r.nominations.items()}
    rival = r.nominations[("thue", "CO_TINH")].pk
    assert set(payload["reasons"]) == {rival}
    assert "Điều 26 khoản 1" in payload["reasons"][rival]
    # every waiting dossier of the bloc has its nominations in the payload
    waiting = {n.dossier_id for n in r.nominations.values()}
    assert waiting == {d.pk for d in r.dossiers.values()}


def test_replay_signal_is_not_sent_before_commit(tg_voted, bloc_vote_closed_calls,
                                                 django_capture_on_commit_callbacks):
    r = tg_voted
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        replay.close_vote(r)
    assert bloc_vote_closed_calls == []
    assert len(callbacks) >= 1


def test_replay_elects_nhnn_deputy_for_2023(tg_voted):
    r = tg_voted
    assert not BlocMembership.objects.filter(bloc=r.bloc, year=2023).exists()
    replay.close_vote(r)
    roles = dict(BlocMembership.objects.filter(bloc=r.bloc, year=2023)
                 .values_list("unit_id", "role"))
    assert len(roles) == 9
    assert roles[r.units["nhnn"].pk] == "deputy"
    assert roles[r.units["thads"].pk] == "leader"
    assert list(roles.values()).count("member") == 7


def test_replay_minutes_are_generated_as_docx(tg_voted):
    import io

    from docx import Document

    r = tg_voted
    replay.close_vote(r)
    doc = Document(io.BytesIO(bytes(r.session.minutes_docx)))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BIÊN BẢN BÌNH XÉT" in text
    assert "Khối phó: Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang" in text
    assert "04/01/2023" in text
    assert "Cờ thi đua của UBND tỉnh" in cells and "Điều 26 khoản 1" in cells


def test_replay_nhnn_leads_the_2023_bloc_for_its_bloc_leader(tg_voted):
    from nominations.selectors import blocs_led_by
    from tests.factories import UserFactory

    r = tg_voted
    replay.close_vote(r)
    nhnn_leader = UserFactory(roles=["bloc_leader"], unit=r.units["nhnn"], province=r.province)
    assert list(blocs_led_by(nhnn_leader, 2023)) == [r.bloc]
    assert services.selectors.can_manage_bloc(nhnn_leader, r.bloc, 2023)
