"""Uploaded files are written outside the web root, chunk by chunk."""

from pathlib import Path


def save_upload(upload, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return path


def files_older_than(directory: Path, before, keep=()) -> list[Path]:
    """Files directly in ``directory`` last written before ``before`` (an aware datetime), except ``keep`` names."""
    if not directory.is_dir():
        return []
    limit = before.timestamp()
    keep = set(keep)
    return sorted(
        path
        for path in directory.iterdir()
        if path.is_file() and path.name not in keep and path.stat().st_mtime < limit
    )


def abandoned_imports(pending, directory: Path, before) -> list:
    """Pending imports (``pending``: a queryset of them) started before the cutoff, then files in the import
    directory older than the cutoff that no pending import owns (left over from a crash or a failed delete)."""
    owned = set(pending.values_list("stored_as", flat=True))
    return [*pending.filter(created__lt=before).order_by("created", "pk"), *files_older_than(directory, before, owned)]


def discard_imports(items, directory: Path, discarded_status: str) -> int:
    """Delete the files of :func:`abandoned_imports` and mark their imports discarded; returns how many."""
    for item in items:
        if isinstance(item, Path):
            item.unlink(missing_ok=True)
            continue
        (directory / item.stored_as).unlink(missing_ok=True)
        item.status = discarded_status
        item.save(update_fields=["status"])
    return len(items)


def describe_import(item) -> str:
    return item.name if isinstance(item, Path) else f"{item.filename} ({item.created:%Y-%m-%d})"
