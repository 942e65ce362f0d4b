"""Right of access (GDPR Art. 15): everything the areas hold about a person, as a ZIP of JSON and a tagged PDF."""

import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from inklusio.core import audit
from inklusio.core.extensions import personal_data_for

ACTION = "privacy.access_export"
FORMATS = ("zip", "pdf")


def collect(person) -> dict:
    areas = [
        {
            "app": label,
            "area": name,
            "sections": [{"title": title, "records": records} for title, records in data.items()],
        }
        for label, name, data in personal_data_for(person)
    ]
    return {"person_id": person.pk, "generated_at": timezone.now().isoformat(), "areas": areas}


def _dump(value) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def build_zip(data: dict) -> bytes:
    """One JSON file per section, plus ``manifest.json`` listing them with their record counts."""
    buffer = io.BytesIO()
    files = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        number = 0
        for area in data["areas"]:
            for section in area["sections"]:
                number += 1
                name = f"{number:02d}-{area['app']}-{slugify(section['title'])}.json"
                archive.writestr(name, _dump({"area": area["area"], **section}))
                files.append(
                    {
                        "file": name,
                        "area": area["area"],
                        "section": section["title"],
                        "records": len(section["records"]),
                    }
                )
        manifest = {"person_id": data["person_id"], "generated_at": data["generated_at"], "files": files}
        archive.writestr("manifest.json", _dump(manifest))
    return buffer.getvalue()


def build_pdf(data: dict, language: str = "de") -> bytes:
    from inklusio.core.pdf import write_pdf  # noqa: PLC0415 — beside WeasyPrint (heavy)

    with translation.override(language):
        html = render_to_string("privacy/export_pdf.html", {"data": data, "language": language})
    return write_pdf(html, pdf_variant="pdf/ua-1")


def export(person, fmt: str, *, actor=None, language: str = "de") -> tuple[bytes, str, str]:
    """The export as ``(content, content type, file name)``; the audit log records that it happened."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}.")
    with translation.override(language):
        data = collect(person)
    if fmt == "zip":
        content, content_type = build_zip(data), "application/zip"
    else:
        content, content_type = build_pdf(data, language), "application/pdf"
    audit.record(actor, ACTION, f"person {person.pk}", format=fmt)
    with translation.override(language):
        stem = translation.pgettext("file name", "personal-data-person-%(id)s") % {"id": person.pk}
    return content, content_type, f"{stem}.{fmt}"
