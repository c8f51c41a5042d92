"""The rules of a group's own pages: its members' 担当者 and 首長の了承日, its secretariat, its milestones.
Written with procurement.relations, as the app's other rules."""

from portal.access import ADVISOR_LIKE, is_advisor_like, municipality_of
from portal.models import Membership
from procurement.relations import RUNNERS, Relation, relation_of


def advisors_of(workspace):
    """The secretariat's rows of CIO advisors (and admins), as opposed to its consultant accounts."""
    return workspace.secretariat.filter(
        user__memberships__state=Membership.State.ACTIVE, user__memberships__role__in=ADVISOR_LIKE
    )


def _own_member(user, member) -> bool:
    """Staff of the member municipality speak for it: its 担当者, its 了承日, leaving the group."""
    return relation_of(user, member.workspace) in {Relation.MEMBER, Relation.FOUNDER} and (
        municipality_of(user) == member.municipality
    )


def _member_edit(user, member, **context) -> bool:
    return relation_of(user, member.workspace) in RUNNERS or _own_member(user, member)


def _secretariat_manage(user, workspace, **context) -> bool:
    # The advisors of the secretariat; a consultant helps run the group but does not choose who runs it.
    return relation_of(user, workspace) == Relation.SECRETARIAT


def _secretariat_join(user, workspace, **context) -> bool:
    """A CIO advisor may take up a group no advisor runs yet (one staff founded on their own)."""
    return (
        is_advisor_like(user)
        and relation_of(user, workspace) == Relation.OVERSEER
        and not advisors_of(workspace).exists()
    )


def _milestone_edit(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in RUNNERS


RULES = {
    "procurement.member.edit": _member_edit,
    "procurement.member.remove": _member_edit,
    "procurement.secretariat.manage": _secretariat_manage,
    "procurement.secretariat.join": _secretariat_join,
    "procurement.milestone.edit": _milestone_edit,
}
