from __future__ import annotations

from django.urls import include, path

urlpatterns: list = [
    path("", include("initiatives.evidence_urls")),
    path("", include("initiatives.export_urls")),
    path("", include("initiatives.import_urls")),
]
