from django_tasks import task


@task(queue_name="mail")
def send_meeting_invitations(meeting_id: int) -> int:
    from .services import send_pending_invitations  # noqa: PLC0415 — cycle: services.py imports these tasks

    return send_pending_invitations(meeting_id)


@task(queue_name="mail")
def retry_invitations() -> int:
    from .services import retry_pending_invitations  # noqa: PLC0415 — cycle: services.py imports these tasks

    return retry_pending_invitations()


@task(queue_name="mail")
def send_membership_request(pending_id: int) -> bool:
    from .services import send_membership_request_mail  # noqa: PLC0415 — cycle: services.py imports these tasks

    return send_membership_request_mail(pending_id)


@task()
def delete_expired_membership_requests() -> int:
    from .services import delete_expired_requests  # noqa: PLC0415 — cycle: services.py imports these tasks

    return delete_expired_requests()
