from django.urls import path

from . import views

app_name = "mailings"
urlpatterns = [
    path("", views.mailing_list, name="mailing_list"),
    path("new/", views.mailing_create, name="mailing_create"),
    path("segment/", views.segment_count, name="segment_count"),
    path("<int:pk>/", views.mailing_detail, name="mailing_detail"),
    path("<int:pk>/edit/", views.mailing_update, name="mailing_update"),
    path("<int:pk>/remove/", views.mailing_remove, name="mailing_remove"),
    path("<int:pk>/progress/", views.mailing_progress, name="mailing_progress"),
    path("<int:pk>/send/", views.mailing_send, name="mailing_send"),
    path("<int:pk>/schedule/", views.mailing_schedule, name="mailing_schedule"),
    path("<int:pk>/unschedule/", views.mailing_unschedule, name="mailing_unschedule"),
    path("<int:pk>/test/", views.mailing_test, name="mailing_test"),
    path("<int:pk>/pause/", views.mailing_pause, name="mailing_pause"),
    path("<int:pk>/resume/", views.mailing_confirm, {"action": "resume"}, name="mailing_resume"),
    path("<int:pk>/cancel/", views.mailing_confirm, {"action": "cancel"}, name="mailing_cancel"),
    path("subscribers/", views.subscriber_list, name="subscriber_list"),
    path("subscribers/<int:pk>/", views.subscriber_detail, name="subscriber_detail"),
    path("subscribers/import/", views.subscriber_import, name="subscriber_import"),
    path("subscribers/import/<int:pk>/", views.subscriber_import_review, name="subscriber_import_review"),
    path("consent/", views.consent_list, name="consent_list"),
    path("consent/new/", views.consent_create, name="consent_create"),
]
