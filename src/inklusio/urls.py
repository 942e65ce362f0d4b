from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from inklusio.core import views_branding


def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("branding.css", views_branding.branding_css, name="branding_css"),
    path("branding/<int:pk>/<str:kind>", views_branding.branding_image, name="branding_image"),
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
    path("staff/impact/", include("inklusio.impact.urls")),
    path("staff/privacy/", include("inklusio.privacy.urls")),
    path("leichte-sprache/events/", include("inklusio.events.urls_easy")),
    path("leichte-sprache/", include("inklusio.public.urls_easy")),
    path("events/", include("inklusio.events.urls_public")),
    path("infoletter/", include("inklusio.mailings.urls_public")),
    path("networks/", include("inklusio.networks.urls_public")),
    path("", include("inklusio.public.urls")),
    prefix_default_language=False,
)
