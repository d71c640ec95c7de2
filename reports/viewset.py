"""The manager's dashboard inside viewflow's frame (menu: "Thống kê, báo cáo").

URL names: khenthuong:reports:<name>. The dossier list's and the status list's Excel
downloads live here too (their pages link to them), so the export code stays in one app."""

from django.urls import path, re_path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from . import selectors, views


class ReportViewset(AppMenuMixin, Viewset):
    title = _("Thống kê, báo cáo")
    icon = "insights"
    app_name = "reports"

    index_path = path("", views.DashboardView.as_view(), name="index")
    print_path = path("in/", views.PrintView.as_view(), name="print")
    export_path = path("xuat/thong-ke.xlsx", views.DashboardExportView.as_view(),
                       name="export")
    export_overdue_path = path("xuat/qua-han.xlsx", views.OverdueExportView.as_view(),
                               name="export_overdue")
    export_dossiers_path = path("xuat/ho-so.xlsx", views.DossierListExportView.as_view(),
                                name="export_dossiers")
    export_status_path = path("xuat/tinh-hinh.xlsx", views.StatusExportView.as_view(),
                              name="export_status")
    export_tasks_path = re_path(r"^xuat/viec/(?P<page>inbox|queue|archive)\.xlsx$",
                                views.TaskListExportView.as_view(), name="export_tasks")

    def has_view_permission(self, user, obj=None):
        # the menu entry: the dashboard's readers only (the list downloads check their own)
        return selectors.can_view_reports(user)
