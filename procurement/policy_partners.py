"""Who reads and keeps a municipality's system inventory, who looks for partners, and who sends and
answers invitations. Written with procurement.relations, beside the querysets that mirror the rules.

- A municipality's inventory is read by its own staff, the advisors and officials, and the people
  inside a workspace it belongs to (the other members' staff, the secretariat, the consultant); a
  consultant therefore reads only its workspace's members'. Its staff and the advisors keep it.
- The partner finder ranks others for one's own municipality (staff) or any (advisors); a
  workspace's ranking is for those who run the group, who also send and withdraw its invitations.
- An invitation is answered by the invited municipality's staff; they and the people inside the
  group read it.
"""

from django.db.models import Q, QuerySet

from portal.access import ADVISOR_LIKE, is_advisor_like, municipality_of, role_of, same_municipality
from portal.models import Municipality, Role
from procurement.models import Invitation, Member, Workspace
from procurement.relations import INSIDE, RUNNERS, relation_of

READERS_OF_EVERY_INVENTORY = ADVISOR_LIKE | {Role.OFFICIAL}


def _workspaces_inside(user) -> QuerySet[Workspace]:
    """The workspaces whose relation_of(user) is in INSIDE, as one query: a member's staff, or the
    secretariat (advisors and consultant accounts)."""
    role = role_of(user)
    if role == Role.STAFF:
        return Workspace.objects.filter(members__municipality=municipality_of(user))
    if role in ADVISOR_LIKE | {Role.CONSULTANT}:
        return Workspace.objects.filter(secretariat__user=user)
    return Workspace.objects.none()


def inventory_municipalities_for(user) -> QuerySet[Municipality]:
    """The municipalities whose inventory the user may read (the page's choice, lookups → 404)."""
    role = role_of(user)
    if role in READERS_OF_EVERY_INVENTORY:
        return Municipality.objects.all()
    if role not in {Role.STAFF, Role.CONSULTANT}:
        return Municipality.objects.none()
    fellow = Member.objects.filter(workspace__in=_workspaces_inside(user)).values("municipality")
    own = municipality_of(user)
    return Municipality.objects.filter(Q(pk__in=fellow) | Q(pk=getattr(own, "pk", None)))


def _inventory_list(user, obj=None, **context) -> bool:
    return role_of(user) in READERS_OF_EVERY_INVENTORY | {Role.STAFF, Role.CONSULTANT}


def _inventory_view(user, municipality, **context) -> bool:
    if role_of(user) in READERS_OF_EVERY_INVENTORY or same_municipality(user, municipality):
        return True
    return inventory_municipalities_for(user).filter(pk=municipality.pk).exists()


def _inventory_edit(user, municipality, **context) -> bool:
    return is_advisor_like(user) or same_municipality(user, municipality)


def _partners_find(user, municipality=None, **context) -> bool:
    """The page (no municipality): staff and advisors; for a municipality: its staff, or an advisor."""
    if is_advisor_like(user):
        return True
    if municipality is None:
        return role_of(user) == Role.STAFF
    return same_municipality(user, municipality)


def _runs(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in RUNNERS


def _inside(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in INSIDE


def _invitation_view(user, invitation, **context) -> bool:
    return (
        same_municipality(user, invitation.municipality) or relation_of(user, invitation.workspace) in INSIDE
    )


def _invitation_decide(user, invitation, **context) -> bool:
    return same_municipality(user, invitation.municipality)


def invitations_for(user) -> QuerySet[Invitation]:
    """The invitations the user may open: their own municipality's and those of the groups they are inside."""
    own = municipality_of(user)
    return Invitation.objects.filter(
        Q(municipality=getattr(own, "pk", None)) | Q(workspace__in=_workspaces_inside(user))
    )


RULES = {
    "procurement.inventory.list": _inventory_list,
    "procurement.inventory.view": _inventory_view,
    "procurement.inventory.edit": _inventory_edit,
    "procurement.partners.find": _partners_find,
    "procurement.partners.rank_for_workspace": _runs,
    "procurement.invitation.list": _inside,
    "procurement.invitation.send": _runs,
    "procurement.invitation.withdraw": _runs,
    "procurement.invitation.view": _invitation_view,
    "procurement.invitation.decide": _invitation_decide,
}
