from django.urls import path

from . import views_public as views

app_name = "surveys_public"
urlpatterns = [
    path("danke/", views.thanks, name="thanks"),
    path("<token:token>/", views.answer, name="answer"),
]
