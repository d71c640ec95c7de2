"""The dossier pages inside viewflow's frame (menu: "Hồ sơ đề nghị")."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from . import views


class DossierViewset(AppMenuMixin, Viewset):
    title = _("Hồ sơ đề nghị")
    icon = "folder_open"
    app_name = "dossiers"

    index_path = path("", views.DossierListView.as_view(), name="index")
    create_path = path("tao-moi/", views.DossierCreateView.as_view(), name="create")
    detail_path = path("<int:pk>/", views.DossierDetailView.as_view(), name="detail")
    add_nomination_path = path(
        "<int:pk>/de-nghi/them/", views.NominationCreateView.as_view(), name="add_nomination"
    )
    upload_path = path("<int:pk>/tep/tai-len/", views.AttachmentUploadView.as_view(),
                       name="upload")
    person_history_path = path("ca-nhan/<int:pk>/", views.NomineeHistoryView.as_view(
        kind="person"), name="person_history")
    collective_history_path = path("tap-the/<int:pk>/", views.NomineeHistoryView.as_view(
        kind="collective"), name="collective_history")
    download_path = path("tep/<int:pk>/", views.AttachmentDownloadView.as_view(),
                         name="download")
