from datetime import date

from .helpers import advance, execute_url, make_dossier, open_task, post_step, review_data


def test_partial_rejection_at_council_rejects_one_nomination_and_the_rest_go_on(
        world, client, django_capture_on_commit_callbacks, signals_seen):
    dossier = make_dossier(world, "CSTD_TINH", "BK_TINH")
    task = advance(world, dossier, "council_review")
    first, second = dossier.nominations.order_by("pk")
    with django_capture_on_commit_callbacks(execute=True):
        response = post_step(client, world.secretary, task, review_data(
            dossier, reject={first.pk: "Không đạt 90% phiếu"}))
    assert response.status_code == 302

    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, first.outcome_reason, first.outcome_step) == (
        "rejected", "Không đạt 90% phiếu", "council_review")
    assert second.status == "active"
    assert open_task(dossier, "board_appraisal")
    rejected = [kw for name, kw in signals_seen if name == "nomination_rejected"]
    assert [kw["nomination"].pk for kw in rejected] == [first.pk]


def test_rejecting_a_nomination_without_a_reason_is_refused(world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")
    n = dossier.nominations.get()

    response = post_step(client, world.secretary, task,
                         {"action": "forward", f"outcome_{n.pk}": "reject"})

    assert response.status_code == 200
    assert "Vui lòng nêu lý do không đề nghị." in response.content.decode()


def test_rejecting_every_nomination_closes_the_dossier(world):
    from workflows import services
    from workflows.services import NominationOutcome

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")
    n = dossier.nominations.get()

    services.complete_review(user=world.secretary, task=task, action="forward",
                             outcomes={n.pk: NominationOutcome(False, "Không đạt")})

    dossier.refresh_from_db()
    assert dossier.status == "closed"


def test_council_ballot_is_stored_and_prefills_the_council_task(
        world, client, django_capture_on_commit_callbacks):
    from blocs import services as council

    dossier = make_dossier(world, "CSTD_TINH")
    task = advance(world, dossier, "council_review")
    n = dossier.nominations.get()
    meeting = council.open_council_meeting(
        user=world.secretary, province=world.province, held_on=date(2026, 1, 20),
        title="Họp Hội đồng", member_names=[f"Thành viên {i}" for i in range(10)])
    council.record_council_ballot(user=world.secretary, meeting=meeting, nomination=n,
                                  votes_for=8, votes_against=2)  # 80 % < VOTE-90

    with django_capture_on_commit_callbacks(execute=True):
        council.close_council_meeting(user=world.secretary, meeting=meeting)

    n.refresh_from_db()
    assert n.council_result == "failed"
    assert list(n.events.filter(action__startswith="council").values_list(
        "action", flat=True)) == ["council_ballot"]  # written once, by the meeting's close
    client.force_login(world.secretary)
    response = client.get(execute_url(task))
    assert 'data-testid="council-result"' in response.content.decode()
    assert response.context["form"][f"outcome_{n.pk}"].value() == "reject"


def test_council_vote_result_is_not_shown_for_a_nomination_the_council_did_not_ballot(
        world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    advance(world, dossier, "board_appraisal")  # the secretary forwarded it, no ballot
    task = open_task(dossier, "board_appraisal")

    client.force_login(world.specialist)
    page = client.get(execute_url(task)).content.decode()

    assert "Hội đồng bỏ phiếu" not in page
    assert dossier.nominations.get().council_result == ""
