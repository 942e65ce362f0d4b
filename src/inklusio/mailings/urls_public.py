from django.urls import path

from . import views_public as views

app_name = "mailings_public"
urlpatterns = [
    path("", views.signup, name="signup"),
    path("danke/", views.signup_done, name="signup_done"),
    path("bestaetigen/<token:token>/", views.confirm, name="confirm"),
    path("bestaetigt/<token:token>/", views.confirmed, name="confirmed"),
    path("einstellungen/<token:token>/", views.preferences, name="preferences"),
    path("abmelden/<token:token>/", views.unsubscribe, name="unsubscribe"),
    path("abmelden/<token:token>/one-click/<int:mailing_id>/", views.one_click, name="one_click"),
    path("lesen/<token:token>/<int:mailing_id>/", views.web_view, name="web_view"),
    path("link/<int:mailing_id>/<str:key>/", views.link, name="link"),
    path("archiv/", views.archive, name="archive"),
    path("archiv/<int:pk>/", views.archive_detail, name="archive_detail"),
]
