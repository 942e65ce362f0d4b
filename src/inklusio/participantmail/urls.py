from django.urls import path

from . import views

app_name = "participantmail"
urlpatterns = [
    path("", views.message_list, name="message_list"),
    path("new/", views.message_create, name="message_create"),
    path("<int:pk>/", views.message_detail, name="message_detail"),
    path("<int:pk>/edit/", views.message_update, name="message_update"),
    path("<int:pk>/progress/", views.message_progress, name="message_progress"),
    path("<int:pk>/test/", views.message_test, name="message_test"),
    path("<int:pk>/send/", views.message_send, name="message_send"),
    path("<int:pk>/pause/", views.message_pause, name="message_pause"),
    path("<int:pk>/resume/", views.message_resume, name="message_resume"),
    path("<int:pk>/cancel/", views.message_cancel, name="message_cancel"),
    path("event/<int:event_pk>/automatic/", views.event_automatic, name="event_automatic"),
    path("event/<int:event_pk>/materials/", views.material_upload, name="material_upload"),
    path("materials/<int:pk>/", views.material_download, name="material_download"),
    path("materials/<int:pk>/delete/", views.material_delete, name="material_delete"),
]
