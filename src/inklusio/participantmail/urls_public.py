from django.urls import path

from . import views

app_name = "participantmail_public"
urlpatterns = [
    path("<token:token>/", views.public_material, name="material"),
    path("<token:token>/<token:registration_token>/", views.public_material, name="material_personal"),
]
