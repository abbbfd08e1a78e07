from __future__ import annotations

from django.urls import path, re_path

from cycle import dashboard_views

urlpatterns: list = [
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("cycle/<int:year>/compliance/", dashboard_views.compliance_board, name="compliance_board"),
    path("cycle/<int:year>/compliance/export.xlsx", dashboard_views.compliance_export, name="compliance_export"),
    re_path(
        r"^cycle/(?P<year>[0-9]{4})/report\.(?P<fmt>xlsx|docx|pdf)$", dashboard_views.cycle_report, name="cycle_report"
    ),
]
