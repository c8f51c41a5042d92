"""The kernel's own pages: health, language, the login redirects, Wagtail's admin, accounts and
memberships. The project's URL map (config/urls.py) mounts them beside the apps."""

from django.urls import include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import handover_views, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Wagtail's own login view would bypass allauth's MFA and rate limits: send it to allauth.
    path("admin/login/", views.admin_login_redirect, name="wagtailadmin_login"),
    # Likewise the plain Django login view that wagtail_urls (below) mounts for private pages.
    path("_util/login/", views.frontend_login_redirect, name="wagtailcore_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/members/", views.membership_list, name="membership_list"),
    path("accounts/members/<int:pk>/", views.membership_decide, name="membership_decide"),
    path("accounts/members/handover/", handover_views.handover, name="handover"),
    path("accounts/members/handover/<int:pk>/", handover_views.handover_detail, name="handover_detail"),
    path(
        "accounts/members/handover/<int:pk>/confirm/",
        handover_views.handover_confirm,
        name="handover_confirm",
    ),
    path(
        "accounts/members/handover/<int:pk>/refuse/", handover_views.handover_refuse, name="handover_refuse"
    ),
    path(
        "accounts/members/handover/<int:pk>/cancel/", handover_views.handover_cancel, name="handover_cancel"
    ),
    # Beside allauth's URLs under /accounts/, on paths it does not use.
    path("accounts/settings/", views.account_settings, name="account_settings"),
    path("accounts/sessions/<int:pk>/end/", views.usersession_end, name="usersession_end"),
    path("accounts/", include("allauth.urls")),
    path("accessibility/", views.accessibility_policy, name="accessibility_policy"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("documents/", include(wagtaildocs_urls)),
]
