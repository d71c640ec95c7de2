"""The Excel import pages inside viewflow's frame (menu: "Nhập từ Excel").

URL names: khenthuong:imports:<name>."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from . import selectors, views
from .models import ImportKind


class ImportViewset(AppMenuMixin, Viewset):
    title = _("Nhập từ Excel")
    icon = "upload_file"
    app_name = "imports"

    index_path = path("", views.ImportIndexView.as_view(), name="index")
    template_path = path("mau/<str:kind>.xlsx", views.TemplateDownloadView.as_view(),
                         name="template")
    upload_path = path("tai-len/<str:kind>/", views.UploadView.as_view(), name="upload")
    detail_path = path("<int:pk>/", views.JobDetailView.as_view(), name="detail")
    progress_path = path("<int:pk>/tien-do.json", views.JobProgressView.as_view(),
                         name="progress")
    confirm_path = path("<int:pk>/xac-nhan/", views.JobConfirmView.as_view(), name="confirm")

    def has_view_permission(self, user, obj=None):
        return any(selectors.can_import(user, kind) for kind in ImportKind.values)
