from __future__ import annotations

from django.urls import path

from units import views

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/move/", views.unit_move, name="unit_move"),
    path("units/<int:pk>/close/", views.unit_close, name="unit_close"),
]
