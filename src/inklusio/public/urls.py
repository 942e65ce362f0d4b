from django.urls import path

from . import views, views_embed, views_staff

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("ausbildungsangebote/", views.offer_list, name="offer_list"),
    path("ausbildungsangebote/feed.json", views_embed.offers_feed, name="offer_feed"),
    path("ausbildungsangebote/embed/", views_embed.embed, {"kind": "offers"}, name="offer_embed"),
    path("ausbildungsangebote/embed/snippet.html", views_embed.snippet, {"kind": "offers"}, name="offer_snippet"),
    path("ausbildungsangebote/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("ausbildungsangebote/<int:pk>/gesendet/", views.offer_inquiry_sent, name="offer_inquiry_sent"),
    path("gute-praxis/", views.story_list, name="story_list"),
    path("gute-praxis/feed.json", views_embed.stories_feed, name="story_feed"),
    path("gute-praxis/embed/", views_embed.embed, {"kind": "stories"}, name="story_embed"),
    path("gute-praxis/embed/snippet.html", views_embed.snippet, {"kind": "stories"}, name="story_snippet"),
    path("gute-praxis/<int:pk>/", views.story_detail, name="goodpractice_detail"),
    path("gute-praxis/<int:pk>/bilder/<int:image_pk>/", views.story_image, name="goodpractice_image"),
    path("foerderlogo/<int:pk>/", views.funder_logo, name="funder_logo"),
    path("kontakt/", views.contact, name="contact"),
    path("kontakt/gesendet/", views.contact_sent, name="contact_sent"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("barrierefreiheit/gesendet/", views.accessibility_sent, name="accessibility_sent"),
    path("impressum/", views.imprint, name="imprint"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("seitenuebersicht/", views.sitemap_page, name="sitemap"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap_xml"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Staff pages of the public site (mounted here because the root includes this app at "").
    path("staff/site/", views_staff.index, name="staff_index"),
    path("staff/site/embed/", views_staff.embed_code, name="staff_embed_code"),
    path("staff/site/pages/<slug:project>/<slug:kind>/", views_staff.page_edit, name="staff_page_edit"),
    path("staff/site/offers/", views_staff.offer_list, name="staff_offer_list"),
    path("staff/site/offers/new/", views_staff.offer_create, name="staff_offer_create"),
    path("staff/site/offers/<int:pk>/edit/", views_staff.offer_edit, name="staff_offer_edit"),
    path("staff/site/offers/<int:pk>/delete/", views_staff.offer_delete, name="staff_offer_delete"),
    path("staff/site/good-practice/", views_staff.story_list, name="staff_story_list"),
    path("staff/site/good-practice/new/", views_staff.story_create, name="staff_story_create"),
    path("staff/site/good-practice/<int:pk>/edit/", views_staff.story_edit, name="staff_story_edit"),
    path("staff/site/good-practice/<int:pk>/images/", views_staff.story_images, name="staff_story_images"),
    path("staff/site/company-contacts/", views_staff.company_contacts, name="staff_company_contacts"),
]
