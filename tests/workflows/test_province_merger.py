"""A province merged into another (Tiền Giang into Đồng Tháp from 01/07/2025): its open
route tasks are offered to the merged province's people; its finished ones stay its own."""

from datetime import date

from accounts import roles
from nominations import services as domain
from tests.factories import ProvinceFactory, UserFactory
from workflows import selectors
from workflows.models import TaskDeadline

from .helpers import advance, make_dossier


def test_open_tasks_of_a_merged_province_wait_for_the_new_provinces_reviewers(world):
    dossier = make_dossier(world, "CSTD_TINH")
    advance(world, dossier, "council_review")
    into = ProvinceFactory(name="Đồng Tháp")
    secretary = UserFactory(roles=[roles.COUNCIL_SECRETARY], province=into)

    domain.merge_provinces(province=world.province, into=into, on=date(2025, 7, 1))

    waiting = TaskDeadline.objects.get(dossier=dossier, finished_at__isnull=True)
    assert waiting.province_id == into.pk
    assert [t.pk for t in selectors.queue(secretary)] == [waiting.task_id]
    signed = TaskDeadline.objects.get(dossier=dossier, step="unit_head_submit")
    assert signed.province_id == world.province.pk  # done before the merger: stays
