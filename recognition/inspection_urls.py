from __future__ import annotations

from django.urls import path

from recognition import draw_views, inspection_views

urlpatterns: list = [
    path("inspections/", inspection_views.inspection_list, name="inspection_list"),
    path("inspections/new/", inspection_views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", inspection_views.inspection_detail, name="inspection_detail"),
    path("inspections/<int:pk>/edit/", inspection_views.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/follow-ups/", inspection_views.followup_add, name="followup_add"),
    path("inspections/follow-ups/<int:pk>/close/", inspection_views.followup_close, name="followup_close"),
    path("inspections/draws/", draw_views.draw_list, name="draw_list"),
    path("inspections/draws/new/", draw_views.draw_create, name="draw_create"),
    path("inspections/draws/<int:pk>/", draw_views.draw_detail, name="draw_detail"),
    path("inspections/draws/<int:pk>/redraw/", draw_views.draw_redraw, name="draw_redraw"),
]
