"""The outreach log's retention category (see inklusio.privacy.retention): uploaded platform exports."""

from django.utils.translation import gettext_lazy as _

from inklusio.core import uploads

from .models import OutreachImport
from .services import import_dir

CATEGORIES = [
    uploads.abandoned_uploads_category(
        model=OutreachImport,
        directory=import_dir,
        key="outreach.import_files",
        label=_("Uploaded social media exports"),
        data=_("Exports of posts and followers from Instagram or Meta Business Suite (may name accounts)"),
        data_subjects=_("People named in a platform export"),
        legal_basis=_("Legitimate interest in documenting the project's outreach (GDPR Art. 6(1)(f))"),
        recipients=_("Project staff who import exports"),
    ),
]
