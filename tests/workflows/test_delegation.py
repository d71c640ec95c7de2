"""Delegation while someone is away (ủy quyền): only within one role, to a peer holding it,
set up by the absent person or the role's head, never by the substitute himself; both are
told; the timeline says who acted for whom."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import roles
from notifications.models import Notice
from tests.factories import UserFactory
from workflows import selectors, services
from workflows.models import Delegation, TaskDeadline

from .helpers import advance, execute_url, make_dossier, review_data

DELEGATIONS = reverse("khenthuong:route:delegations")


def _today():
    return selectors.today()


def _delegate(world, *, user, absent, substitute, role, days=7, start=None):
    start = start or _today()
    return services.create_delegation(user=user, absent=absent, substitute=substitute,
                                      role=role, start=start, end=start + timedelta(days=days),
                                      reason="Đi công tác")


def _form(absent, substitute, role, start=None, end=None):
    start = start or _today()
    return {"absent": absent.pk, "substitute": substitute.pk, "role": role,
            "start": start.isoformat(), "end": (end or start + timedelta(days=5)).isoformat(),
            "reason": "Nghỉ phép"}


def test_council_secretary_cannot_make_himself_substitute_for_the_board_and_the_committee(
        world, client):
    dossier = make_dossier(world, "CSTD_TINH")
    appraisal = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=appraisal)
    client.force_login(world.secretary)

    for absent, role in ((world.specialist, roles.BOARD_SPECIALIST),
                         (world.committee, roles.COMMITTEE_OFFICER)):
        response = client.post(DELEGATIONS, _form(absent, world.secretary, role))
        assert response.status_code == 200
        assert "Chỉ người vắng mặt hoặc lãnh đạo phụ trách" in response.content.decode()

    assert not Delegation.objects.exists()
    assert client.get(execute_url(appraisal)).status_code in (403, 404)
    with pytest.raises((PermissionDenied, services.RouteConflict)):
        services.complete_review(user=world.secretary, task=appraisal, action="forward")
    appraisal.refresh_from_db()
    assert appraisal.owner == world.specialist


def test_a_cross_role_delegation_row_from_before_the_fix_grants_nothing(world):
    dossier = make_dossier(world, "CSTD_TINH")
    appraisal = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=appraisal)
    for role in ("", roles.BOARD_SPECIALIST):
        Delegation.objects.create(absent=world.specialist, substitute=world.secretary,
                                  role=role, start=_today(), end=_today() + timedelta(days=3),
                                  created_by=world.board_head)

    appraisal.refresh_from_db()
    assert list(selectors.inbox(world.secretary)) == []
    assert not selectors.can_act(world.secretary, appraisal)
    assert selectors.task_recipients(appraisal) == [world.specialist]


def test_substitute_must_hold_the_absent_persons_role(world):
    with pytest.raises(ValidationError) as exc:
        _delegate(world, user=world.board_head, absent=world.specialist,
                  substitute=world.committee, role=roles.BOARD_SPECIALIST)

    assert "phải giữ vai trò" in str(exc.value.message_dict["substitute"])
    assert not Delegation.objects.exists()


def test_substitute_must_be_in_the_absent_persons_unit(world):
    other_unit_officer = UserFactory(roles=[roles.UNIT_OFFICER], unit=world.other_unit,
                                     province=world.province)

    with pytest.raises(ValidationError) as exc:
        _delegate(world, user=world.head, absent=world.officer,
                  substitute=other_unit_officer, role=roles.UNIT_OFFICER)

    assert "cùng đơn vị" in str(exc.value.message_dict["substitute"])


def test_nobody_may_name_himself_substitute_even_a_head_holding_the_role(world):
    world.board_head.groups.add(*world.specialist.groups.all())
    world.board_head._role_names = None

    with pytest.raises(ValidationError) as exc:
        _delegate(world, user=world.board_head, absent=world.specialist,
                  substitute=world.board_head, role=roles.BOARD_SPECIALIST)

    assert "Không thể tự chỉ định mình" in str(exc.value.message_dict["substitute"])


def test_a_peer_may_not_delegate_an_absent_colleagues_work(world):
    specialist3 = UserFactory(roles=[roles.BOARD_SPECIALIST], province=world.province)

    with pytest.raises(PermissionDenied):
        _delegate(world, user=world.specialist2, absent=world.specialist,
                  substitute=specialist3, role=roles.BOARD_SPECIALIST)


def test_only_a_role_the_absent_person_holds_can_be_delegated(world):
    with pytest.raises(ValidationError) as exc:
        _delegate(world, user=world.specialist, absent=world.specialist,
                  substitute=world.committee, role=roles.COMMITTEE_OFFICER)

    assert "không giữ vai trò" in str(exc.value.message_dict["role"])


@pytest.mark.parametrize("start_offset, days, field", [
    (-1, 5, "start"),            # back-dated
    (400, 5, "start"),           # more than a year ahead
    (0, 200, "end"),             # longer than six months
    (0, -3, "end"),              # ends before it starts
])
def test_delegation_dates_outside_the_allowed_window_are_refused_in_vietnamese(
        world, client, start_offset, days, field):
    client.force_login(world.specialist)
    start = _today() + timedelta(days=start_offset)

    response = client.post(DELEGATIONS, _form(world.specialist, world.specialist2,
                                              roles.BOARD_SPECIALIST, start=start,
                                              end=start + timedelta(days=days)))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Delegation.objects.exists()


def test_year_9999_is_refused_by_the_form_not_a_server_error(world, client):
    client.force_login(world.specialist)
    data = _form(world.specialist, world.specialist2, roles.BOARD_SPECIALIST)
    data.update(start="9999-12-30", end="9999-12-31")

    response = client.post(DELEGATIONS, data)

    assert response.status_code == 200
    assert not Delegation.objects.exists()


def test_an_overlapping_delegation_of_the_same_role_is_refused(world):
    specialist3 = UserFactory(roles=[roles.BOARD_SPECIALIST], province=world.province)
    _delegate(world, user=world.specialist, absent=world.specialist,
              substitute=world.specialist2, role=roles.BOARD_SPECIALIST)

    with pytest.raises(ValidationError):
        _delegate(world, user=world.board_head, absent=world.specialist,
                  substitute=specialist3, role=roles.BOARD_SPECIALIST,
                  start=_today() + timedelta(days=2))


def test_absent_person_and_substitute_are_both_told(world, client,
                                                   django_capture_on_commit_callbacks):
    client.force_login(world.board_head)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELEGATIONS, _form(world.specialist, world.specialist2,
                                                  roles.BOARD_SPECIALIST))

    assert response.status_code == 302
    told = dict(Notice.objects.filter(kind=Notice.Kind.DELEGATION)
                .values_list("recipient_id", "title"))
    assert set(told) == {world.specialist.pk, world.specialist2.pk}
    assert str(world.specialist2) in told[world.specialist.pk]


def test_held_task_moves_to_the_substitute_and_the_timeline_says_whom_he_acted_for(
        world, client, django_capture_on_commit_callbacks):
    dossier = make_dossier(world, "CSTD_TINH")
    appraisal = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=appraisal)

    _delegate(world, user=world.board_head, absent=world.specialist,
              substitute=world.specialist2, role=roles.BOARD_SPECIALIST)
    appraisal.refresh_from_db()
    assert appraisal.owner == world.specialist2
    client.force_login(world.specialist2)
    response = client.post(execute_url(appraisal), review_data(dossier))

    assert response.status_code == 302
    completed = dossier.events.get(action="step_completed", step="board_appraisal")
    assert completed.actor == world.specialist2
    assert completed.data["on_behalf_of"] == world.specialist.pk
    case = client.get(reverse("khenthuong:route:case", args=[dossier.pk])).content.decode()
    assert f"{world.specialist2} (thay mặt {world.specialist})" in case


def test_substitute_takes_over_a_task_the_absent_person_claims_during_the_delegation(world):
    _delegate(world, user=world.specialist, absent=world.specialist,
              substitute=world.specialist2, role=roles.BOARD_SPECIALIST)
    dossier = make_dossier(world, "CSTD_TINH")
    appraisal = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=appraisal)

    assert list(selectors.inbox(world.specialist2)) == [appraisal]
    services.complete_review(user=world.specialist2, task=appraisal, action="forward")

    deadline = TaskDeadline.objects.get(task=appraisal)
    assert deadline.assigned_to == world.specialist2
    assert deadline.on_behalf_of == world.specialist
    assert dossier.events.get(action="task_delegated").data["on_behalf_of"] == \
        world.specialist.pk


def test_a_delegation_covers_only_the_delegated_role(world):
    world.specialist.groups.add(*world.secretary.groups.all())
    world.specialist._role_names = None
    secretary2 = UserFactory(roles=[roles.COUNCIL_SECRETARY, roles.BOARD_SPECIALIST],
                             province=world.province)
    council_dossier = make_dossier(world, "CSTD_TINH")
    council = advance(world, council_dossier, "council_review")
    services.claim_task(user=world.specialist, task=council)

    _delegate(world, user=world.specialist, absent=world.specialist, substitute=secretary2,
              role=roles.BOARD_SPECIALIST)

    council.refresh_from_db()
    assert council.owner == world.specialist
    assert council not in list(selectors.inbox(secretary2))
    assert not selectors.can_act(secretary2, council)


def test_revoked_delegation_grants_nothing_and_both_are_told(
        world, django_capture_on_commit_callbacks):
    delegation = _delegate(world, user=world.specialist, absent=world.specialist,
                           substitute=world.specialist2, role=roles.BOARD_SPECIALIST)
    dossier = make_dossier(world, "CSTD_TINH")
    appraisal = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=appraisal)

    with django_capture_on_commit_callbacks(execute=True):
        services.revoke_delegation(user=world.board_head, delegation=delegation)

    world.specialist2._route_delegators = None
    assert not selectors.can_act(world.specialist2, appraisal)
    assert Notice.objects.filter(kind=Notice.Kind.DELEGATION,
                                 key__contains=":revoked:").count() == 2


def test_a_substitute_who_loses_the_role_loses_the_delegated_work(world):
    _delegate(world, user=world.specialist, absent=world.specialist,
              substitute=world.specialist2, role=roles.BOARD_SPECIALIST)
    dossier = make_dossier(world, "CSTD_TINH")
    appraisal = advance(world, dossier, "board_appraisal")
    services.claim_task(user=world.specialist, task=appraisal)

    world.specialist2.groups.clear()
    world.specialist2._role_names = None

    assert list(selectors.inbox(world.specialist2)) == []
    assert selectors.task_recipients(appraisal) == [world.specialist]
