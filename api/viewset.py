"""The token page inside viewflow's frame (menu: "Mã truy cập API")."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import AppMenuMixin, Viewset

from . import pages


class ApiTokenViewset(AppMenuMixin, Viewset):
    title = _("Mã truy cập API")
    icon = "vpn_key"
    app_name = "api_tokens"

    index_path = path("", pages.TokenListView.as_view(), name="index")
    revoke_path = path("<int:pk>/thu-hoi/", pages.TokenRevokeView.as_view(), name="revoke")
