from django.urls import path

from . import views, views_removal

app_name = "contacts"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("export.<str:fmt>", views.person_export, name="person_export"),
    path("people/new/", views.PersonCreateView.as_view(), name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonUpdateView.as_view(), name="person_update"),
    path("people/<int:pk>/merge/", views.person_merge, name="person_merge"),
    path("people/search/", views.person_search, name="person_search"),
    path("organisations/search/", views.organisation_search, name="organisation_search"),
    path("duplicates/", views.duplicate_list, name="duplicate_list"),
    path("duplicates/dismiss/", views.duplicate_dismiss, name="duplicate_dismiss"),
    path("people/<int:pk>/affiliations/", views.affiliation_add, name="affiliation_add"),
    path(
        "people/<int:pk>/affiliations/<int:affiliation_pk>/remove/", views.affiliation_remove, name="affiliation_remove"
    ),
    path("organisations/", views.OrganisationListView.as_view(), name="organisation_list"),
    path("organisations/new/", views.OrganisationCreateView.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.OrganisationUpdateView.as_view(), name="organisation_update"),
    path("organisations/<int:pk>/remove/", views_removal.organisation_remove, name="organisation_remove"),
    path("inquiries/", views.InquiryListView.as_view(), name="inquiry_list"),
    path("inquiries/new/", views.InquiryCreateView.as_view(), name="inquiry_create"),
    path("inquiries/<int:pk>/", views.InquiryDetailView.as_view(), name="inquiry_detail"),
    path("inquiries/<int:pk>/edit/", views.InquiryUpdateView.as_view(), name="inquiry_update"),
    path("inquiries/<int:pk>/remove/", views_removal.inquiry_remove, name="inquiry_remove"),
    path("tags/", views_removal.tag_list, name="tag_list"),
    path("tags/<int:pk>/", views_removal.tag_edit, name="tag_edit"),
    path("tags/<int:pk>/merge/", views_removal.tag_merge, name="tag_merge"),
    path("tags/<int:pk>/remove/", views_removal.tag_remove, name="tag_remove"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
    path("import/<int:pk>/discard/", views.import_discard, name="import_discard"),
]
