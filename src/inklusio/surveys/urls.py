from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("new/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/edit/", views.survey_update, name="survey_update"),
    path("<int:pk>/remove/", views.survey_remove, name="survey_remove"),
    path("<int:pk>/questions/new/", views.question_create, name="question_create"),
    path("<int:pk>/results/", views.survey_results, name="survey_results"),
    path("<int:pk>/results/export.<str:fmt>", views.survey_export, name="survey_export"),
    path("questions/<int:pk>/edit/", views.question_update, name="question_update"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
    path("questions/<int:pk>/remove/", views.question_delete, name="question_delete"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/edit/", views.indicator_update, name="indicator_update"),
    path("indicators/<int:pk>/remove/", views.indicator_remove, name="indicator_remove"),
]
