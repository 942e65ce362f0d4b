from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("", views.network_list, name="network_list"),
    path("new/", views.network_create, name="network_create"),
    path("participants/", views.participants, name="participants"),
    path("participants/export.<str:fmt>", views.participants_export, name="participants_export"),
    path("<int:pk>/", views.network_detail, name="network_detail"),
    path("<int:pk>/edit/", views.network_update, name="network_update"),
    path("<int:pk>/remove/", views.network_remove, name="network_remove"),
    path("<int:pk>/members/", views.member_list, name="member_list"),
    path("<int:pk>/members/export.<str:fmt>", views.member_export, name="member_export"),
    path("<int:pk>/members/add/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:membership_pk>/", views.member_update, name="member_update"),
    path("<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_update, name="meeting_update"),
    path("meetings/<int:pk>/remove/", views.meeting_remove, name="meeting_remove"),
    path("meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("meetings/<int:pk>/invitations/", views.invitation_list, name="invitation_list"),
    path("meetings/<int:pk>/invitations/export.<str:fmt>", views.invitation_export, name="invitation_export"),
    path("meetings/<int:pk>/attendance/", views.attendance_edit, name="attendance_edit"),
    path("meetings/<int:pk>/documents/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("documents/<int:pk>/delete/", views.document_delete, name="document_delete"),
]
