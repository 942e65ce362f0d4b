from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("retention/", views.retention_settings, name="retention"),
    path("retention/dry-run/", views.dry_run, name="retention_dry_run"),
    path("retention/runs/", views.run_log, name="retention_runs"),
    path("retention/<str:key>/", views.retention_edit, name="retention_edit"),
    path("record/", views.processing_record, name="record"),
    path("record.pdf", views.processing_record_pdf, name="record_pdf"),
]
