"""Checks on uploaded images: size and real type (decoded by Pillow, not trusted from the name)."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

ALLOWED = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000


def check(upload, max_bytes: int) -> str:
    """The content type of a valid upload; ValidationError for a too large, unknown or broken file."""
    if upload.size > max_bytes:
        raise ValidationError(
            {"image": _("The image is too large (at most %(size)s).") % {"size": filesizeformat(max_bytes)}}
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError({"image": _("The file is not an image in a supported format.")}) from None
    finally:
        upload.seek(0)
    if kind not in ALLOWED:
        raise ValidationError({"image": _("Please upload a JPEG, PNG or WebP image.")})
    if width * height > MAX_PIXELS:
        raise ValidationError({"image": _("The image has too many pixels.")})
    return ALLOWED[kind]
