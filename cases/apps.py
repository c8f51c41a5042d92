from django.apps import AppConfig
from django.db.models.signals import post_save


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"

    def ready(self):
        from portal.models import Membership

        post_save.connect(_membership_saved, sender=Membership, dispatch_uid="cases_sync_editor_group")


def _membership_saved(sender, instance, **kwargs):
    from cases.workflow import sync_editor_group

    sync_editor_group(instance.user)
