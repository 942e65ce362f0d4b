from django.urls import path  # noqa: F401 — the finance pages add their routes here

app_name = "finance"

urlpatterns: list = []
