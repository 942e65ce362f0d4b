"""Routes of the finance receipts pages (included by finance.urls, namespace finance)."""

urlpatterns: list = []
