"""Routes of the finance plan pages (included by finance.urls, namespace finance): the overview, the cost
categories per funder and a project's cost and financing plan."""

from django.urls import path

from . import views_plan as views

_PLAN = "projects/<slug:slug>/plan/"

urlpatterns: list = [
    path("", views.overview, name="overview"),
    path("categories/", views.category_list, name="category_list"),
    path("categories/new/", views.category_create, name="category_create"),
    path("categories/<int:pk>/edit/", views.category_edit, name="category_edit"),
    path("categories/<int:pk>/archive/", views.category_archive, name="category_archive"),
    path("categories/<int:pk>/unarchive/", views.category_unarchive, name="category_unarchive"),
    path("categories/<int:pk>/move/", views.category_move, name="category_move"),
    path("categories/<int:pk>/delete/", views.category_delete, name="category_delete"),
    path(_PLAN, views.plan_detail, name="plan"),
    path(f"{_PLAN}new/", views.plan_create, name="plan_create"),
    path(f"{_PLAN}settings/", views.plan_settings, name="plan_settings"),
    path(f"{_PLAN}approve/", views.plan_approve, name="plan_approve"),
    path(f"{_PLAN}lines/new/", views.plan_line_create, name="plan_line_create"),
    path(f"{_PLAN}lines/<int:pk>/edit/", views.plan_line_edit, name="plan_line_edit"),
    path(f"{_PLAN}lines/<int:pk>/delete/", views.plan_line_delete, name="plan_line_delete"),
    path(f"{_PLAN}financing/new/", views.plan_financing_create, name="plan_financing_create"),
    path(f"{_PLAN}financing/<int:pk>/edit/", views.plan_financing_edit, name="plan_financing_edit"),
    path(f"{_PLAN}financing/<int:pk>/delete/", views.plan_financing_delete, name="plan_financing_delete"),
]
