from blocs.signals import bloc_vote_closed
from workflows.models import TaskDeadline

from .helpers import YEAR, advance, make_dossier, open_task


def test_closed_bloc_vote_releases_waiting_dossier_with_the_blocs_result_per_nomination(
        world, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "BK_TINH", "CO_TINH", "CSTD_TINH")
    with django_capture_on_commit_callbacks(execute=True):
        task = advance(world, dossier, "bloc_vote")
    bk, co, cstd = dossier.nominations.order_by("pk")

    bloc_vote_closed.send(sender=None, bloc_id=world.bloc.pk, year=YEAR, session_id=7,
                          results={bk.pk: "approved", co.pk: "rejected"},
                          reasons={co.pk: "Không dẫn đầu Khối"})

    task.refresh_from_db()
    assert task.status == "DONE"
    bk.refresh_from_db(), co.refresh_from_db(), cstd.refresh_from_db()
    assert (bk.status, bk.bloc_result) == ("active", "approved")
    assert (co.status, co.outcome_reason, co.outcome_step) == (
        "rejected", "Không dẫn đầu Khối", "bloc_vote")
    assert cstd.status == "active" and cstd.bloc_result == ""
    assert open_task(dossier, "council_review")


def test_bloc_vote_of_another_year_leaves_the_dossier_waiting(world):
    dossier = make_dossier(world, "BK_TINH")
    task = advance(world, dossier, "bloc_vote")

    bloc_vote_closed.send(sender=None, bloc_id=world.bloc.pk, year=YEAR - 1, session_id=1,
                          results={n.pk: "approved" for n in dossier.nominations.all()})

    task.refresh_from_db()
    assert task.status == "NEW"


def test_unit_outside_any_bloc_goes_from_signature_straight_to_the_council(world):
    dossier = make_dossier(world, "BK_TINH", unit=world.other_unit)

    advance(world, dossier, "council_review")

    assert not TaskDeadline.objects.filter(dossier=dossier, step="bloc_vote").exists()


def test_dossier_without_awards_via_blocs_skips_the_bloc_vote(world):
    dossier = make_dossier(world, "CSTD_TINH")

    advance(world, dossier, "council_review")

    assert not TaskDeadline.objects.filter(dossier=dossier, step="bloc_vote").exists()


def test_bloc_leader_records_the_result_himself_before_the_vote_is_closed(world, client):
    from .helpers import post_step, review_data

    dossier = make_dossier(world, "BK_TINH")
    task = advance(world, dossier, "bloc_vote")
    n = dossier.nominations.get()

    response = post_step(client, world.bloc_leader, task,
                         review_data(dossier, reject={n.pk: "Khối không suy tôn"}))

    assert response.status_code == 302
    n.refresh_from_db()
    assert (n.status, n.bloc_result) == ("rejected", "rejected")
    dossier.refresh_from_db()
    assert dossier.status == "closed"
