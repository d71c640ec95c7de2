from datetime import date

from viewflow.workflow.status import PROCESS

from nominations.models import Honour
from workflows.models import TaskDeadline
from workflows.selectors import processes_of

from .helpers import make_dossier, open_task, post_step, review_data, send, signed_pdf


def test_full_route_to_a_decision_writes_each_award_into_the_nominees_history(
        world, client, django_capture_on_commit_callbacks, signals_seen):
    dossier = make_dossier(world, "BK_TINH", "CSTD_TINH")
    with django_capture_on_commit_callbacks(execute=True):
        send(world, dossier)
        steps = [
            ("unit_head_submit", world.head),
            ("bloc_vote", world.bloc_leader),
            ("council_review", world.secretary),
            ("board_appraisal", world.specialist),
        ]
        for step, user in steps:
            response = post_step(client, user, open_task(dossier, step), review_data(dossier))
            assert response.status_code == 302, (step, response.content[:2000])
        response = post_step(client, world.board_head, open_task(dossier, "board_head_approval"),
                             {"action": "approve"})
        assert response.status_code == 302, response.content[:2000]
        decision_task = open_task(dossier, "committee_decision")
        data = {"action": "decide", "confirm": "1",
        "number": "123/QĐ-UBND", "date": "2025-12-20",
                "signer": "Chủ tịch UBND tỉnh"}
        for n in dossier.nominations.all():
            data[f"awarded_{n.pk}"] = "on"
        response = post_step(client, world.committee, decision_task, data)
        assert response.status_code == 302, response.content[:2000]
        dossier.refresh_from_db()
        assert dossier.status == "committee_decision"  # drafted: not final before signing
        assert not Honour.objects.filter(nomination__dossier=dossier).exists()
        response = post_step(client, world.committee_leader, open_task(dossier, "committee_sign"),
                             {"action": "sign", "number": "123/QĐ-UBND", "date": "2025-12-20",
                              "signer": "Chủ tịch UBND tỉnh", "confirm": "on",
                              "signed_file": signed_pdf()})
        assert response.status_code == 302, response.content[:2000]

    dossier.refresh_from_db()
    assert dossier.status == "decided"
    honours = Honour.objects.filter(nomination__dossier=dossier)
    assert honours.count() == 2
    assert {h.decision_number for h in honours} == {"123/QĐ-UBND"}
    assert {h.decision_date for h in honours} == {date(2025, 12, 20)}
    assert set(dossier.nominations.values_list("status", flat=True)) == {"awarded"}
    assert dossier.attachments.get(kind="signed_decision").original_name == (
        "quyet-dinh-da-ky.pdf")
    assert processes_of(dossier).get().status == PROCESS.DONE
    assert not TaskDeadline.objects.filter(dossier=dossier, finished_at__isnull=True).exists()
    names = [name for name, _ in signals_seen]
    assert "history_changed" in names and "dossier_decided" in names
