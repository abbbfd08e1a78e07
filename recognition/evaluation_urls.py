from __future__ import annotations

from django.urls import path

from recognition import evaluation_views, library_views

urlpatterns: list = [
    path("recognition/", evaluation_views.evaluation_list, name="evaluation_list"),
    path(
        "recognition/initiatives/<int:pk>/evaluate/", evaluation_views.initiative_evaluate, name="initiative_evaluate"
    ),
    path("library/", library_views.library, name="library"),
    path("library/<int:pk>/", library_views.library_detail, name="library_detail"),
    path("library/<int:pk>/replicate/", library_views.library_replicate, name="library_replicate"),
]
