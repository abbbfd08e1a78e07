from __future__ import annotations

from django.urls import path, re_path

from youth import export_views

urlpatterns = [
    re_path(r"^youth/export/02\.(?P<fmt>xlsx|docx|pdf)$", export_views.youth_export, name="youth_export"),
    path("youth/export/jobs/<uuid:pk>/", export_views.youth_export_job, name="youth_export_job"),
    path(
        "youth/export/jobs/<uuid:pk>/download",
        export_views.youth_export_job_download,
        name="youth_export_job_download",
    ),
]
