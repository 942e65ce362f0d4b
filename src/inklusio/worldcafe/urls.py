from django.urls import path

from . import views

app_name = "worldcafe"
urlpatterns = [
    path("", views.cafe_list, name="list"),
    path("new/", views.CafeCreateView.as_view(), name="create"),
    path("<int:pk>/", views.cafe_detail, name="detail"),
    path("<int:pk>/tables/", views.table_add, name="table_add"),
    path("<int:pk>/tables/<int:table_pk>/remove/", views.table_remove, name="table_remove"),
    path("<int:pk>/participants/", views.participant_add, name="participant_add"),
    path("<int:pk>/participants/<int:participant_pk>/remove/", views.participant_remove, name="participant_remove"),
    path("<int:pk>/from-occasion/", views.participants_from_occasion, name="participants_from_occasion"),
    path("<int:pk>/import/", views.participant_import, name="participant_import"),
    path("<int:pk>/plan/", views.plan_make, name="plan_make"),
    path("<int:pk>/improve/", views.plan_improve, name="plan_improve"),
    path("<int:pk>/left/", views.participant_left, name="left"),
    path("<int:pk>/rounds/", views.plan_rounds, name="rounds"),
    path("<int:pk>/people/", views.plan_people, name="people"),
    path("<int:pk>/projector/<int:round>/", views.projector, name="projector"),
    path("<int:pk>/cards.pdf", views.cards_pdf, name="cards_pdf"),
]
