from portal import access


class RoleAdminAccessBackend:
    """Django/Wagtail permissions from the portal role, so that portal.access decides, not ad-hoc groups.

    Admins may do everything; advisors may enter Wagtail's admin (their page permissions come from
    Wagtail's own page-permission groups).
    """

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if access.can(user_obj, "portal.administer"):
            return True
        return perm == "wagtailadmin.access_admin" and access.can(user_obj, "portal.enter_cms")

    def has_module_perms(self, user_obj, app_label):
        return access.can(user_obj, "portal.administer")
