"""The one rule for staff views: anonymous visitors are sent to the login, staff without the permission get 403."""

from django.contrib.auth.decorators import login_required, permission_required


def staff_permission_required(perm):
    def decorator(view):
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator
