"""The project's URL map: the kernel's pages, each app under its prefix, and Wagtail's pages last
(its catch-all serves the page tree, so it must come after everything else)."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls

urlpatterns = [
    path("", include("portal.urls")),
    path("consultations/", include("consultations.urls")),
    path("cases/", include("cases.urls")),
    path("knowhow/", include("knowhow.urls")),
    path("procurement/", include("procurement.urls")),
    path("surveys/", include("surveys.urls")),
    path("events/", include("events.urls")),
    path("search/", include("search.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
