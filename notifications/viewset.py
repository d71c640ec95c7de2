"""The notification centre inside viewflow's frame (menu: "Thông báo")."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from . import views


class NotificationViewset(AppMenuMixin, Viewset):
    title = _("Thông báo")
    icon = "notifications"
    app_name = "notifications"

    index_path = path("", views.NoticeListView.as_view(), name="index")
    open_path = path("<int:pk>/", views.NoticeOpenView.as_view(), name="open")
    mark_read_path = path("<int:pk>/da-doc/", views.MarkReadView.as_view(), name="mark_read")
    mark_all_read_path = path("da-doc-tat-ca/", views.MarkAllReadView.as_view(),
                              name="mark_all_read")
    preferences_path = path("cai-dat/", views.PreferenceView.as_view(), name="preferences")
