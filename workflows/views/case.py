"""Tracking one dossier: the case page (where it waits, since when, its timeline), and
viewflow's process page and flow chart, scoped to the dossiers the user may see. The
case's JSON is api.route_views.CaseSummaryView (same URL name, khenthuong:route:case_api)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
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
