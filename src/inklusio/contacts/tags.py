"""Tags: create, rename and merge them by hand (imports create them too, through ``importing.py``)."""

from django.db import IntegrityError, transaction

from inklusio.core import audit

from .models import Tag


class TagError(Exception):
    """A tag name that is empty or already taken, or a merge of a tag into itself."""


def _clean(name: str) -> str:
    name = " ".join(name.split())[:60]
    if not name:
        raise TagError("empty")
    return name


def create_tag(*, name: str, actor) -> Tag:
    name = _clean(name)
    if Tag.objects.filter(name__iexact=name).exists():
        raise TagError("taken")
    try:
        with transaction.atomic():
            tag = Tag.objects.create(name=name)
    except IntegrityError as error:
        raise TagError("taken") from error
    audit.record(actor, "contacts.tag.create", tag)
    return tag


def rename_tag(*, tag: Tag, name: str, actor) -> Tag:
    name = _clean(name)
    if Tag.objects.filter(name__iexact=name).exclude(pk=tag.pk).exists():
        raise TagError("taken")
    tag.name = name
    try:
        with transaction.atomic():
            tag.save(update_fields=["name"])
    except IntegrityError as error:
        raise TagError("taken") from error
    audit.record(actor, "contacts.tag.rename", tag)
    return tag


def merge_tags(*, source: Tag, target: Tag, actor) -> int:
    """Give everything tagged ``source`` the tag ``target`` instead, then delete ``source``; returns how many
    records carried ``source``."""
    if source.pk == target.pk:
        raise TagError("same")
    with transaction.atomic():
        moved = 0
        for related in ("people", "organisations", "good_practices"):
            records = list(getattr(source, related).all())
            getattr(target, related).add(*records)
            moved += len(records)
        source_ref = audit.reference(source)
        source.delete()
    audit.record(actor, "contacts.tag.merge", target, source=source_ref, records=moved)
    return moved
