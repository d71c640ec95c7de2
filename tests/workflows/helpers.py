"""Helpers that drive the route as each role's user (HTTP) or through the services."""

from __future__ import annotations

from datetime import date

from tests.factories import (
    DossierFactory,
    NominationFactory,
    PersonFactory,
    attach_required_documents,
    award,
)
from workflows.models import TaskDeadline

YEAR = 2025
UNIT_DECISION_DATE = date(YEAR, 12, 15)  # the unit head's own decision (unit-level awards)


def make_dossier(world, *codes: str, unit=None, title=None, documents: bool = True):
    """A draft dossier of `unit` with one person nominated for each award code, and (unless
    `documents` is False) every document the catalogue requires."""
    unit = unit or world.unit
    officer = world.officer if unit == world.unit else world.other_officer
    kwargs = {"title": title} if title else {}
    dossier = DossierFactory(unit=unit, year=YEAR, created_by=officer, **kwargs)
    for code in codes or ("CSTD_TINH",):
        NominationFactory(dossier=dossier, award=award(code),
                          person=PersonFactory(unit=unit))
    if documents:
        attach_required_documents(dossier)
    return dossier


def send(world, dossier, user=None):
    from workflows import services

    return services.send_dossier(user=user or (world.officer if dossier.unit == world.unit
                                              else world.other_officer), dossier=dossier)


def open_task(dossier, step: str):
    deadline = (TaskDeadline.objects.select_related("task")
                .filter(dossier=dossier, step=step, finished_at__isnull=True).first())
    assert deadline is not None, f"no open {step} task"
    return deadline.task


def execute_url(task) -> str:
    from workflows.selectors import task_url

    return task_url(task, "execute")


def review_data(dossier, *, action="forward", reject=None, **extra):
    """Form data approving every active nomination (or rejecting those in `reject`)."""
    reject = reject or {}
    data = {"action": action, "return_days": 5, **extra}
    for n in dossier.nominations.filter(status="active"):
        if n.pk in reject:
            data[f"outcome_{n.pk}"] = "reject"
            data[f"reason_{n.pk}"] = reject[n.pk]
        else:
            data[f"outcome_{n.pk}"] = "approve"
    return data


def post_step(client, user, task, data):
    client.force_login(user)
    return client.post(execute_url(task), data)


ROUTE = (("unit_head_submit", "head"), ("bloc_vote", "bloc_leader"),
         ("council_review", "secretary"), ("board_appraisal", "specialist"),
         ("board_head_approval", "board_head"), ("committee_decision", "committee"),
         ("committee_sign", "committee_leader"))


def signed_pdf(name: str = "quyet-dinh-da-ky.pdf"):
    from tests.files import pdf

    return pdf(name)


def sign(world, dossier, **kwargs):
    """The Chủ tịch UBND tỉnh signs the drafted decision of `dossier` (a signed PDF)."""
    from workflows import services

    return services.sign_decision(user=world.committee_leader,
                                  task=open_task(dossier, "committee_sign"),
                                  signed_file=kwargs.pop("signed_file", None) or signed_pdf(),
                                  **kwargs)


def advance(world, dossier, until: str):
    """Send the dossier and approve every step before `until` (through the services);
    returns the open task at `until`."""
    from workflows import services

    dossier.refresh_from_db()
    if dossier.status == "draft":
        send(world, dossier)
    for step, attr in ROUTE:
        if step == until:
            return open_task(dossier, step)
        deadline = TaskDeadline.objects.filter(dossier=dossier, step=step,
                                               finished_at__isnull=True).first()
        if deadline is None:
            continue
        if attr == "head" and dossier.unit != world.unit:
            attr = "other_head"
        unit_decision = {}
        if step == "unit_head_submit":
            unit_decision = {"unit_decision_number": "01/QĐ-ĐV",
                             "unit_decision_date": UNIT_DECISION_DATE}
        if step == "board_head_approval":
            services.approve_appraisal(user=world.board_head, task=deadline.task,
                                       action="approve")
            continue
        if step == "committee_decision":
            services.complete_decision(
                user=world.committee, task=deadline.task, number="1/QĐ-UBND",
                date=UNIT_DECISION_DATE, signer="Chủ tịch UBND tỉnh",
                awarded_ids=set(dossier.nominations.values_list("pk", flat=True)),
                upward_letter_number="1/TTr-UBND", upward_letter_date=UNIT_DECISION_DATE)
            continue
        services.complete_review(user=getattr(world, attr), task=deadline.task,
                                 action="forward", **unit_decision)
    raise AssertionError(f"unknown step {until}")
