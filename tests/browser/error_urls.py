"""The site's URLconf plus a page that fails, for looking at the 500 page in a browser."""

from django.urls import path

from inklusio.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def fail(request):
    raise RuntimeError("a deliberate failure for the 500 page")


urlpatterns = [*urlpatterns, path("en/staff/fail/", fail), path("fail/", fail)]
