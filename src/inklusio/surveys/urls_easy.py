from django.urls import path

from . import views_public as views

app_name = "surveys_easy"
urlpatterns = [path("<token:token>/", views.answer, {"easy": True}, name="answer")]
