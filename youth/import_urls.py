from __future__ import annotations

from django.urls import path

from youth import import_views

urlpatterns = [
    path("youth/import/", import_views.youth_import, name="youth_import"),
    path("youth/import/commit/", import_views.youth_import_commit, name="youth_import_commit"),
    path("youth/import/template.xlsx", import_views.youth_import_template, name="youth_import_template"),
]
