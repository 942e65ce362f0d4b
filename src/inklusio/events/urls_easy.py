from django.urls import path

from . import views_easy as views

app_name = "events_easy"
urlpatterns = [
    path("", views.easy_list, name="list"),
    path("r/<token:token>/", views.personal, name="personal"),
    path("r/<token:token>/aendern/", views.change, name="change"),
    path("r/<token:token>/absagen/", views.cancel, name="cancel"),
    path("<slug:slug>/", views.easy_detail, name="detail"),
    path("<slug:slug>/anmelden/", views.register, name="register"),
    path("<slug:slug>/angemeldet/", views.registered, name="registered"),
]
