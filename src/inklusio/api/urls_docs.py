from django.urls import path

from . import views

app_name = "api_docs"
urlpatterns = [path("", views.documentation, name="docs")]
