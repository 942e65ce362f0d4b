from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "outreach"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="outreach:calendar"), name="index"),
    path("calendar/", views.calendar_month, name="calendar"),
    path("calendar/<int:year>/<int:month>/", views.calendar_month, name="calendar_month"),
    path("posts/", views.post_list, name="post_list"),
    path("posts/new/", views.PostCreateView.as_view(), name="post_create"),
    path("posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("posts/<int:pk>/edit/", views.PostUpdateView.as_view(), name="post_update"),
    path("posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("channels/", views.channel_list, name="channel_list"),
    path("channels/new/", views.ChannelCreateView.as_view(), name="channel_create"),
    path("channels/<int:pk>/", views.channel_detail, name="channel_detail"),
    path("channels/<int:pk>/edit/", views.ChannelUpdateView.as_view(), name="channel_update"),
    path("channels/<int:pk>/followers/", views.follower_add, name="follower_add"),
    path("channels/<int:pk>/followers/<int:snapshot_pk>/delete/", views.follower_delete, name="follower_delete"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
    path("import/<int:pk>/discard/", views.import_discard, name="import_discard"),
    path("press/", views.press, name="press"),
    path("press/export.<str:fmt>", views.press_export, name="press_export"),
    path("press/clippings/new/", views.ClippingCreateView.as_view(), name="clipping_create"),
    path("press/clippings/<int:pk>/edit/", views.ClippingUpdateView.as_view(), name="clipping_update"),
    path("press/clippings/<int:pk>/delete/", views.clipping_delete, name="clipping_delete"),
    path("press/releases/new/", views.ReleaseCreateView.as_view(), name="release_create"),
    path("press/releases/<int:pk>/edit/", views.ReleaseUpdateView.as_view(), name="release_update"),
    path("press/releases/<int:pk>/delete/", views.release_delete, name="release_delete"),
]
