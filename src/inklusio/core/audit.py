from .models import AuditEvent


def record(actor, action: str, subject: str = "", **detail) -> AuditEvent:
    """Write one audit event. ``actor`` may be None for system jobs."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(actor=user, action=action, subject=str(subject)[:200], detail=detail)
