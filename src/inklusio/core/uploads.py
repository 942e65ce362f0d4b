"""Uploads: checked (size, type by content, file name) before anything is stored, and written outside the web root.

Every upload is stored under ``UPLOAD_ROOT`` (or ``MEDIA_ROOT`` for published images) by a generated name and
served only by a view that checks permission; the name the user's file had is kept for display only, cleaned
by :func:`safe_filename`.
"""

import unicodedata
from collections.abc import Callable
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .extensions import DELETE, RetentionCategory
from .imports import remove_files
from .svgcheck import UnsafeSvg, check_svg

# extension -> leading bytes the content must start with; empty = plain text (no NUL byte)
TABLE_TYPES = {"csv": (), "txt": (), "xlsx": (b"PK\x03\x04",)}
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Plain text, or UTF-16 text that starts with its byte-order mark (Microsoft Teams writes its reports so).
TEXT_OR_UTF16 = (*UTF16_BOMS, b"")
SNIFF_BYTES = 64 * 1024


def save_upload(upload, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    return path


def safe_filename(name: str, max_length: int = 200) -> str:
    """The base name of an uploaded file without directories, control or direction-changing characters."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch) not in {"Cc", "Cf"})
    name = name.strip().lstrip(".") or "upload"
    if len(name) > max_length:
        stem, dot, extension = name.rpartition(".")
        extension = extension[:16] if dot else ""
        name = stem[: max_length - len(extension) - 1] + "." + extension if extension else name[:max_length]
    return name


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f}".rstrip("0").rstrip(".")


def check_upload(upload, *, max_bytes: int, types: dict[str, tuple[bytes, ...]]) -> str:
    """Refuse a file that is too large, empty, of another type or whose content does not match its extension.

    Returns the (lower-case) extension. Nothing is written: the caller stores the file only after this passed.
    """
    extension = Path(safe_filename(upload.name)).suffix.lower().lstrip(".")
    if extension not in types:
        raise ValidationError(
            _("Files of this type are not accepted. Allowed: %(allowed)s."),
            code="file_type",
            params={"allowed": ", ".join(f".{ext}" for ext in types)},
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB are accepted."),
            code="file_size",
            params={"size": _megabytes(upload.size), "limit": _megabytes(max_bytes)},
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    if not head:
        raise ValidationError(_("The file is empty."), code="file_empty")
    signatures = types[extension]
    if signatures == TEXT_OR_UTF16:
        fits = head.startswith(UTF16_BOMS) or b"\x00" not in head
    else:
        fits = head.startswith(signatures) if signatures else b"\x00" not in head
    if not fits:
        raise ValidationError(_("The file's content does not match its type."), code="file_content")
    return extension


class CheckedFileField(forms.FileField):
    """A file field that checks size and type by content (see :func:`check_upload`) and cleans the file name."""

    def __init__(self, *, types=TABLE_TYPES, max_bytes: Callable[[], int] | None = None, **kwargs):
        self.types = types
        self.max_bytes = max_bytes or (lambda: settings.IMPORT_MAX_BYTES)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload, max_bytes=self.max_bytes(), types=self.types)
            upload.name = safe_filename(upload.name)
        return upload


BRANDING_IMAGE_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
BRANDING_IMAGE_MAX_BYTES = 1_048_576
BRANDING_IMAGE_MAX_PIXELS = 16_000_000


def check_branding_image(upload, *, max_bytes: int = BRANDING_IMAGE_MAX_BYTES) -> str:
    """Check a logo or signature image (PNG or SVG) by its content; returns its MIME type.

    A PNG must decode as PNG (Pillow); an SVG must pass :func:`inklusio.core.svgcheck.check_svg` (no scripts,
    no references outside the file). Anything else is refused with a ValidationError.
    """
    extension = Path(safe_filename(upload.name)).suffix.lower().lstrip(".")
    if extension not in BRANDING_IMAGE_TYPES:
        raise ValidationError(_("Please upload a PNG or SVG image."), code="file_type")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s MB; at most %(limit)s MB are accepted."),
            code="file_size",
            params={"size": _megabytes(upload.size), "limit": _megabytes(max_bytes)},
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if extension == "svg":
        try:
            check_svg(data)
        except UnsafeSvg:
            raise ValidationError(
                _("This SVG file is not accepted: it contains scripts, links to other files or is not valid SVG."),
                code="svg_unsafe",
            ) from None
        return BRANDING_IMAGE_TYPES["svg"]
    try:
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        kind, width, height = None, 0, 0
    finally:
        upload.seek(0)
    if kind != "PNG":
        raise ValidationError(_("The file's content does not match its type."), code="file_content")
    if width * height > BRANDING_IMAGE_MAX_PIXELS:
        raise ValidationError(_("The image has too many pixels."), code="file_pixels")
    return BRANDING_IMAGE_TYPES["png"]


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
    owned = set()
    for stored_as in pending.values_list("stored_as", flat=True):
        owned |= {stored_as, f"{stored_as}.table.json"}  # the upload and the table the worker read from it
    return [*pending.filter(created__lt=before).order_by("created", "pk"), *files_older_than(directory, before, owned)]


def discard_imports(items, directory: Path, discarded_status: str) -> int:
    """Delete the files of :func:`abandoned_imports` and mark their imports discarded; returns how many."""
    for item in items:
        if isinstance(item, Path):
            item.unlink(missing_ok=True)
            continue
        remove_files(item, directory=directory)  # the upload and the table the worker read from it
        item.status = discarded_status
        item.save(update_fields=["status"])
    return len(items)


def describe_import(item) -> str:
    return item.name if isinstance(item, Path) else f"{item.filename} ({item.created:%Y-%m-%d})"


def abandoned_uploads_category(
    *, model, directory: Callable[[], Path], key, label, data, data_subjects, legal_basis, recipients
) -> RetentionCategory:
    """The retention category for an app's abandoned import files: ``model`` is its import model (with
    ``Status.PENDING`` and ``Status.DISCARDED``), ``directory`` returns where its uploads wait. After 7 days (at
    least 1) the pending imports are discarded and their files deleted, with any file no pending import owns."""

    def abandoned(cutoff):
        pending = model.objects.filter(status=model.Status.PENDING)
        return abandoned_imports(pending, directory(), cutoff)

    return RetentionCategory(
        key=key,
        label=label,
        data=data,
        data_subjects=data_subjects,
        purpose=_("Checking and previewing an import before it is written"),
        legal_basis=legal_basis,
        recipients=recipients,
        default_days=7,
        find=abandoned,
        apply=lambda cutoff, now: discard_imports(abandoned(cutoff), directory(), model.Status.DISCARDED),
        action=DELETE,
        describe=describe_import,
        minimum_days=1,
        minimum_reason=_("An import in progress needs its file until its preview is confirmed or discarded."),
        measures=_("Stored outside the web root; deleted as soon as the import is done or discarded."),
        after=_("the upload"),
    )
