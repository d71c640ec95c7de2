"""The route, step by step: sending a dossier, each step's work (review, the bloc's vote,
the Trưởng Ban's approval, the draft decision and its signature), sending work back,
resubmission and withdrawal. Each moves its task through `engine.route_move` (the process
lock, the user's right, one write per table)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from nominations import services as dossiers
from nominations.models import Dossier, Nomination
from nominations.validation import TEXT_MAX_LENGTH, check_length
from workdays.calendar import calendar_for, step_working_days

from .. import engine, selectors
from ..engine import RouteConflict
from ..models import DecisionDraft
from ..steps import (
    BLOC_VOTE,
    BOARD_APPRAISAL,
    BOARD_HEAD_APPROVAL,
    COMMITTEE_DECISION,
    COMMITTEE_SIGN,
    REVIEW_STEPS,
    UNIT_HEAD_SUBMIT,
    UNIT_REVISE,
    Outcome,
)
from .locking import route_flow


@dataclass(frozen=True)
class NominationOutcome:
    approved: bool
    reason: str = ""
    opinion: str = ""


def _considered(move: engine.RouteMove) -> list[Nomination]:
    """Active nominations a step decides on (the bloc only decides awards via blocs)."""
    return [n for n in move.active_nominations()
            if move.step != BLOC_VOTE or n.award.via_bloc]


def return_due_date(province_id: int | None, days: int | None) -> date:
    days = step_working_days(UNIT_REVISE) if days is None else int(days)
    if not 1 <= days <= 60:
        raise ValidationError({"return_days": _("Hạn bổ sung phải từ 1 đến 60 ngày làm việc.")})
    return calendar_for(province_id).add_working_days(selectors.today(), days)


@transaction.atomic
def send_dossier(*, user, dossier: Dossier):
    """The unit officer sends the drafted dossier: the route starts at the unit head."""
    if selectors.active_process(dossier) is not None:
        raise ValidationError(_("Hồ sơ đã được gửi và đang trên lộ trình xét."))
    dossiers.send_for_signature(user=user, dossier=dossier)
    return route_flow().start.run(dossier=dossier, user=user)


def complete_review(
    *,
    user,
    task,
    action: str,
    outcomes: Mapping[int, NominationOutcome] | None = None,
    return_reason: str = "",
    return_days: int | None = None,
    unit_decision_number: str = "",
    unit_decision_date=None,
):
    """A review step (unit head, bloc, council, board) is done: each nomination approved or
    rejected (with reason); then the dossier goes on, or is returned to the unit.

    At the unit head's signature, the awards the head decides (unit level: LDTT, CSTDCS,
    TTLDTT, Giấy khen) are awarded by the head's own decision (`unit_decision_number`,
    `unit_decision_date`) and go no further; a dossier with nothing else ends decided."""
    if action not in (Outcome.FORWARD, Outcome.RETURNED):
        raise ValidationError(_("Thao tác không hợp lệ."))
    outcomes = dict(outcomes or {})
    with engine.route_move(user, task.pk, REVIEW_STEPS) as move:
        considered = _considered(move)
        if set(outcomes) - {n.pk for n in considered}:
            raise ValidationError(_("Có đề nghị không thuộc phạm vi xét của bước này."))
        if action == Outcome.RETURNED and not (return_reason or "").strip():
            raise ValidationError({"return_reason": _("Vui lòng nêu lý do trả lại hồ sơ.")})
        for n in considered:
            outcome = outcomes.get(n.pk, NominationOutcome(approved=True))
            if outcome.approved and action == Outcome.RETURNED and not outcome.opinion:
                continue  # approvals are given again when the dossier comes back
            move.nomination_outcome(n, approved=outcome.approved, reason=outcome.reason,
                                    opinion=outcome.opinion)
        if not move.active_nominations():
            result = Outcome.NOTHING_LEFT
        elif action == Outcome.RETURNED:
            due = return_due_date(move.deadline.province_id, return_days)
            move.flush_events()
            dossiers.return_dossier(dossier=move.dossier, actor=user, step=move.step,
                                    reason=return_reason, due=due)
            # the revised dossier comes back to this step, and to this reviewer
            move.process.return_to = move.step
            move.process.return_due = due
            move.process.returned_by = user.pk
            result = Outcome.RETURNED
        else:
            result = Outcome.FORWARD
            if move.step == UNIT_HEAD_SUBMIT:  # the head signs a complete dossier only
                dossiers.require_documents(move.dossier, nominations=move.active_nominations())
                decided_here = dossiers.unit_level(move.active_nominations())
                if decided_here:
                    move.flush_events()
                    closes = len(decided_here) == len(move.active_nominations())
                    dossiers.record_unit_decision(
                        dossier=move.dossier, actor=user, nominations=decided_here,
                        number=unit_decision_number, date=unit_decision_date, closes=closes)
                    if closes:
                        result = Outcome.DECIDED
            if move.step == BOARD_APPRAISAL:  # the Trưởng Ban may send it back to them
                move.process.appraised_by = user.pk
            move.event("step_completed")
        move.finish(result)
        return move.task


def _send_back(move: engine.RouteMove, *, to_step: str, to_user: int | None,
               outcome: Outcome, action: str, reason: str, label, missing=None) -> None:
    """A head sends the work back one step, to the colleague who did it (if they still may
    take it: RouteMove._returning_reviewer), with a reason (`missing`: the message when
    there is none)."""
    reason = check_length(reason, limit=TEXT_MAX_LENGTH, field="return_reason",
                          label=label).strip()
    if not reason:
        raise ValidationError({"return_reason": missing or _("Vui lòng nêu lý do trả lại.")})
    move.process.back_to = to_step
    move.process.back_from = move.step
    move.process.back_to_user = to_user
    move.event(action, reason=reason)
    move.finish(outcome)


APPROVE, BACK = "approve", "back"


def approve_appraisal(*, user, task, action: str, reason: str = ""):
    """The Trưởng Ban approves the specialist's appraisal (the dossier goes to the VP UBND),
    or sends it back to the specialist who appraised it, with a reason."""
    if action not in (APPROVE, BACK):
        raise ValidationError(_("Thao tác không hợp lệ."))
    with engine.route_move(user, task.pk, (BOARD_HEAD_APPROVAL,)) as move:
        if action == BACK:
            _send_back(move, to_step=BOARD_APPRAISAL, to_user=move.process.appraised_by,
                       outcome=Outcome.BACK_TO_SPECIALIST, action="returned_to_specialist",
                       reason=reason, label=_("Lý do trả lại chuyên viên thẩm định"))
        else:
            move.event("appraisal_approved", reason=(reason or "").strip()[:TEXT_MAX_LENGTH])
            move.finish(Outcome.FORWARD)
        return move.task


def complete_decision(
    *,
    user,
    task,
    number: str = "",
    date=None,
    signer: str = "",
    awarded_ids: set[int] | frozenset[int] = frozenset(),
    upward_letter_number: str = "",
    upward_letter_date=None,
):
    """The VP UBND officer records the draft decision (number, date, signer, who is awarded)
    and the province's letter for awards it proposes upward, checked as the decision will
    be; the Chủ tịch UBND tỉnh signs it next (sign_decision): nothing is final yet."""
    with engine.route_move(user, task.pk, (COMMITTEE_DECISION,)) as move:
        dossiers.check_decision(dossier=move.dossier, number=number, date=date, signer=signer,
                                upward_letter_number=upward_letter_number,
                                upward_letter_date=upward_letter_date)
        considered = {n.pk for n in move.active_nominations()}
        draft = DecisionDraft(number=(number or "").strip(), date=date,
                              signer=(signer or "").strip(),
                              awarded_ids=sorted(set(awarded_ids) & considered),
                              upward_letter_number=(upward_letter_number or "").strip(),
                              upward_letter_date=upward_letter_date)
        move.process.decision_draft = draft
        move.process.drafted_by = user.pk
        move.event("decision_drafted", data={"number": draft.number,
                                             "awarded": draft.awarded_ids})
        move.finish(Outcome.DRAFTED)
        return move.task


def decision_draft(process) -> dict:
    """The draft the Chủ tịch signs (DecisionDraft's values, dates as dates), {} if none."""
    draft = process.coerced.decision_draft  # the route's proxy, DossierProcess
    return draft.as_dict() if draft is not None else {}


def sign_decision(*, user, task, signed_file, number: str = "", date=None, signer: str = ""):
    """The Chủ tịch UBND tỉnh signs the drafted decision and uploads it signed (PDF): the
    decision is recorded — number, date, signer (as corrected here), the awards into each
    nominee's history — and the dossier becomes read-only."""
    with engine.route_move(user, task.pk, (COMMITTEE_SIGN,)) as move:
        draft = decision_draft(move.process)
        move.flush_events()
        decision = dossiers.record_decision(
            dossier=move.dossier, actor=user, number=number or draft.get("number", ""),
            date=date or draft.get("date"), signer=signer or draft.get("signer", ""),
            awarded_ids=set(draft.get("awarded_ids", ())),
            upward_letter_number=draft.get("upward_letter_number", ""),
            upward_letter_date=draft.get("upward_letter_date"))
        attachment = dossiers.attach_signed_decision(dossier=move.dossier, actor=user,
                                                     uploaded=signed_file)
        move.event("decision_signed", data={
            "decision": decision.number if decision else None, "file": attachment.pk})
        move.finish(Outcome.DECIDED if decision is not None else Outcome.PROPOSED_UPWARD)
        return move.task


def return_to_officer(*, user, task, reason: str):
    """The Chủ tịch sends the draft decision back to the officer who drafted it."""
    with engine.route_move(user, task.pk, (COMMITTEE_SIGN,)) as move:
        _send_back(move, to_step=COMMITTEE_DECISION, to_user=move.process.drafted_by,
                   outcome=Outcome.BACK_TO_OFFICER, action="returned_to_officer", reason=reason,
                   label=_("Lý do trả lại dự thảo quyết định"))
        return move.task


def return_to_board(*, user, task, reason: str):
    """The committee sends the dossier back to the board for another appraisal (to the
    specialist who appraised it)."""
    with engine.route_move(user, task.pk, (COMMITTEE_DECISION,)) as move:
        _send_back(move, to_step=BOARD_APPRAISAL, to_user=move.process.appraised_by,
                   outcome=Outcome.BACK_TO_BOARD, action="returned_to_board", reason=reason,
                   label=_("Lý do trả lại Ban Thi đua – Khen thưởng"),
                   missing=_("Vui lòng nêu lý do trả lại Ban Thi đua – Khen thưởng."))
        return move.task


def resubmit(*, user, task, note: str):
    """The unit has revised the returned dossier: it goes back to the step that returned it
    (and to the reviewer who returned it). `note`, what was revised, is required."""
    note = check_length(note, limit=TEXT_MAX_LENGTH, field="note",
                        label=_("Nội dung đã bổ sung, hoàn thiện")).strip()
    if not note:
        raise ValidationError({"note": _("Vui lòng nêu nội dung đơn vị đã bổ sung, hoàn thiện "
                                         "theo yêu cầu.")})
    with engine.route_move(user, task.pk, (UNIT_REVISE,)) as move:
        move.flush_events()
        dossiers.resubmit_dossier(dossier=move.dossier, actor=user, note=note)
        move.finish(Outcome.RESUBMITTED)
        return move.task


def withdraw(*, user, dossier: Dossier, reason: str = "") -> Dossier:
    """The unit withdraws its dossier before the decision: open tasks are cancelled."""
    process = selectors.active_process(dossier)
    if process is None:
        return dossiers.withdraw_dossier(user=user, dossier=dossier, reason=reason)
    with route_flow().lock(process.pk):
        dossier = dossiers.withdraw_dossier(user=user, dossier=dossier, reason=reason)
        route_flow().instance.cancel(process)
    return dossier


def apply_bloc_vote(*, bloc_id: int, year: int, session_id: int | None,
                    results: Mapping, reasons: Mapping | None = None) -> list[int]:
    """The bloc's vote for `year` is closed: every dossier waiting at that bloc's vote takes
    the bloc's result per nomination and goes on. Returns the tasks completed."""
    reasons = reasons or {}

    def lookup(mapping, pk):
        return mapping.get(pk, mapping.get(str(pk)))

    done = []
    waiting = (selectors.bloc_vote_deadlines_waiting(bloc_id, year)
               .order_by("task__process_id").values_list("task_id", flat=True))
    for task_id in list(waiting):
        try:
            with engine.route_move(None, task_id, (BLOC_VOTE,)) as move:
                for n in _considered(move):
                    result = lookup(results, n.pk)
                    if result not in ("approved", "rejected"):
                        continue
                    move.nomination_outcome(
                        n, approved=result == "approved", data={"session_id": session_id},
                        reason=lookup(reasons, n.pk) or (
                            "" if result == "approved"
                            else _("Không được Khối / Cụm thi đua bình xét đề nghị")))
                move.event("bloc_vote_applied",
                           data={"session_id": session_id, "bloc_id": bloc_id})
                move.finish(Outcome.FORWARD if move.active_nominations()
                            else Outcome.NOTHING_LEFT)
                done.append(task_id)
        except RouteConflict:
            continue  # handled meanwhile (withdrawn, closed)
    return done
