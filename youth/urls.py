from __future__ import annotations

from django.urls import include, path

from youth import views

urlpatterns = [
    path("youth/", views.youth_list, name="youth_list"),
    path("youth/new/", views.youth_create, name="youth_create"),
    path("youth/bin/", views.youth_bin, name="youth_bin"),
    path("youth/<int:pk>/", views.youth_detail, name="youth_detail"),
    path("youth/<int:pk>/edit/", views.youth_edit, name="youth_edit"),
    path("youth/<int:pk>/delete/", views.youth_delete, name="youth_delete"),
    path("youth/<int:pk>/merge/", views.youth_merge, name="youth_merge"),
    path("youth/<int:pk>/restore/", views.youth_restore, name="youth_restore"),
    path("youth/<int:pk>/purge/", views.youth_purge, name="youth_purge"),
    path("youth/<int:pk>/consents/new/", views.consent_add, name="consent_add"),
    path("youth/consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("", include("youth.import_urls")),
    path("", include("youth.export_urls")),
]
