from __future__ import annotations

from django.urls import path

from initiatives import evidence_views

urlpatterns = [
    path("initiatives/<int:pk>/evidence/new/", evidence_views.evidence_add, name="evidence_add"),
    path("initiatives/<int:pk>/evidence/link/", evidence_views.evidence_link_add, name="evidence_link_add"),
    path("initiatives/<int:pk>/confirmation/", evidence_views.confirmation_edit, name="confirmation_edit"),
    path("initiatives/evidence/<int:pk>/delete/", evidence_views.evidence_delete, name="evidence_delete"),
    path("initiatives/evidence/<int:pk>/file", evidence_views.evidence_file, name="evidence_file"),
    path("initiatives/evidence/<int:pk>/thumbnail", evidence_views.evidence_thumbnail, name="evidence_thumbnail"),
]
