"""The route inside viewflow's frame: inbox, queue, archive, process list and detail (with
the flow chart), bulk claim/release — all scoped to what the user may see — plus the case
page and its JSON, the status list, delegations and saved filters. URL names:
khenthuong:route:<name>."""

from django.urls import path
from viewflow.workflow.flow.viewset import FlowAppViewset

from api.route_views import CasePageSummaryView

from . import selectors
from .flows import RouteFlow
from .nodes import scope_urls_to_visible
from .views import case, delegation, lists, tasks
from .views import steps as step_views


class RouteViewset(FlowAppViewset):
    icon = "account_tree"
    menu_template_name = "khenthuong/app_menu.html"  # the one menu of every page

    inbox_view_class = lists.RouteInboxView
    queue_view_class = lists.RouteQueueView
    archive_view_class = lists.RouteArchiveView
    process_list_view_class = lists.RouteProcessListView
    process_detail_view_class = case.RouteProcessDetailView
    task_list_view_class = lists.RouteTaskListAllView
    chart_view_class = case.RouteChartView
    tasks_assign_view_class = tasks.BulkClaimView
    tasks_unassign_view_class = tasks.BulkReleaseView

    def __init__(self, flow_class=RouteFlow, **kwargs):
        super().__init__(flow_class, **kwargs)

    @property
    def index_path(self):
        return path("", lists.StatusView.as_view(), name="index")

    status_path = path("tinh-hinh/", lists.StatusView.as_view(), name="status")
    case_path = path("ho-so/<int:dossier_pk>/", case.CaseView.as_view(), name="case")
    # the case's JSON: a DRF view of api/ (token or session, the API's errors and throttles)
    case_api_path = path("api/ho-so/<int:dossier_pk>/", CasePageSummaryView.as_view(),
                         name="case_api")
    send_path = path("ho-so/<int:dossier_pk>/gui/", step_views.SendDossierView.as_view(),
                     name="send")
    withdraw_path = path("ho-so/<int:dossier_pk>/rut/", step_views.WithdrawDossierView.as_view(),
                         name="withdraw")
    delegations_path = path("uy-quyen/", delegation.DelegationView.as_view(), name="delegations")
    revoke_delegation_path = path("uy-quyen/<int:pk>/thu-hoi/",
                                  delegation.RevokeDelegationView.as_view(),
                                  name="revoke_delegation")
    save_filter_path = path("bo-loc/luu/", lists.SaveFilterView.as_view(), name="save_filter")
    delete_filter_path = path("bo-loc/<int:pk>/xoa/", lists.DeleteFilterView.as_view(),
                              name="delete_filter")

    def _get_urls(self):
        patterns = super()._get_urls()
        scope_urls_to_visible(patterns)
        return patterns

    def has_view_permission(self, user, obj=None):
        return selectors.has_any_role(user)

    def get_context_data(self, request):
        if not request.user.is_authenticated:
            return {}
        return {"task_counts": selectors.task_counts(request.user)}
