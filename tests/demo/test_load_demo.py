"""`manage.py load_demo` leaves live work: dossiers waiting at every step of the route (some
overdue, one returned), the 2022 Tiền Giang dossiers decided as the seed says, and the 2025
year in Đồng Tháp, into which Tiền Giang was merged from 01/07/2025."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from blocs.models import Covenant, VoteSession
from nominations.demo.data import LIVE, LIVE_RETURN
from nominations.models import Bloc, BlocMembership, Dossier, Honour, Province, Unit
from notifications.models import Notice, Reminder
from workflows.models import TaskDeadline

pytestmark = pytest.mark.django_db

INBOX, QUEUE, STATUS = "/khenthuong/route/inbox/", "/khenthuong/route/queue/", "/khenthuong/route/"
TG_BLOC = "Khối các đơn vị ngành dọc quản lý"
NHNN = "Ngân hàng Nhà nước Việt Nam – Chi nhánh Tiền Giang"
# the logins whose role acts on a step of the route, and the step their work waits at
ACTING = {"canbo": "unit_revise", "thutruong": "unit_head_submit", "khoitruong": "bloc_vote",
          "thuky": "council_review", "chuyenvien": "board_appraisal",
          "truongban": "board_head_approval", "vanphong": "committee_decision",
          "chutich": "committee_sign"}
# the logins without a step of their own: they follow the province's work on the status page
FOLLOWING = ("thanhvien", "lanhdao")


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def _titles_waiting_at(step: str) -> set[str]:
    return set(TaskDeadline.objects.filter(step=step, finished_at__isnull=True)
               .values_list("dossier__title", flat=True))


def test_every_acting_demo_login_finds_a_dossier_in_its_inbox_or_queue(demo, client):
    for username, step in ACTING.items():
        client.force_login(User.objects.get(username=username))
        pages = client.get(INBOX).content.decode() + client.get(QUEUE).content.decode()
        titles = _titles_waiting_at(step)

        assert titles, step
        assert all(title in pages for title in titles), username


def test_the_logins_without_a_step_see_the_waiting_and_overdue_work_on_the_status_page(
        demo, client):
    waiting = set(TaskDeadline.objects.filter(finished_at__isnull=True)
                  .values_list("dossier__title", flat=True))
    for username in FOLLOWING:
        client.force_login(User.objects.get(username=username))
        html = client.get(STATUS).content.decode()

        assert all(title in html for title in waiting), username


def test_some_waiting_tasks_are_overdue_and_the_queue_says_so(demo, client):
    overdue = [d for d in TaskDeadline.objects.filter(finished_at__isnull=True)
               if d.is_overdue]
    client.force_login(User.objects.get(username="thuky"))

    assert len(overdue) >= 3
    assert all(d.started_on < d.due_on for d in overdue)
    assert "quá hạn" in client.get(QUEUE).content.decode()
    # the late task is reminded from the next working day on, not before it opened
    council = next(d for d in overdue if d.step == "council_review")
    assert Reminder.objects.filter(deadline=council, kind="late", sent_at__isnull=True).exists()


def test_a_dossier_is_returned_to_its_unit_with_the_reason_and_a_due_date(demo, client):
    dossier = Dossier.objects.get(status="returned")
    client.force_login(User.objects.get(username="canbo"))

    assert dossier.return_reason == LIVE_RETURN["reason"]
    assert dossier.returned_from == LIVE_RETURN["step"]
    assert dossier.return_due == TaskDeadline.objects.get(
        dossier=dossier, step="unit_revise", finished_at__isnull=True).due_on
    assert LIVE_RETURN["reason"] in client.get(reverse("khenthuong:dossiers:detail",
                                                           args=[dossier.pk])).content.decode()


def test_one_dossier_of_the_plan_waits_at_each_step_and_one_is_a_draft(demo):
    waiting = set(TaskDeadline.objects.filter(finished_at__isnull=True, dossier__year=2025)
                  .values_list("step", flat=True))

    assert waiting == {"unit_revise", "unit_head_submit", "bloc_vote", "council_review",
                       "board_appraisal", "board_head_approval", "committee_decision",
                       "committee_sign"}
    assert Dossier.objects.filter(year=2025, status="draft").count() == 1
    assert Dossier.objects.filter(year=2025).count() == len(LIVE)


def test_the_2022_tien_giang_dossiers_end_with_the_seed_decision_in_the_nominees_history(
        demo, client):
    honours = Honour.objects.filter(year=2022, award__code__in=("CO_TINH", "BK_TINH"),
                                    nomination__isnull=False).select_related("collective")
    flag = honours.get(award__code="CO_TINH")
    client.force_login(User.objects.get(username="lanhdao"))

    assert flag.collective.name == NHNN
    assert flag.decision_date.isoformat() == "2023-02-10"
    bk = {h.collective.unit.name for h in honours.filter(award__code="BK_TINH")}
    assert len(bk) == 8 and NHNN not in bk
    assert set(Dossier.objects.filter(year=2022).values_list("status", flat=True)) == {"decided"}
    # the decision is in the timeline, on the day it was taken, and on the nominee's page
    decided = flag.nomination.dossier.events.get(action="decided")
    assert decided.at.date().isoformat() == "2023-02-10"
    page = client.get(reverse("khenthuong:dossiers:collective_history",
                              args=[flag.collective_id])).content.decode()
    assert "Cờ thi đua của UBND tỉnh" in page and flag.decision_number in page


def test_the_2022_route_ran_in_tien_giang_and_its_notices_are_not_news(demo):
    tien_giang = Province.objects.get(code="tien-giang")
    deadlines = TaskDeadline.objects.filter(dossier__year=2022)

    assert deadlines.exists()
    assert set(deadlines.values_list("province_id", flat=True)) == {tien_giang.pk}
    assert not deadlines.filter(finished_at__isnull=True).exists()
    assert not Notice.objects.filter(dossier__year=2022, read_at__isnull=True,
                                     kind="task_created").exists()


def test_tien_giang_is_merged_into_dong_thap_and_the_2025_bloc_is_dong_thaps(demo):
    tien_giang = Province.objects.get(code="tien-giang")
    dong_thap = Province.objects.get(code="dong-thap")
    covenant = Covenant.objects.get(bloc__name=TG_BLOC, year=2025)

    assert tien_giang.merged_into == dong_thap
    assert tien_giang.merged_on.isoformat() == "2025-07-01"
    assert covenant.bloc.province == dong_thap
    assert BlocMembership.objects.filter(bloc__province=dong_thap, year=2025).count() == 9
    assert VoteSession.objects.get(bloc__name=TG_BLOC, year=2022).bloc.province == tien_giang
    assert not Unit.objects.filter(province=tien_giang).exists()
    assert User.objects.get(username="thuky").province == dong_thap
    assert set(TaskDeadline.objects.filter(dossier__year=2025)
               .values_list("province_id", flat=True)) == {dong_thap.pk}


def test_load_demo_twice_creates_no_dossier_task_or_notice(demo):
    counts = (Dossier.objects.count(), TaskDeadline.objects.count(), Notice.objects.count(),
              Bloc.objects.count(), Unit.objects.count(), User.objects.count())

    call_command("load_demo", verbosity=0)

    assert (Dossier.objects.count(), TaskDeadline.objects.count(), Notice.objects.count(),
            Bloc.objects.count(), Unit.objects.count(), User.objects.count()) == counts
