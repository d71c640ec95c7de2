from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import route_views as v
from . import token_views, views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from our static files; its script is a separate request (no inline script)
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/eligibility/check", views.EligibilityCheckView.as_view(), name="eligibility-check"),
    path("v1/dossiers/", v.DossierListView.as_view(), name="dossier-list"),
    path("v1/dossiers/<int:pk>/", v.DossierDetailView.as_view(), name="dossier-detail"),
    path("v1/nominations/", v.NominationListView.as_view(), name="nomination-list"),
    path("v1/nominations/<int:pk>/", v.NominationDetailView.as_view(),
         name="nomination-detail"),
    path("v1/tasks/inbox/", v.InboxView.as_view(), name="task-inbox"),
    path("v1/tasks/queue/", v.QueueView.as_view(), name="task-queue"),
    path("v1/tasks/<int:pk>/", v.TaskDetailView.as_view(), name="task-detail"),
    path("v1/tasks/<int:pk>/claim/", v.ClaimView.as_view(), name="task-claim"),
    path("v1/tasks/<int:pk>/release/", v.ReleaseView.as_view(), name="task-release"),
    path("v1/tasks/<int:pk>/complete/", v.CompleteView.as_view(), name="task-complete"),
    path("v1/tasks/<int:pk>/return/", v.ReturnView.as_view(), name="task-return"),
    path("v1/cases/<int:dossier_pk>/", v.CaseView.as_view(), name="case-detail"),
    path("v1/decisions/", v.DecisionListView.as_view(), name="decision-list"),
    path("v1/decisions/<int:pk>/", v.DecisionDetailView.as_view(), name="decision-detail"),
    path("v1/tokens/", token_views.TokenListView.as_view(), name="token-list"),
    path("v1/tokens/<int:pk>/revoke/", token_views.TokenRevokeView.as_view(),
         name="token-revoke"),
]
