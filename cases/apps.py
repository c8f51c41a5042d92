from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, post_save


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"

    def ready(self):
        from cases import case_drafts as case_drafter
        from cases import material as case_material
        from cases import navigation as case_navigation
        from cases import policy, search, selectors
        from portal import access, case_drafts, joint_use, material, navigation
        from portal.models import Membership

        access.register(policy.RULES)
        search.register_documents()
        navigation.register_sections(*case_navigation.SECTIONS)
        navigation.register_entry_points(*case_navigation.ENTRY_POINTS)
        material.register(case_material.SOURCE)
        case_drafts.register(case_drafter.DRAFTER)
        joint_use.register(joint_use.Provider("cases.adoption", selectors.joint_use_groups))

        # The editor group follows portal.access's `case.edit`, which reads memberships and
        # whether the account is active: any change to either re-decides the group.
        post_save.connect(_membership_changed, sender=Membership, dispatch_uid="cases_sync_editor_group")
        post_delete.connect(
            _membership_deleted, sender=Membership, dispatch_uid="cases_sync_editor_group_on_delete"
        )
        post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="cases_sync_editor_group_user")


def _membership_changed(sender, instance, **kwargs):
    from cases.workflow import sync_editor_group

    sync_editor_group(instance.user)


def _membership_deleted(sender, instance, **kwargs):
    from cases.workflow import sync_editor_group

    # Only ever take the group away here: the user may be being deleted in the same cascade.
    sync_editor_group(instance.user, may_add=False)


def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    from cases.workflow import sync_editor_group

    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    sync_editor_group(instance)
