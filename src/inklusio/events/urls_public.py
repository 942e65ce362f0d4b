from django.urls import path

from . import views_embed
from . import views_public as views

app_name = "events_public"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.calendar_feed, name="feed"),
    path("feed.json", views_embed.feed, name="json_feed"),
    path("embed/", views_embed.embed, name="embed"),
    path("embed/snippet.html", views_embed.snippet, name="embed_snippet"),
    path("r/<token:token>/", views.personal, name="personal"),
    path("r/<token:token>/change/", views.change, name="change"),
    path("r/<token:token>/cancel/", views.cancel, name="cancel"),
    path("r/<token:token>/certificate.pdf", views.certificate, name="certificate"),
    path("r/<token:token>/feedback/", views.feedback, name="feedback"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/programme/", views.programme, name="programme"),
    path("<slug:slug>/calendar.ics", views.calendar, name="calendar"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/registered/", views.registered, name="registered"),
]
