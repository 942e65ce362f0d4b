from django.urls import path

from . import views, views_actions, views_attendance, views_support

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("new/", views.event_create, name="event_create"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("<int:pk>/publish/", views_actions.event_publish, name="event_publish"),
    path("<int:pk>/remove/", views.event_remove, name="event_remove"),
    path("<int:pk>/programme/new/", views.item_edit, name="item_create"),
    path("<int:pk>/programme/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("<int:pk>/programme/<int:item_pk>/remove/", views.item_remove, name="item_remove"),
    path("<int:pk>/programme/<int:item_pk>/move/", views.item_move, name="item_move"),
    path("<int:pk>/programme/<int:item_pk>/contributions/", views.contribution_add, name="contribution_add"),
    path(
        "<int:pk>/programme/<int:item_pk>/contributions/<int:contribution_pk>/remove/",
        views.contribution_remove,
        name="contribution_remove",
    ),
    path("<int:pk>/questions/new/", views.question_edit, name="question_create"),
    path("<int:pk>/questions/<int:question_pk>/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_pk>/remove/", views.question_remove, name="question_remove"),
    path("<int:pk>/participants/", views.participants, name="participants"),
    path("<int:pk>/participants/add/", views_actions.registration_add, name="registration_add"),
    path("<int:pk>/participants/export.<str:fmt>", views.participants_export, name="participants_export"),
    path("<int:pk>/participants/<int:registration_pk>/cancel/", views.cancel_registration, name="cancel_registration"),
    path("<int:pk>/participants/<int:registration_pk>/certificate.pdf", views.certificate, name="certificate"),
    path("<int:pk>/certificates/send/", views_actions.certificates_send, name="certificates_send"),
    path("<int:pk>/support-needs/", views.support_needs, name="support_needs"),
    path("<int:pk>/support-bookings/", views_support.booking_list, name="support_bookings"),
    path("<int:pk>/support-bookings/new/", views_support.booking_create, name="support_booking_create"),
    path("<int:pk>/support-bookings/<int:booking_pk>/", views_support.booking_edit, name="support_booking_edit"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/check-in/walk-in/", views_actions.walk_in, name="walk_in"),
    path("<int:pk>/check-in/list/", views.check_in_print, name="check_in_print"),
    path("<int:pk>/check-in/list/record/", views.attendance_upload, name="attendance_record"),
    path("<int:pk>/check-in/<int:registration_pk>/", views.check_in_toggle, name="check_in_toggle"),
    path("<int:pk>/attendance-report/", views_attendance.report_upload, name="attendance_report_upload"),
    path(
        "<int:pk>/attendance-report/<int:import_pk>/",
        views_attendance.report_review,
        name="attendance_report_review",
    ),
    path(
        "<int:pk>/attendance-report/<int:import_pk>/discard/",
        views_attendance.report_discard,
        name="attendance_report_discard",
    ),
    path("<int:pk>/feedback/", views.feedback_results, name="feedback"),
    path("<int:pk>/feedback/invite/", views_actions.feedback_invite, name="feedback_invite"),
]
