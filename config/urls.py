from django.contrib import admin
from django.urls import include, path
from viewflow.contrib.auth import AuthViewset

from .health import healthz
from .site import site

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("api/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", site.urls),
]
