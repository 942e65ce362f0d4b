from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from inklusio.api.api import api
from inklusio.core import views_branding


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("branding.css", views_branding.branding_css, name="branding_css"),
    path("branding/<int:pk>/<str:kind>", views_branding.branding_image, name="branding_image"),
    path("api/v1/", api.urls),
]

# German, the default language, has no prefix; English lives under /en/.
urlpatterns += i18n_patterns(
    path("staff/", include("inklusio.core.urls")),
    path("staff/contacts/", include("inklusio.contacts.urls")),
    path("staff/events/", include("inklusio.events.urls")),
    path("staff/worldcafe/", include("inklusio.worldcafe.urls")),
    path("staff/infoletter/", include("inklusio.mailings.urls")),
    path("staff/outreach/", include("inklusio.outreach.urls")),
    path("staff/networks/", include("inklusio.networks.urls")),
    path("staff/messages/", include("inklusio.participantmail.urls")),
    path("staff/impact/", include("inklusio.impact.urls")),
    path("staff/privacy/", include("inklusio.privacy.urls")),
    path("staff/surveys/", include("inklusio.surveys.urls")),
    path("staff/webhooks/", include("inklusio.webhooks.urls")),
    path("staff/finance/", include("inklusio.finance.urls")),
    path("staff/account/api-tokens/", include("inklusio.api.urls")),
    path("api/docs/", include("inklusio.api.urls_docs")),
    path("leichte-sprache/events/", include("inklusio.events.urls_easy")),
    path("leichte-sprache/umfrage/", include("inklusio.surveys.urls_easy")),
    path("leichte-sprache/infoletter/", include("inklusio.mailings.urls_easy")),
    path("leichte-sprache/", include("inklusio.public.urls_easy")),
    path("events/", include("inklusio.events.urls_public")),
    path("j/", include("inklusio.events.urls_join")),
    path("infoletter/", include("inklusio.mailings.urls_public")),
    path("networks/", include("inklusio.networks.urls_public")),
    path("material/", include("inklusio.participantmail.urls_public")),
    path("umfrage/", include("inklusio.surveys.urls_public")),
    path("", include("inklusio.public.urls")),
    prefix_default_language=False,
)

# Error pages in the site's look and the visitor's language (inklusio.core.views_errors).
handler400 = "inklusio.core.views_errors.bad_request"
handler403 = "inklusio.core.views_errors.permission_denied"
handler404 = "inklusio.core.views_errors.page_not_found"
handler500 = "inklusio.core.views_errors.server_error"
