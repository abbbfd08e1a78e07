from __future__ import annotations

from django.urls import include, path

urlpatterns: list = [
    path("", include("recognition.evaluation_urls")),
    path("", include("recognition.inspection_urls")),
    path("", include("recognition.commendation_urls")),
]
