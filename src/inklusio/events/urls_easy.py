from django.urls import path

from . import views_public as views

app_name = "events_easy"
urlpatterns = [
    path("", views.easy_list, name="list"),
    path("<slug:slug>/", views.easy_detail, name="detail"),
]
