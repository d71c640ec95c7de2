"""Every URL of the site, swept programmatically: a unit user asking for ANOTHER unit's
dossier, nomination, file, task, process, bloc page or API object gets 404 — the answer an
unknown id gets, so ids of other units' objects do not leak (a 403 would confirm them).

The URL patterns are read from django.urls.get_resolver(), so a URL added later is swept
too. Every kwarg of a pattern is filled with an object of the other unit (or of another
bloc / another user): a pattern with a kwarg this test cannot fill fails the test until it
is added to FILL_PK / FILL or to the commented ALLOW_LIST below.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from viewflow.workflow.models import Task

from accounts import roles
from api import services as api_tokens
from nominations import services as dossiers
from nominations.models import Nomination
from tests.factories import (
    BlocFactory,
    BlocMembershipFactory,
    CollectiveFactory,
    UnitFactory,
    UserFactory,
)
from tests.files import pdf
from workflows import selectors, services
from workflows.models import SavedFilter

from .helpers import YEAR, make_dossier, open_task, send, sign

# Patterns that legitimately take no other unit's object (prefix of the URL name, or the
# name itself), and why.
ALLOW_LIST = {
    # Django admin: staff only; unit users are not staff and are redirected to its login.
    "admin:": "staff only",
    # password reset link: a signed token, not an object of a unit
    "password_reset_confirm": "token",
    # a document kind (not an object); the templates pages answer board/committee roles only
    "khenthuong:documents:template_reset": "document kind",
    "khenthuong:documents:template_download": "document kind",
    # Excel import: a kind of data (history / nominees), not an object; the template lists
    # and the upload reaches only the user's own unit (tests/imports/test_visibility.py)
    "khenthuong:imports:template": "kind of data",
    "khenthuong:imports:upload": "kind of data",
}

# What `pk` means, per URL name (a new URL with `pk` must be added here).
FILL_PK = {
    "khenthuong:dossiers:detail": "dossier",
    "khenthuong:dossiers:add_nomination": "dossier",
    "khenthuong:dossiers:upload": "dossier",
    "khenthuong:dossiers:download": "attachment",
    "khenthuong:dossiers:person_history": "person",
    "khenthuong:dossiers:collective_history": "collective",
    "khenthuong:notifications:open": "notice",
    "khenthuong:notifications:mark_read": "notice",
    "khenthuong:route:delete_filter": "saved_filter",
    "khenthuong:route:revoke_delegation": "delegation",
    "khenthuong:blocs:session_minutes": "vote_session",
    "khenthuong:blocs:council_detail": "council_meeting",
    "khenthuong:blocs:council_ballot": "council_meeting",
    "khenthuong:blocs:council_close": "council_meeting",
    "khenthuong:blocs:council_minutes": "council_meeting",
    "khenthuong:documents:unit_letter": "dossier",
    "khenthuong:documents:dossier_xlsx": "dossier",
    "khenthuong:documents:decision": "decision",
    "khenthuong:documents:bloc_minutes": "vote_session",
    "khenthuong:documents:council_minutes": "council_meeting",
    "khenthuong:documents:pdf": "pdf_conversion",
    "khenthuong:documents:pdf_download": "pdf_conversion",
    "khenthuong:imports:detail": "import_job",
    "khenthuong:imports:progress": "import_job",
    "khenthuong:imports:confirm": "import_job",
    "khenthuong:api_tokens:revoke": "api_token",
    "api:dossier-detail": "dossier",
    "api:nomination-detail": "nomination",
    "api:task-detail": "task",
    "api:task-claim": "task",
    "api:task-release": "task",
    "api:task-complete": "task",
    "api:task-return": "task",
    "api:decision-detail": "decision",
    "api:token-revoke": "api_token",
}

# Other kwargs, by name.
FILL = {
    "dossier_pk": "dossier",
    "nomination_id": "nomination",
    "bloc_id": "bloc",
    "year": "year",
    "unit_id": "unit",
    "process_pk": "process",
}


def _patterns(patterns=None, namespace=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _patterns(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield f"{namespace}{p.name or ''}", p


def _allowed(name: str) -> bool:
    return any(name == key or (key.endswith(":") and name.startswith(key))
               for key in ALLOW_LIST)


def _other_units_objects(world):
    """The other unit in its own bloc, with a dossier at (or past) every node of the route,
    a file, a notice, a saved filter, a bloc vote session and a council meeting."""
    from blocs.models import CouncilMeeting, VoteSession
    from documents.models import PdfConversion
    from imports.models import ImportJob
    from notifications.models import Notice

    province = world.province
    bloc = BlocFactory(province=province, name="Khối của đơn vị khác")
    leader_unit = UnitFactory(province=province, name="Khối trưởng khối khác")
    BlocMembershipFactory(bloc=bloc, unit=leader_unit, year=YEAR, role="leader")
    BlocMembershipFactory(bloc=bloc, unit=world.other_unit, year=YEAR, role="member")
    leader = UserFactory(roles=[roles.BLOC_LEADER], unit=leader_unit, province=province)
    route = (("unit_head_submit", world.other_head), ("bloc_vote", leader),
             ("council_review", world.secretary), ("board_appraisal", world.specialist),
             ("board_head_approval", world.board_head), ("committee_decision", None))

    def dossier(*codes):
        return make_dossier(world, *codes, unit=world.other_unit)

    def forward(d, until):
        send(world, d)
        for step, user in route:
            if step == until:
                return open_task(d, step)
            task = selectors.open_deadlines(d).filter(step=step).first()
            if task is not None and step == "board_head_approval":
                services.approve_appraisal(user=user, task=task.task, action="approve")
            elif task is not None:
                services.complete_review(user=user, task=task.task, action="forward")
        return None

    decided = dossier("BK_TINH")
    services.complete_decision(user=world.committee, task=forward(decided, "committee_decision"),
                               number="9/QĐ", date=date(YEAR, 12, 1), signer="Chủ tịch",
                               awarded_ids={n.pk for n in decided.nominations.all()})
    sign(world, decided)
    upward = dossier("CSTDTQ")
    services.complete_decision(user=world.committee, task=forward(upward, "committee_decision"),
                               upward_letter_number="1/TTr", upward_letter_date=date(YEAR, 12, 2))
    sign(world, upward)
    closed = dossier("BK_TINH")
    send(world, closed)
    only = closed.nominations.get()
    services.complete_review(
        user=world.other_head, task=open_task(closed, "unit_head_submit"), action="forward",
        outcomes={only.pk: services.NominationOutcome(approved=False, reason="Chưa đủ")})
    revising = dossier("BK_TINH")
    services.complete_review(user=world.secretary, task=forward(revising, "council_review"),
                             action="returned", return_reason="Bổ sung biên bản")
    resubmitted = dossier("BK_TINH")
    services.complete_review(user=world.secretary, task=forward(resubmitted, "council_review"),
                             action="returned", return_reason="Bổ sung biên bản")
    services.resubmit(user=world.other_officer, task=open_task(resubmitted, "unit_revise"),
                      note="Đã bổ sung biên bản")
    for step in ("unit_head_submit", "bloc_vote", "board_appraisal", "board_head_approval",
                 "committee_decision"):
        forward(dossier("BK_TINH"), step)
    claimed = forward(dossier("BK_TINH"), "board_appraisal")
    services.claim_task(user=world.specialist, task=claimed)

    draft = dossier("BK_TINH")
    attachment = dossiers.attach_file(user=world.other_officer, dossier=draft,
                                      kind="report", uploaded=pdf(),
                                      nomination=draft.nominations.get())
    processes = selectors.processes_visible_to(world.other_officer)
    tasks = Task.objects.filter(process__in=processes)
    return {
        "dossier": draft.pk,
        "nomination": draft.nominations.get().pk,
        "person": draft.nominations.get().person_id,
        "collective": CollectiveFactory(unit=world.other_unit).pk,
        "attachment": attachment.pk,
        "bloc": bloc.pk,
        "year": YEAR,
        "unit": world.other_unit.pk,
        "process": processes.order_by("pk").first().pk,
        "tasks": tasks,
        "task": tasks.filter(status="NEW", deadline__isnull=False).order_by("pk").first().pk,
        "api_token": api_tokens.create_token(user=world.other_officer, name="Tích hợp")[0].pk,
        "notice": Notice.objects.create(key="sweep", recipient=world.other_officer,
                                        kind="task_created", title="Việc mới",
                                        dossier=draft).pk,
        "delegation": services.create_delegation(
            user=world.other_head, absent=world.other_officer,
            substitute=UserFactory(roles=[roles.UNIT_OFFICER], unit=world.other_unit,
                                   province=province),
            role=roles.UNIT_OFFICER, start=selectors.today(), end=selectors.today()).pk,
        "saved_filter": SavedFilter.objects.create(user=world.other_officer, name="Của tôi",
                                                   query="overdue=true").pk,
        "vote_session": VoteSession.objects.create(bloc=bloc, year=YEAR, held_on=date(YEAR,
                                                   12, 10), members_count=2,
                                                   opened_by=leader).pk,
        "decision": decided.decisions.get().pk,
        "pdf_conversion": PdfConversion.objects.create(
            requested_by=world.other_officer, kind="to_trinh_don_vi", file_name="tt.pdf",
            docx=b"docx", pdf=b"%PDF-1.4", state="done").pk,
        "council_meeting": CouncilMeeting.objects.create(
            province=province, held_on=date(YEAR, 12, 12), title="Họp Hội đồng",
            opened_by=world.secretary).pk,
        "import_job": ImportJob.objects.create(
            kind="history", created_by=world.other_officer, original_name="qua-trinh.xlsx",
            size=1, content=b"x", status="ready").pk,
    }


def _task_kwargs(objects, node: str) -> dict:
    """A task of the other unit at `node`, an open one if there is one."""
    from viewflow.workflow.status import STATUS

    tasks = [t for t in objects["tasks"] if t.flow_task.name == node]
    open_first = sorted(tasks, key=lambda t: (t.status not in (STATUS.NEW, STATUS.ASSIGNED,
                                                               STATUS.STARTED), -t.pk))
    assert open_first, f"the sweep has no task at node {node!r}: add one to its fixture"
    return {"process_pk": open_first[0].process_id, "task_pk": open_first[0].pk}


def _kwargs(name: str, pattern: URLPattern, objects) -> dict | None:
    wanted = set(pattern.pattern.converters)
    if not wanted:
        return None
    kwargs = {}
    if "task_pk" in wanted:
        kwargs.update(_task_kwargs(objects, name.split(":")[-2]))
    for key in wanted - set(kwargs):
        if key == "pk":
            assert name in FILL_PK, f"{name}: say what `pk` is in FILL_PK (or ALLOW_LIST)"
            kwargs[key] = objects[FILL_PK[name]]
        else:
            assert key in FILL, f"{name}: no way to fill `{key}`: add it to FILL or ALLOW_LIST"
            kwargs[key] = objects[FILL[key]]
    return kwargs


def _sweep(client, user, objects) -> tuple[list[str], int]:
    from django.urls import reverse

    client.force_login(user)
    leaks, swept = [], 0
    for name, pattern in _patterns():
        if _allowed(name):
            continue
        kwargs = _kwargs(name, pattern, objects)
        if kwargs is None:
            continue  # no object in the URL: nothing of another unit to reach
        url = reverse(name, kwargs=kwargs)
        swept += 1
        codes = {"GET": client.get(url).status_code, "POST": client.post(url).status_code}
        refused = [c for c in codes.values() if c == 404]
        # 405: the view does not answer that method at all (it shows nothing either).
        # 403 would tell a stranger the id exists (an unknown id is a 404): not allowed.
        if not refused or any(c not in (404, 405) for c in codes.values()):
            leaks.append(f"{name} {url} -> {codes}")
    return leaks, swept


@pytest.mark.parametrize("who", ["officer", "head"])
def test_unit_user_gets_404_on_every_url_of_another_units_objects(world, client, who):
    objects = _other_units_objects(world)
    user = getattr(world, who)
    assert not user.is_staff  # the admin's own login keeps them out (ALLOW_LIST)

    leaks, swept = _sweep(client, user, objects)

    assert swept > 100  # every node's task pages, process pages, dossier pages, API…
    assert not leaks, "\n".join(leaks)


def test_the_sweeps_objects_are_really_the_other_units_and_reachable_by_its_own_user(
        world, client):
    """The sweep would pass vacuously if its ids were wrong: the other unit's own officer
    opens the same dossier, file, case API and a task page."""
    from django.urls import reverse

    objects = _other_units_objects(world)
    client.force_login(world.other_officer)
    task = next(t for t in objects["tasks"] if t.flow_task.name == "unit_head_submit")

    for url in (reverse("khenthuong:dossiers:detail", args=[objects["dossier"]]),
                reverse("khenthuong:dossiers:download", args=[objects["attachment"]]),
                reverse("khenthuong:route:case_api", args=[objects["dossier"]]),
                reverse("khenthuong:documents:decision", args=[objects["decision"]]),
                reverse("khenthuong:route:process_detail", args=[task.process_id]),
                selectors.task_url(task, "detail")):
        assert client.get(url).status_code == 200, url
    assert Nomination.objects.get(pk=objects["nomination"]).dossier.unit == world.other_unit


def test_bulk_claim_and_release_leave_another_units_tasks_alone(world, client):
    """The bulk pages take task ids in the POST body (not the URL): the sweep cannot fill
    them, so they are checked here. The head's own task proves the request itself works."""
    from django.urls import reverse

    theirs = make_dossier(world, "CSTD_TINH", unit=world.other_unit)
    send(world, theirs)
    task = open_task(theirs, "unit_head_submit")
    mine = make_dossier(world, "CSTD_TINH")
    send(world, mine)
    own = open_task(mine, "unit_head_submit")
    client.force_login(world.head)

    client.post(reverse("khenthuong:route:tasks_assign"),
                {"pk": [task.pk, own.pk], "_confirm": "1"})
    task.refresh_from_db()
    own.refresh_from_db()
    assert own.owner == world.head
    assert task.owner is None and task.status == "NEW"

    services.claim_task(user=world.other_head, task=task)
    client.post(reverse("khenthuong:route:tasks_unassign"), {"pk": [task.pk], "_confirm": "1"})

    task.refresh_from_db()
    assert task.owner == world.other_head and task.status == "ASSIGNED"
