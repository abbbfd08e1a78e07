from __future__ import annotations

from django.urls import path, re_path

from recognition import commendation_views

urlpatterns: list = [
    path("commendations/", commendation_views.commendation_list, name="commendation_list"),
    path("commendations/new/", commendation_views.commendation_create, name="commendation_create"),
    path("commendations/<int:pk>/edit/", commendation_views.commendation_edit, name="commendation_edit"),
    path("commendations/<int:pk>/delete/", commendation_views.commendation_delete, name="commendation_delete"),
    re_path(
        r"^commendations/export\.(?P<fmt>xlsx|docx|pdf)$",
        commendation_views.commendation_export,
        name="commendation_export",
    ),
]
