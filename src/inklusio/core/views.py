from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from .forms import ProjectForm, ThrottledAuthenticationForm
from .models import AuditEvent, Project
from .roles import ROLE_LABELS, role_of


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        role = role_of(self.request.user)
        return super().get_context_data(projects=Project.objects.all(), role_label=ROLE_LABELS.get(role, ""), **kwargs)


class ProjectListView(PermissionRequiredMixin, ListView):
    permission_required = "core.view_project"
    model = Project
    template_name = "core/project_list.html"


class ProjectDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "core.view_project"
    model = Project
    template_name = "core/project_detail.html"


class ProjectCreateView(PermissionRequiredMixin, SuccessMessageMixin, CreateView):
    permission_required = "core.add_project"
    model = Project
    form_class = ProjectForm
    template_name = "core/project_form.html"
    success_message = _("The project was created.")


class ProjectUpdateView(PermissionRequiredMixin, SuccessMessageMixin, UpdateView):
    permission_required = "core.change_project"
    success_message = _("The project was saved.")
    model = Project
    form_class = ProjectForm
    template_name = "core/project_form.html"


class AuditLogView(PermissionRequiredMixin, ListView):
    permission_required = "core.view_auditevent"
    model = AuditEvent
    paginate_by = 50
    template_name = "core/audit_log.html"

    def get_queryset(self):
        return AuditEvent.objects.select_related("actor")
