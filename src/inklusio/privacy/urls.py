from django.urls import path

from . import views, views_retention

app_name = "privacy"
urlpatterns = [
    path("retention/", views_retention.retention_settings, name="retention"),
    path("retention/dry-run/", views_retention.dry_run, name="retention_dry_run"),
    path("retention/runs/", views_retention.run_log, name="retention_runs"),
    path("retention/<str:key>/", views_retention.retention_edit, name="retention_edit"),
    path("record/", views_retention.processing_record, name="record"),
    path("record.pdf", views_retention.processing_record_pdf, name="record_pdf"),
    path("people/<int:pk>/export/", views.person_export, name="person_export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
]
