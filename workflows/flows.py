"""The route of a dossier, one node per step (DOMAIN.md):

draft ─▶ unit head signs ─▶ bloc vote ─▶ council review ─▶ board appraisal ─▶
    Trưởng Ban approves ─▶ VP UBND drafts the decision ─▶ Chủ tịch signs (signed PDF) ─▶ end
(any review step may return the dossier to the unit; it comes back to that step, to the
reviewer who returned it; the Trưởng Ban may send the appraisal back to the specialist, the
committee the draft back to the board, the Chủ tịch the draft back to the officer)
Awards decided at unit level (LDTT, CSTDCS, TTLDTT, Giấy khen) are awarded by the unit
head's decision when they sign and never go further; a dossier of only those ends there.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow
from viewflow.workflow.lock import SelectForUpdateLock

from nominations.choices import NominationStatus
from nominations.models import Dossier

from . import views
from .engine import RouteFacts
from .models import DossierProcess
from .nodes import RouteStep, scope_index_views
from .steps import BLOC_VOTE, COUNCIL_REVIEW, UNIT_HEAD_SUBMIT, Outcome


def returned_by(step: str):
    """Gateway condition: the dossier was returned by `step`."""

    def condition(activation) -> bool:
        return activation.process.return_to == step

    condition.__name__ = f"returned_by_{step}"
    return condition


class RouteFlow(flow.Flow):
    """Lộ trình hồ sơ đề nghị khen thưởng

    Đơn vị gửi → Thủ trưởng ký trình → Khối / Cụm bình xét → Hội đồng TĐKT xem xét →
    Ban Thi đua – Khen thưởng thẩm định → Trưởng Ban phê duyệt → UBND tỉnh dự thảo quyết
    định → Chủ tịch UBND tỉnh ký quyết định.
    """

    process_class = DossierProcess
    # waits for the process row at most the database's lock_timeout (DB_LOCK_TIMEOUT_MS),
    # once: viewflow's default five attempts would multiply the wait
    lock_impl = SelectForUpdateLock(nowait=False, attempts=1)
    process_summary_template = "{{ process.artifact }}"

    # the unit officer sends the drafted dossier (workflows.services.send_dossier)
    start = (
        flow.StartHandle(this.start_route)
        .Annotation(title=_("Đơn vị gửi hồ sơ"))
        .Next(this.unit_head_submit)
    )

    unit_head_submit = (
        RouteStep(views.ReviewStepView.as_view())
        .Annotation(title=_("Thủ trưởng đơn vị ký trình"))
        .Next(this.after_signature)
    )
    after_signature = (
        flow.Switch()
        .Annotation(title=_("Sau ký trình"))
        .Case(this.unit_revise, this.was_returned)
        .Case(this.close_without_nominations, this.nothing_left)
        .Case(this.decided, this.decided_at_unit)
        .Default(this.needs_bloc_vote)
    )
    needs_bloc_vote = (
        flow.If(this.goes_through_bloc)
        .Annotation(title=_("Đơn vị thuộc Khối / Cụm và có đề nghị qua bình xét?"))
        .Then(this.bloc_vote)
        .Else(this.council_review)
    )

    # waits for the bloc's closed vote (blocs.signals.bloc_vote_closed), or the bloc leader
    # records the result per nomination himself
    bloc_vote = (
        RouteStep(views.ReviewStepView.as_view())
        .Annotation(title=_("Khối / Cụm thi đua bình xét"))
        .Next(this.after_bloc_vote)
    )
    after_bloc_vote = (
        flow.Switch()
        .Annotation(title=_("Sau bình xét"))
        .Case(this.unit_revise, this.was_returned)
        .Case(this.close_without_nominations, this.nothing_left)
        .Default(this.council_review)
    )

    council_review = (
        RouteStep(views.ReviewStepView.as_view())
        .Annotation(title=_("Hội đồng TĐKT xem xét"))
        .Next(this.after_council)
    )
    after_council = (
        flow.Switch()
        .Annotation(title=_("Sau Hội đồng"))
        .Case(this.unit_revise, this.was_returned)
        .Case(this.close_without_nominations, this.nothing_left)
        .Default(this.board_appraisal)
    )

    board_appraisal = (
        RouteStep(views.ReviewStepView.as_view())
        .Annotation(title=_("Ban Thi đua – Khen thưởng thẩm định"))
        .Next(this.after_appraisal)
    )
    after_appraisal = (
        flow.Switch()
        .Annotation(title=_("Sau thẩm định"))
        .Case(this.unit_revise, this.was_returned)
        .Case(this.close_without_nominations, this.nothing_left)
        .Default(this.board_head_approval)
    )

    # the Trưởng Ban approves the specialist's appraisal, or sends it back to them
    board_head_approval = (
        RouteStep(views.ApprovalStepView.as_view())
        .Annotation(title=_("Trưởng Ban phê duyệt"))
        .Next(this.after_board_head)
    )
    after_board_head = (
        flow.Switch()
        .Annotation(title=_("Sau phê duyệt của Trưởng Ban"))
        .Case(this.board_appraisal, this.back_to_specialist)
        .Default(this.committee_decision)
    )

    # the VP UBND officer drafts the decision (number, date, who is awarded)…
    committee_decision = (
        RouteStep(views.DecisionStepView.as_view())
        .Annotation(title=_("UBND tỉnh quyết định"))
        .Next(this.after_decision)
    )
    after_decision = (
        flow.Switch()
        .Annotation(title=_("Sau dự thảo quyết định"))
        .Case(this.board_appraisal, this.back_to_board)
        .Default(this.committee_sign)
    )
    # …the Chủ tịch UBND tỉnh signs it and uploads the signed PDF: only then is it final
    committee_sign = (
        RouteStep(views.SignStepView.as_view())
        .Annotation(title=_("Chủ tịch UBND tỉnh ký quyết định"))
        .Next(this.after_signing)
    )
    after_signing = (
        flow.Switch()
        .Annotation(title=_("Kết quả quyết định"))
        .Case(this.committee_decision, this.back_to_officer)
        .Case(this.proposed_upward, this.only_proposed_upward)
        .Default(this.decided)
    )

    # returned: the unit revises and resubmits; the dossier goes back to the returning step
    unit_revise = (
        RouteStep(views.ReviseStepView.as_view())
        .Annotation(title=_("Đơn vị bổ sung, hoàn thiện hồ sơ"))
        .Next(this.back_to_returning_step)
    )
    back_to_returning_step = (
        flow.Switch()
        .Annotation(title=_("Trở lại bước đã trả hồ sơ"))
        .Case(this.unit_head_submit, returned_by(UNIT_HEAD_SUBMIT))
        .Case(this.bloc_vote, returned_by(BLOC_VOTE))
        .Case(this.council_review, returned_by(COUNCIL_REVIEW))
        .Default(this.board_appraisal)
    )

    close_without_nominations = (
        flow.Function(this.close_dossier)
        .Annotation(title=_("Không còn đề nghị nào"))
        .Next(this.closed)
    )

    decided = flow.End().Annotation(title=_("Đã có quyết định khen thưởng"))
    proposed_upward = flow.End().Annotation(title=_("Đã đề nghị cấp trên"))
    closed = flow.End().Annotation(title=_("Kết thúc – không còn đề nghị"))

    # ------------------------------------------------------------ what the nodes call

    def start_route(self, activation, dossier: Dossier, user):
        activation.process.artifact = dossier
        activation.process.data = {}
        activation.task.owner = user
        return activation.process

    @staticmethod
    def _outcome(activation) -> str:
        return activation.process.outcome

    def was_returned(self, activation) -> bool:
        return self._outcome(activation) == Outcome.RETURNED

    def nothing_left(self, activation) -> bool:
        return self._outcome(activation) == Outcome.NOTHING_LEFT

    def decided_at_unit(self, activation) -> bool:
        """Every nomination left was decided by the unit head (unit-level awards)."""
        return self._outcome(activation) == Outcome.DECIDED

    def back_to_board(self, activation) -> bool:
        return self._outcome(activation) == Outcome.BACK_TO_BOARD

    def back_to_specialist(self, activation) -> bool:
        return self._outcome(activation) == Outcome.BACK_TO_SPECIALIST

    def back_to_officer(self, activation) -> bool:
        return self._outcome(activation) == Outcome.BACK_TO_OFFICER

    def only_proposed_upward(self, activation) -> bool:
        return self._outcome(activation) == Outcome.PROPOSED_UPWARD

    def goes_through_bloc(self, activation) -> bool:
        """The unit belongs to a bloc that year and a nomination's award goes via blocs."""
        facts = RouteFacts.of(activation)
        return facts.bloc_id() is not None and any(
            n.status == NominationStatus.ACTIVE and n.award.via_bloc
            for n in facts.nominations())

    def close_dossier(self, activation) -> None:
        from nominations.services import close_dossier

        dossier = Dossier.objects.get(pk=activation.process.artifact_object_id)
        close_dossier(dossier=dossier, step=activation.process.outcome)

    # ------------------------------------------------------------ permissions

    def has_view_permission(self, user, obj=None):
        from . import selectors

        if not selectors.has_any_role(user):
            return False
        if obj is None:
            return True
        return selectors.process_visible(user, obj)

    def has_manage_permission(self, user, obj=None):
        return bool(user.is_authenticated and user.is_superuser)


scope_index_views(RouteFlow)
