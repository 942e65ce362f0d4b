"""Routes of the finance statements pages (included by finance.urls, namespace finance)."""

urlpatterns: list = []
