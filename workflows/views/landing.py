"""“Trang làm việc”, where everyone lands after login (docs/architecture.md, "Landing
page, menu, inbox")."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic

from accounts import roles

from .. import selectors
from ..steps import (
    BLOC_VOTE,
    BOARD_APPRAISAL,
    COMMITTEE_DECISION,
    COUNCIL_REVIEW,
    STEPS,
    UNIT_HEAD_SUBMIT,
    UNIT_REVISE,
    step_label,
)
from .common import url_pattern

# What each role does next (issue 12), in the order shown: "mine" counts the user's own
# open tasks of the step (inbox and queue), "watch" every visible dossier waiting there.
NEXT_STEPS = (
    (roles.UNIT_OFFICER, "mine", UNIT_REVISE,
     gettext_lazy("Hồ sơ bị trả lại, cần bổ sung và nộp lại")),
    (roles.UNIT_HEAD, "mine", UNIT_HEAD_SUBMIT, gettext_lazy("Hồ sơ chờ thủ trưởng ký trình")),
    (roles.BLOC_LEADER, "mine", BLOC_VOTE, gettext_lazy("Hồ sơ chờ Khối / Cụm bình xét")),
    (roles.COUNCIL_SECRETARY, "mine", COUNCIL_REVIEW,
     gettext_lazy("Hồ sơ chờ Hội đồng TĐKT xem xét")),
    (roles.COUNCIL_MEMBER, "watch", COUNCIL_REVIEW,
     gettext_lazy("Hồ sơ đang chờ Hội đồng TĐKT xem xét")),
    (roles.BOARD_SPECIALIST, "mine", BOARD_APPRAISAL, gettext_lazy("Hồ sơ chờ thẩm định")),
    (roles.BOARD_HEAD, "watch", BOARD_APPRAISAL,
     gettext_lazy("Hồ sơ Ban Thi đua – Khen thưởng đang thẩm định")),
    (roles.COMMITTEE_OFFICER, "mine", COMMITTEE_DECISION,
     gettext_lazy("Hồ sơ chờ ghi nhận quyết định của UBND tỉnh")),
    (roles.COMMITTEE_LEADER, "watch", COMMITTEE_DECISION,
     gettext_lazy("Hồ sơ chờ UBND tỉnh quyết định")),
)


class LandingView(LoginRequiredMixin, generic.TemplateView):
    """"Trang làm việc", where everyone lands after login: their tasks (held, waiting to be
    taken, due today, overdue), the few due soonest, and what their role does next —
    a fixed number of queries whatever the data (workflows.selectors.my_work & co)."""

    template_name = "workflows/landing.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        names = user.role_names()
        acts = selectors.acts_on_route(user)
        work = selectors.my_work(user) if acts else None
        watched = (selectors.waiting_per_step(user)
                   if names & {roles.MANAGER, roles.COUNCIL_MEMBER, roles.BOARD_HEAD,
                               roles.COMMITTEE_LEADER} else {})
        inbox, queue = reverse("khenthuong:route:inbox"), reverse("khenthuong:route:queue")
        status = reverse("khenthuong:route:status")
        next_steps = []
        for role, kind, step, label in NEXT_STEPS:
            if role not in names:
                continue
            if kind == "mine":
                row = (work or {}).get("per_step", {}).get(step, {})
                count, overdue = row.get("inbox", 0) + row.get("queue", 0), row.get("overdue", 0)
                url = f"{inbox if row.get('inbox') else queue}?step={step}"
            else:
                row = watched.get(step, {})
                count, overdue, url = row.get("total", 0), row.get("overdue", 0), status
            next_steps.append({"label": label, "count": count, "overdue": overdue,
                               "url": url, "step": step})
        if work:
            task_url = {code: url_pattern(f"khenthuong:route:{code}:index", 2)
                        for code in STEPS}
            case_url = url_pattern("khenthuong:route:case")
            for row in work["soonest"]:
                row.update(url=task_url[row["step"]].format(row["task__process_id"],
                                                             row["task_id"]),
                           case_url=case_url.format(row["dossier_id"]),
                           step_label=step_label(row["step"]))
        overview = None
        if roles.MANAGER in names:
            overview = {"total": sum(r["total"] for r in watched.values()),
                        "overdue": sum(r["overdue"] for r in watched.values())}
        role_labels = [roles.ROLE_LABELS[r] for r in roles.ALL_ROLES if r in names]
        return super().get_context_data(
            work=work, acts_on_route=acts, next_steps=next_steps, overview=overview,
            drafts=selectors.drafts_of(user) if roles.UNIT_OFFICER in names else None,
            bloc_votes=selectors.bloc_votes_of(user) if roles.BLOC_LEADER in names else [],
            role_labels=role_labels, today=selectors.today(),
            task_counts={"inbox": work["inbox"], "queue": work["queue"]} if work else None,
            page_title=_("Trang làm việc"), **kwargs)
