from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("ポータル")

    def ready(self):
        from allauth.mfa.signals import authenticator_added

        from portal import (
            access,
            checks,  # noqa: F401 -- registers the system checks
            handover,
            navigation,
            notification_kinds,
            second_factor,
        )

        access.register(access.RULES)
        notification_kinds.register(handover.NOTIFICATION_KIND)

        authenticator_added.connect(second_factor.record_enrolment, dispatch_uid="portal.record_enrolment")
        navigation.register_sections(*navigation.SECTIONS)
        navigation.register_entry_points(*navigation.ENTRY_POINTS)
