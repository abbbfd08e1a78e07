from __future__ import annotations

from django.urls import include, path

from cycle import calendar_views, notification_views, views

urlpatterns: list = [
    path("cycle/", views.cycle_home, name="cycle_home"),
    path("cycle/<int:year>/", views.cycle_year, name="cycle_year"),
    path("cycle/<int:year>/submit/", views.submission_submit, name="submission_submit"),
    path("cycle/<int:year>/extensions/new/", views.extension_grant, name="extension_grant"),
    path("cycle/<int:year>/edit/", calendar_views.year_edit, name="year_edit"),
    path("cycle/submissions/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("cycle/submissions/<int:pk>/review/", views.submission_review, name="submission_review"),
    path("cycle/periods/", calendar_views.period_list, name="period_list"),
    path("cycle/periods/new/", calendar_views.period_create, name="period_create"),
    path("cycle/years/new/", calendar_views.year_create, name="year_create"),
    path("notifications/", notification_views.notification_list, name="notification_list"),
    path("notifications/read/", notification_views.notification_read, name="notification_read"),
    path("", include("cycle.dashboard_urls")),
]
