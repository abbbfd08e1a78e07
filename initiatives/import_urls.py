from __future__ import annotations

from django.urls import path

from initiatives import import_views

urlpatterns = [
    path("initiatives/import/", import_views.initiative_import, name="initiative_import"),
    path("initiatives/import/commit/", import_views.initiative_import_commit, name="initiative_import_commit"),
    path(
        "initiatives/import/template.xlsx", import_views.initiative_import_template, name="initiative_import_template"
    ),
]
