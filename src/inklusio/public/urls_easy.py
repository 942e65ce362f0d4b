from django.urls import path

from . import views_easy

app_name = "public_easy"
urlpatterns = [
    path("", views_easy.home, name="home"),
    path("gute-praxis/", views_easy.story_list, name="story_list"),
    path("gute-praxis/<int:pk>/", views_easy.story_detail, name="story_detail"),
]
