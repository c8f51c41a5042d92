"""A Wagtail snippet kept by the people a portal.access rule admits, not by Django permissions handed out
in groups: the snippet's permission policy asks the engine (the apps' lists that advisors keep)."""

from wagtail.permission_policies.base import BasePermissionPolicy

from portal import access
from portal.models import Membership, User


class AdvisorsKeep(BasePermissionPolicy):
    """Every action on the snippet is ``rule``; the rule admits advisors and admins, who are listed."""

    def __init__(self, model, rule: str):
        super().__init__(model)
        self.rule = rule

    def user_has_permission(self, user, action):
        return access.can(user, self.rule)

    def users_with_any_permission(self, actions):
        return User.objects.filter(
            is_active=True,
            memberships__state=Membership.State.ACTIVE,
            memberships__role__in=access.ADVISOR_LIKE,
        ).distinct()
