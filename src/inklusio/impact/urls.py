from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.dashboard_view, name="dashboard"),
    path("<slug:slug>/report/", views.report_view, name="report"),
    path("<slug:slug>/report/export/<str:fmt>/", views.report_export, name="report_export"),
    path("<slug:slug>/comparison/", views.comparison_view, name="comparison"),
    path("<slug:slug>/sections/<slug:key>/", views.section_edit, name="section_edit"),
    path("<slug:slug>/targets/<slug:code>/", views.target_edit, name="target_edit"),
    path("<slug:slug>/manual/new/", views.manual_indicator_create, name="manual_create"),
    path("<slug:slug>/manual/<int:pk>/value/", views.manual_value_create, name="manual_value"),
]
