"""The personal join links: ``/j/<join token>/`` (the event's room) and ``/j/<join token>/<item id>/``."""

from django.urls import path

from . import views_join

app_name = "join"
urlpatterns = [
    path("<token:token>/", views_join.join, name="event"),
    path("<token:token>/<int:item_id>/", views_join.join, name="item"),
]
