from allauth.account.auth_backends import AuthenticationBackend

from portal import access


def _may_hold_permissions(user) -> bool:
    return access.is_advisor_like(user)


class PortalAuthenticationBackend(AuthenticationBackend):
    """allauth's login, with Django's permissions (user, group, superuser) counted only while the
    portal role allows them. (allauth's backend is a ModelBackend: it would grant group permissions.)

    A staff member put in a Wagtail group, or an admin whose membership ended, gets nothing:
    only advisors and admins, who must use a second factor, hold any Django permission.
    """

    def has_perm(self, user_obj, perm, obj=None):
        return access.is_advisor_like(user_obj) and super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        return access.is_advisor_like(user_obj) and super().has_module_perms(user_obj, app_label)


class RoleAdminAccessBackend:
    """Permissions from the portal role, so that portal.access decides, not ad-hoc groups.

    Admins may do everything; advisors may enter Wagtail's admin (their page permissions come from
    Wagtail's own page-permission groups, which PortalAuthenticationBackend honours only for advisors).
    """

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if access.can(user_obj, "portal.administer"):
            return True
        return perm == "wagtailadmin.access_admin" and access.can(user_obj, "portal.enter_cms")

    def has_module_perms(self, user_obj, app_label):
        return access.can(user_obj, "portal.administer")
