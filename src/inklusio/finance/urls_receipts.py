"""Routes of the finance receipts pages (included by finance.urls, namespace finance)."""

from django.urls import path

from . import views_receipts as views

urlpatterns: list = [
    path("projects/<slug:slug>/receipts/", views.receipt_list, name="receipt_list"),
    path("projects/<slug:slug>/receipts/new/", views.receipt_create, name="receipt_create"),
    path("projects/<slug:slug>/receipts/import/", views.receipt_import, name="receipt_import"),
    path("projects/<slug:slug>/receipts/import/<int:pk>/", views.receipt_import_review, name="receipt_import_review"),
    path("projects/<slug:slug>/receipts/scans/", views.receipt_scans_zip, name="receipt_scans_zip"),
    path("projects/<slug:slug>/receipts/<int:pk>/", views.receipt_detail, name="receipt_detail"),
    path("projects/<slug:slug>/receipts/<int:pk>/edit/", views.receipt_edit, name="receipt_edit"),
    path("projects/<slug:slug>/receipts/<int:pk>/delete/", views.receipt_delete, name="receipt_delete"),
    path("projects/<slug:slug>/receipts/<int:pk>/scan/", views.receipt_scan, name="receipt_scan"),
]
