"""The viewflow Material frame: one Site, one Application holding every part's viewset.

Each app contributes its viewset here (dossiers, the route's inbox/queue/process views,
blocs, notifications, reports). URL names: ``khenthuong:<app_name>:<view>``.
"""

from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application, Site

from blocs.viewset import BlocViewset
from nominations.viewset import DossierViewset
from notifications.viewset import NotificationViewset
from reports.viewset import ReportViewset
from workflows.viewset import RouteViewset

app = Application(
    title=_("Khen thưởng"),
    icon="military_tech",
    app_name="khenthuong",
    viewsets=[DossierViewset(), NotificationViewset(), RouteViewset(), BlocViewset(),
              ReportViewset()],
)

site = Site(title=_("Khen thưởng Flow"), viewsets=[app])
