from __future__ import annotations

from django.urls import include, path

urlpatterns: list = [
    path("", include("cycle.dashboard_urls")),
]
