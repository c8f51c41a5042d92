from portal import access


class RoleAdminAccessBackend:
    """Grants entry to Wagtail's admin by role, so that portal.access decides it, not ad-hoc groups."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        return perm == "wagtailadmin.access_admin" and access.can(user_obj, "portal.enter_cms")

    def has_module_perms(self, user_obj, app_label):
        return False
