"""Routes of payment requests, statements and their exports (included by finance.urls, namespace finance)."""

from django.urls import path

from . import views_statements as views

P = "projects/<slug:slug>/"

urlpatterns: list = [
    path(f"{P}payment-requests/", views.payment_request_list, name="payment_request_list"),
    path(f"{P}payment-requests/new/", views.payment_request_create, name="payment_request_create"),
    path(f"{P}payment-requests/<int:pk>/edit/", views.payment_request_update, name="payment_request_update"),
    path(f"{P}payment-requests/<int:pk>/delete/", views.payment_request_delete, name="payment_request_delete"),
    path(f"{P}statements/", views.statement_list, name="statement_list"),
    path(f"{P}statements/new/", views.statement_create, name="statement_create"),
    path(f"{P}statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path(
        f"{P}statements/<int:pk>/explain/<slug:category>/<int:year>/",
        views.statement_explain,
        name="statement_explain",
    ),
    path(f"{P}statements/<int:pk>/submit/", views.statement_submit, name="statement_submit"),
    path(f"{P}statements/<int:pk>/new-version/", views.statement_new_version, name="statement_new_version"),
    path(f"{P}statements/<int:pk>/export/<str:fmt>/", views.statement_export, name="statement_export"),
    path(f"{P}receipt-list/export/<str:fmt>/", views.receipt_list_export, name="receipt_list_export"),
]
