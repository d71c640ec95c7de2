"""The viewflow Material frame: one Site, one Application holding every part's viewset.

Each app contributes its viewset here (dossiers, the route's inbox/queue/process views,
blocs, notifications, imports, reports, API tokens). URL names:
``khenthuong:<app_name>:<view>``. The application's index is the landing page ("Trang làm
việc", workflows.views.landing.LandingView): "/" and the login lead there. Every page shows one menu
(templates/khenthuong/main_menu.html).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, Site

from api.viewset import ApiTokenViewset
from blocs.viewset import BlocViewset
from documents.viewset import DocumentsViewset
from imports.viewset import ImportViewset
from nominations.viewset import DossierViewset
from notifications.viewset import NotificationViewset
from reports.viewset import ReportViewset
from workflows.views.landing import LandingView
from workflows.viewset import RouteViewset

MENU_TEMPLATE = "khenthuong/app_menu.html"


class KhenThuongApp(Application):
    menu_template_name = MENU_TEMPLATE

    @property
    def index_path(self):
        return path("", LandingView.as_view(), name="index")


app = KhenThuongApp(
    title=_("Khen thưởng"),
    icon="military_tech",
    app_name="khenthuong",
    viewsets=[DossierViewset(), NotificationViewset(), RouteViewset(), BlocViewset(),
              DocumentsViewset(), ImportViewset(), ReportViewset(), ApiTokenViewset()],
)

site = Site(title=_("Khen thưởng Flow"), viewsets=[app])
