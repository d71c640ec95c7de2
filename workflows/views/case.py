"""Tracking one dossier: the case page (where it waits, since when, its timeline) and its
JSON, and viewflow's process page and flow chart, scoped to the dossiers the user may
see."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views import generic
from viewflow.workflow.flow.views import DetailProcessView, FlowChartView

from .. import selectors
from ..steps import STEPS
from .common import case_link


class CaseView(LoginRequiredMixin, generic.TemplateView):
    """The case page: the dossier, every nomination with eligibility, the timeline, and
    where it waits since when."""

    template_name = "workflows/case.html"

    def get_context_data(self, **kwargs):
        case = selectors.case_of(self.request.user, self.kwargs["dossier_pk"])
        if case is None:
            raise Http404
        return super().get_context_data(**case, step_labels={c: s.label for c, s in
                                                             STEPS.items()},
                                        page_title=case["dossier"].title, **kwargs)


class CaseApiView(LoginRequiredMixin, generic.View):
    """JSON of the case (same visibility as the page)."""

    def get(self, request, dossier_pk: int):
        case = selectors.case_of(request.user, dossier_pk)
        if case is None:
            return JsonResponse({"detail": _("Không tìm thấy hồ sơ.")}, status=404)
        dossier = case["dossier"]
        return JsonResponse({
            "id": dossier.pk, "title": dossier.title, "unit": str(dossier.unit),
            "year": dossier.year, "status": dossier.status,
            "nominations": [{"id": n.pk, "nominee": str(n.nominee), "award": n.award.code,
                             "status": n.status} for n in case["nominations"]],
            "waiting": [{"step": d.step, "since": d.started_on.isoformat(),
                         "due": d.due_on.isoformat(), "overdue": d.is_overdue,
                         "assigned_to": str(d.assigned_to) if d.assigned_to_id else None}
                        for d in case["waiting"]],
            "events": [{"at": e.at.isoformat(), "action": e.action, "step": e.step,
                        "actor": str(e.actor) if e.actor_id else None, "reason": e.reason}
                       for e in case["events"]],
        })


class RouteProcessDetailView(DetailProcessView):
    """The process page: visibility is checked by the URL wrapper (404) and by viewflow's
    has_view_permission (the flow's, on the dossier); the tasks come with their owner."""

    def get_queryset(self):
        return selectors.processes_visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        process = ctx["process"]
        ctx["task_list"] = process.task_set.select_related("owner").order_by("created")
        ctx["dossier"] = selectors.dossier_of(process)
        ctx["case_url"] = case_link(process.artifact_object_id)
        return ctx


class RouteChartView(FlowChartView):
    def get(self, request, *args, **kwargs):
        process_pk = kwargs.get("process_pk")
        if process_pk is not None and not selectors.processes_visible_to(
                request.user).filter(pk=process_pk).exists():
            raise Http404
        return super().get(request, *args, **kwargs)
