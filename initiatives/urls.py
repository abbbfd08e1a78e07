from __future__ import annotations

from django.urls import include, path

from initiatives import part_views, views

urlpatterns: list = [
    path("initiatives/", views.initiative_list, name="initiative_list"),
    path("initiatives/new/", views.initiative_create, name="initiative_create"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative_edit"),
    path("initiatives/<int:pk>/results/", views.initiative_results, name="initiative_results"),
    path("initiatives/<int:pk>/delete/", views.initiative_delete, name="initiative_delete"),
    path("initiatives/<int:pk>/transition/", views.initiative_transition, name="initiative_transition"),
    path("initiatives/<int:pk>/replicate/", views.initiative_replicate, name="initiative_replicate"),
    path("initiatives/<int:pk>/youth/", part_views.initiative_youth_search, name="initiative_youth_search"),
    path("initiatives/<int:pk>/steps/new/", part_views.step_add, name="step_add"),
    path("initiatives/steps/<int:pk>/delete/", part_views.step_delete, name="step_delete"),
    path("initiatives/<int:pk>/activities/new/", part_views.activity_add, name="activity_add"),
    path("initiatives/activities/<int:pk>/delete/", part_views.activity_delete, name="activity_delete"),
    path("initiatives/<int:pk>/beneficiaries/new/", part_views.beneficiary_add, name="beneficiary_add"),
    path("initiatives/beneficiaries/<int:pk>/edit/", part_views.beneficiary_edit, name="beneficiary_edit"),
    path("initiatives/beneficiaries/<int:pk>/remove/", part_views.beneficiary_remove, name="beneficiary_remove"),
    path("", include("initiatives.evidence_urls")),
    path("", include("initiatives.export_urls")),
    path("", include("initiatives.import_urls")),
]
