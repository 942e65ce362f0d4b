"""The outreach log's retention category (see inklusio.privacy.retention): uploaded platform exports."""

from django.utils.translation import gettext_lazy as _

from inklusio.core import uploads
from inklusio.core.extensions import DELETE, RetentionCategory

from .models import OutreachImport
from .services import import_dir


def _abandoned(cutoff):
    pending = OutreachImport.objects.filter(status=OutreachImport.Status.PENDING)
    return uploads.abandoned_imports(pending, import_dir(), cutoff)


CATEGORIES = [
    RetentionCategory(
        key="outreach.import_files",
        label=_("Uploaded social media exports"),
        data=_("Exports of posts and followers from Instagram or Meta Business Suite (may name accounts)"),
        data_subjects=_("People named in a platform export"),
        purpose=_("Checking and previewing an import before it is written"),
        legal_basis=_("Legitimate interest in documenting the project's outreach (GDPR Art. 6(1)(f))"),
        recipients=_("Project staff who import exports"),
        default_days=7,
        find=_abandoned,
        apply=lambda cutoff, now: uploads.discard_imports(
            _abandoned(cutoff), import_dir(), OutreachImport.Status.DISCARDED
        ),
        action=DELETE,
        describe=uploads.describe_import,
        minimum_days=1,
        minimum_reason=_("An import in progress needs its file until its preview is confirmed or discarded."),
        measures=_("Stored outside the web root; deleted as soon as the import is done or discarded."),
        after=_("the upload"),
    ),
]
