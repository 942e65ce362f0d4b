from django.urls import path

from . import views_easy as views

app_name = "mailings_easy"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("danke/", views.signup_done, name="signup_done"),
    path("bestaetigen/<token:token>/", views.confirm, name="confirm"),
    path("bestaetigt/<token:token>/", views.confirmed, name="confirmed"),
]
