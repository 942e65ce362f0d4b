from django.urls import path

from . import views_easy

app_name = "public_easy"
urlpatterns = [
    path("", views_easy.home, name="home"),
    path("gute-praxis/", views_easy.story_list, name="story_list"),
    path("gute-praxis/<int:pk>/", views_easy.story_detail, name="story_detail"),
    path("ausbildungsangebote/", views_easy.offer_list, name="offer_list"),
    path("ausbildungsangebote/<int:pk>/", views_easy.offer_detail, name="offer_detail"),
    path("kontakt/", views_easy.contact, name="contact"),
    path("kontakt/gesendet/", views_easy.contact_sent, name="contact_sent"),
    path("barrierefreiheit/", views_easy.accessibility, name="accessibility"),
    path("barrierefreiheit/gesendet/", views_easy.accessibility_sent, name="accessibility_sent"),
    path("datenschutz/", views_easy.privacy, name="privacy"),
]
