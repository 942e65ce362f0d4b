from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from . import audit, audit_queries
from .dashboard import dashboard_panels_for
from .forms import AuditFilterForm, ProjectForm, ThrottledAuthenticationForm
from .models import AuditEvent, Project
from .roles import ROLE_LABELS, role_of


class LoginView(auth_views.LoginView):
    """The password step; the middleware then holds the session at the code step (or enrolment) where needed."""

    template_name = "core/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record(form.get_user(), "auth.login", form.get_user(), user=form.get_user().pk)
        return response

    def form_invalid(self, form):
        username = form.data.get("username", "")
        user = get_user_model().objects.filter(username=username).first() if username else None
        audit.record(None, "auth.login_failed", user or "", user=user.pk if user else None)
        return super().form_invalid(form)


class DashboardView(LoginRequiredMixin, TemplateView):
    template_name = "core/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            panels=dashboard_panels_for(user, timezone.localdate()),
            role_label=ROLE_LABELS.get(role_of(user), ""),
            **kwargs,
        )


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

    def get_form(self):
        actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
        actors = get_user_model().objects.filter(pk__in=AuditEvent.objects.values("actor_id")).order_by("username")
        return AuditFilterForm(
            self.request.GET or None, actions=list(actions), actors=actors.values_list("pk", "username")
        )

    def get_queryset(self):
        self.filter_form = self.get_form()
        events = AuditEvent.objects.all()
        if self.filter_form.is_valid():
            events = audit_queries.filtered(events, **self.filter_form.cleaned_data)
        elif self.filter_form.is_bound:
            events = events.none()
        return events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        audit_queries.annotate_for_display(context["object_list"])
        return context
