"""Awards the head of the unit decides (LDTT, CSTDCS, TTLDTT, Giấy khen) are awarded by
the head's decision when they sign, recorded in the nominee's history, and never reach the
bloc, the council or the board."""

from datetime import date

from viewflow.workflow.status import PROCESS

from nominations.models import Honour
from workflows.models import TaskDeadline
from workflows.selectors import processes_of

from .helpers import advance, make_dossier, open_task, post_step, review_data


def test_a_cstdcs_dossier_is_decided_by_the_unit_head_and_never_reaches_the_council(
        world, client):
    dossier = make_dossier(world, "CSTDCS")
    task = advance(world, dossier, "unit_head_submit")

    response = post_step(client, world.head, task, review_data(
        dossier, unit_decision_number="15/QĐ-ĐV", unit_decision_date="2025-12-15"))

    assert response.status_code == 302, response.content[:2000]
    dossier.refresh_from_db()
    assert dossier.status == "decided"
    assert processes_of(dossier).get().status == PROCESS.DONE
    assert set(TaskDeadline.objects.filter(dossier=dossier).values_list("step", flat=True)) == {
        "unit_head_submit"}
    honour = Honour.objects.get(nomination__dossier=dossier)
    assert (honour.award.code, honour.decision_number, honour.decision_date) == (
        "CSTDCS", "15/QĐ-ĐV", date(2025, 12, 15))


def test_unit_level_awards_stay_at_the_unit_while_the_provincial_ones_go_on(world):
    dossier = make_dossier(world, "LDTT", "CSTD_TINH")
    ldtt, cstd_tinh = dossier.nominations.order_by("pk")

    task = advance(world, dossier, "council_review")

    ldtt.refresh_from_db()
    cstd_tinh.refresh_from_db()
    assert (ldtt.status, ldtt.outcome_step) == ("awarded", "unit_head_submit")
    assert cstd_tinh.status == "active"
    assert task == open_task(dossier, "council_review")


def test_unit_head_must_give_the_decision_number_for_unit_level_awards(world, client):
    dossier = make_dossier(world, "GIAY_KHEN")
    task = advance(world, dossier, "unit_head_submit")

    response = post_step(client, world.head, task, review_data(dossier))

    assert response.status_code == 200
    assert "Vui lòng nhập số quyết định khen thưởng của thủ trưởng đơn vị." in (
        response.content.decode())
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_signature"
