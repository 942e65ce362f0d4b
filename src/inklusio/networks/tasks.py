from django_tasks import task


@task(queue_name="mail")
def send_meeting_invitations(meeting_id: int) -> int:
    from .services import send_pending_invitations  # noqa: PLC0415 — cycle: services.py imports these tasks

    return send_pending_invitations(meeting_id)


@task(queue_name="mail")
def retry_invitations() -> int:
    from .services import retry_pending_invitations  # noqa: PLC0415 — cycle: services.py imports these tasks

    return retry_pending_invitations()
