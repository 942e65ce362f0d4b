"""The ZIP of a project's receipt scans for an audit, made in the worker (``core.documents``): each scan named
by its receipt number, in the order of the numbers."""

import re
import zipfile

from django.utils.text import slugify
from django.utils.translation import gettext as _

from inklusio.core.documents import DocumentError
from inklusio.core.models import Project

from .models import Receipt
from .receipts import scan_path


def archive_name(number: str, extension: str, taken: set[str]) -> str:
    """The file name in the ZIP: the receipt number made safe for every file system, unique within the ZIP."""
    stem = re.sub(r"[^0-9A-Za-z._-]+", "-", number).strip("-.") or "beleg"
    name, n = f"{stem}{extension}", 2
    while name.lower() in taken:
        name, n = f"{stem}-{n}{extension}", n + 1
    taken.add(name.lower())
    return name


def receipt_scans_zip(params: dict, out, progress) -> tuple[str, str]:
    project = Project.objects.filter(pk=params.get("project")).first()
    if project is None:
        raise DocumentError(_("The project no longer exists."))
    found = list(Receipt.objects.filter(project=project).exclude(scan_path="").order_by("number", "pk"))
    if not found:
        raise DocumentError(_("No receipt of this project has a scan yet."))
    total = len(found)
    progress(0, total)
    taken: set[str] = set()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, receipt in enumerate(found, start=1):
            path = scan_path(receipt)
            if path is not None and path.exists():
                archive.write(path, archive_name(receipt.number, path.suffix.lower(), taken))
            progress(done, total)
    return f"{project.slug}-{slugify(_('receipts'))}.zip", "application/zip"
