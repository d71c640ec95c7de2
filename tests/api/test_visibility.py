"""The API shows what the pages show: a unit's officer sees their unit's dossiers,
nominations, tasks, cases and decisions, and gets 404 — the answer of an unknown id — for
another unit's; the other unit's own officer gets the same URLs (so the ids are right)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.workflows.helpers import advance, make_dossier, open_task, send, sign
from workflows import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(world):
    """Objects of the other unit: a dossier waiting at its head, one decided."""
    waiting = make_dossier(world, "CSTD_TINH", unit=world.other_unit)
    send(world, waiting)
    decided = make_dossier(world, "BK_TINH", unit=world.other_unit)
    task = advance(world, decided, "committee_decision")
    services.complete_decision(user=world.committee, task=task, number="7/QĐ",
                               date=date(2025, 12, 1), signer="Chủ tịch",
                               awarded_ids={n.pk for n in decided.nominations.all()})
    sign(world, decided)
    return {"dossier": waiting, "nomination": waiting.nominations.get(),
            "task": open_task(waiting, "unit_head_submit"),
            "decision": decided.decisions.get()}


def _urls(objects) -> list[tuple[str, str]]:
    task = objects["task"].pk
    return [
        ("GET", f"/api/v1/dossiers/{objects['dossier'].pk}/"),
        ("GET", f"/api/v1/nominations/{objects['nomination'].pk}/"),
        ("GET", f"/api/v1/cases/{objects['dossier'].pk}/"),
        ("GET", f"/api/v1/tasks/{task}/"),
        ("POST", f"/api/v1/tasks/{task}/claim/"),
        ("POST", f"/api/v1/tasks/{task}/release/"),
        ("POST", f"/api/v1/tasks/{task}/complete/"),
        ("POST", f"/api/v1/tasks/{task}/return/"),
        ("GET", f"/api/v1/decisions/{objects['decision'].pk}/"),
    ]


def _call(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    return client.post(url, {"reason": "Thử"}, format="json")


@pytest.mark.parametrize("who", ["officer", "head"])
def test_a_unit_user_gets_404_on_every_object_of_another_unit(world, theirs, api_as, who):
    client = api_as(getattr(world, who))

    answers = {url: _call(client, method, url) for method, url in _urls(theirs)}

    assert {url: r.status_code for url, r in answers.items()} == {
        url: 404 for url in answers}
    assert all(r.json()["errors"][0]["message"] == "Không tìm thấy."
               for r in answers.values())
    task = theirs["task"]
    task.refresh_from_db()
    assert (task.status, task.owner_id) == ("NEW", None)


def test_the_other_units_own_users_reach_the_same_objects(world, theirs, api_as):
    officer = api_as(world.other_officer)

    reads = [officer.get(url).status_code for method, url in _urls(theirs) if method == "GET"]
    claim = api_as(world.other_head).post(f"/api/v1/tasks/{theirs['task'].pk}/claim/")

    assert reads == [200] * 5
    assert claim.status_code == 200


def test_lists_hold_only_the_users_own_units_objects(world, theirs, api_as):
    mine = make_dossier(world, "CSTD_TINH")
    send(world, mine)
    client = api_as(world.head)

    dossiers = client.get("/api/v1/dossiers/").json()["results"]
    nominations = client.get("/api/v1/nominations/").json()["results"]
    queue = client.get("/api/v1/tasks/queue/").json()["results"]
    decisions = client.get("/api/v1/decisions/").json()["results"]

    assert [d["id"] for d in dossiers] == [mine.pk]
    assert [n["dossier_id"] for n in nominations] == [mine.pk]
    assert [t["dossier"]["id"] for t in queue] == [mine.pk]
    assert decisions == []


def test_the_province_manager_sees_both_units_dossiers_filtered_by_unit(world, theirs,
                                                                       api_as):
    mine = make_dossier(world, "CSTD_TINH")
    client = api_as(world.manager)

    every = client.get("/api/v1/dossiers/").json()["results"]
    own_unit = client.get(f"/api/v1/dossiers/?unit={world.unit.pk}").json()["results"]

    assert len(every) == 3
    assert [d["id"] for d in own_unit] == [mine.pk]


def test_list_filters_with_bad_values_answer_400_per_field_in_vietnamese(world, api_as):
    response = api_as(world.manager).get("/api/v1/dossiers/?year=abc&status=khong-co")

    assert response.status_code == 400
    assert {e["field"]: e["message"] for e in response.json()["errors"]} == {
        "year": "Phải là một số nguyên.",
        "status": "“khong-co” không phải là lựa chọn hợp lệ."}
