from django.urls import path

from . import views_public

app_name = "networks_public"
urlpatterns = [
    path("reply/<token:token>/", views_public.reply, name="reply"),
    path("join/<token:token>/", views_public.join, name="join"),
]
