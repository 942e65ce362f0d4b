"""Contact imports are read and checked in the worker (django-tasks); the review page shows the stored result."""

from django_tasks import task

from . import duplicates_search, importing
from .models import ContactImport


@task()
def prepare_contact_import(import_id: int) -> None:
    record = ContactImport.objects.filter(pk=import_id, status=ContactImport.Status.PENDING).first()
    if record is not None:
        importing.prepare(record)


@task()
def search_duplicates() -> None:
    """The periodic likely-duplicate search (contacts.duplicates); the list page shows what it stored."""
    duplicates_search.search_duplicates()
