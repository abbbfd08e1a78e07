from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("units.urls")),
    path("", include("accounts.urls")),
    path("", include("youth.urls")),
    path("", include("initiatives.urls")),
    path("", include("recognition.urls")),
    path("", include("cycle.urls")),
    path("audit/", include("audit.urls")),
    path("api/v1/", include("api.urls")),
]
