from __future__ import annotations

from django.urls import path

from initiatives import export_views

urlpatterns = [
    path("initiatives/export/", export_views.initiative_export, name="initiative_export"),
    path("initiatives/export/jobs/<uuid:pk>/", export_views.initiative_export_job, name="initiative_export_job"),
    path(
        "initiatives/export/jobs/<uuid:pk>/download",
        export_views.initiative_export_job_download,
        name="initiative_export_job_download",
    ),
]
