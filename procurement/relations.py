"""How a person stands to a workspace; every rule of the app is written with it.

- secretariat: an advisor or admin named in the workspace's secretariat — runs the group;
- consultant: a consultant account named in the secretariat — helps run it, sees nothing else;
- founder / member: active staff of a founding / participating municipality;
- overseer: the prefecture's officials and the advisors not in its secretariat — they follow the
  group's progress (milestones, cost summary) but never see evaluators' scores;
- invited: staff of a municipality with an open invitation; recruitable: staff of any other
  municipality while the group is 参加募集中 — both see only that the group exists;
- none: anyone else, for whom the workspace does not exist (404).
"""

from enum import IntEnum

from django.db.models import Q, QuerySet

from portal.access import ADVISOR_LIKE, municipality_of, role_of
from portal.models import Role
from procurement.models import InvitationState, Workspace


class Relation(IntEnum):
    NONE = 0
    RECRUITABLE = 10
    INVITED = 20
    OVERSEER = 30
    MEMBER = 40
    FOUNDER = 50
    CONSULTANT = 60
    SECRETARIAT = 70


# Who works inside the workspace (sees its matrix, documents, Q&A) as opposed to following it.
INSIDE = frozenset({Relation.MEMBER, Relation.FOUNDER, Relation.CONSULTANT, Relation.SECRETARIAT})
# Who runs the group's process (milestones, rounds, invitations on the group's behalf).
RUNNERS = frozenset({Relation.FOUNDER, Relation.SECRETARIAT})
MEMBERS = frozenset({Relation.MEMBER, Relation.FOUNDER})


def relation_of(user, workspace: Workspace | None) -> Relation:
    """The user's relation to the workspace, remembered on the workspace object for this request."""
    if workspace is None or workspace.pk is None:
        return Relation.NONE
    cache = workspace.__dict__.setdefault("_relations", {})
    key = getattr(user, "pk", None)
    if key not in cache:
        cache[key] = _relation(user, workspace)
    return cache[key]


def _relation(user, workspace: Workspace) -> Relation:
    role = role_of(user)
    if role is None:
        return Relation.NONE
    if role in ADVISOR_LIKE | {Role.CONSULTANT} and workspace.secretariat.filter(user=user).exists():
        return Relation.CONSULTANT if role == Role.CONSULTANT else Relation.SECRETARIAT
    if role in ADVISOR_LIKE or role == Role.OFFICIAL:
        return Relation.OVERSEER
    if role != Role.STAFF:
        return Relation.NONE
    own = municipality_of(user)
    member = workspace.members.filter(municipality=own).first()
    if member is not None:
        return Relation.FOUNDER if member.is_founder else Relation.MEMBER
    if workspace.invitations.filter(municipality=own, state=InvitationState.OPEN).exists():
        return Relation.INVITED
    return Relation.RECRUITABLE if workspace.recruiting else Relation.NONE


def workspaces_for(user) -> QuerySet[Workspace]:
    """The workspaces whose existence the user may know of (the list page, search, lookups → 404)."""
    role = role_of(user)
    workspaces = Workspace.objects.all()
    if role in ADVISOR_LIKE or role == Role.OFFICIAL:
        return workspaces
    if role == Role.CONSULTANT:
        return workspaces.filter(secretariat__user=user).distinct()
    if role != Role.STAFF:
        return workspaces.none()
    own = municipality_of(user)
    return workspaces.filter(
        Q(members__municipality=own)
        | Q(invitations__municipality=own, invitations__state=InvitationState.OPEN)
        | Q(recruiting=True)
    ).distinct()
