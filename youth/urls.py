from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("youth.import_urls")),
    path("", include("youth.export_urls")),
]
