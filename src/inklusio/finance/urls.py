"""The finance pages under ``/staff/finance/``; each area keeps its routes in its own module."""

from . import urls_plan, urls_receipts, urls_statements

app_name = "finance"

urlpatterns = [*urls_plan.urlpatterns, *urls_receipts.urlpatterns, *urls_statements.urlpatterns]
