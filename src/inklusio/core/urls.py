from django.contrib.auth import views as auth_views
from django.urls import path

from . import views, views_account, views_branding, views_documents, views_imports, views_users

app_name = "core"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views_account.login_code, name="login_code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("reauth/", views_account.reauth, name="reauth"),
    path("account/", views_account.account, name="account"),
    path("account/two-factor/", views_account.two_factor_setup, name="two_factor_setup"),
    path("account/two-factor/qr.svg", views_account.two_factor_qr, name="two_factor_qr"),
    path("account/two-factor/off/", views_account.two_factor_disable, name="two_factor_disable"),
    path("account/recovery-codes/", views_account.recovery_codes, name="recovery_codes"),
    path("account/recovery-codes/new/", views_account.recovery_codes_new, name="recovery_codes_new"),
    path("invitation/<uidb64>/<token>/", views_account.InvitationView.as_view(), name="invitation"),
    path("imports/<int:pk>/", views_imports.import_job, name="import_job"),
    path("imports/<int:pk>/retry/", views_imports.import_job_retry, name="import_job_retry"),
    path("users/", views_users.user_list, name="user_list"),
    path("users/new/", views_users.user_create, name="user_create"),
    path("users/<int:pk>/", views_users.user_detail, name="user_detail"),
    path("users/<int:pk>/deactivate/", views_users.user_deactivate, name="user_deactivate"),
    path("projects/", views.ProjectListView.as_view(), name="project_list"),
    path("projects/new/", views.ProjectCreateView.as_view(), name="project_create"),
    path("projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("projects/<slug:slug>/edit/", views.ProjectUpdateView.as_view(), name="project_update"),
    path("settings/organisation/", views_branding.organisation_settings, name="organisation_settings"),
    path(
        "settings/organisation/<slug:slug>/",
        views_branding.organisation_settings,
        name="organisation_settings_project",
    ),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("documents/<int:pk>/", views_documents.document_job, name="document_job"),
    path("documents/<int:pk>/download/", views_documents.document_download, name="document_download"),
]
