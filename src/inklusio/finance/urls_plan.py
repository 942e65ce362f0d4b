"""Routes of the finance plan pages (included by finance.urls, namespace finance)."""

urlpatterns: list = []
