"""The workspaces' own access rules (each concern of the app adds its rules beside its module and
registers them in ProcurementConfig.ready()). Written with procurement.relations: a workspace is its
members' and its secretariat's; overseers follow it; others know of it only while it recruits."""

from portal.access import is_advisor_like, role_of
from portal.models import Role
from procurement.relations import INSIDE, RUNNERS, Relation, relation_of


def _list(user, obj=None, **context) -> bool:
    return role_of(user) in {Role.STAFF, Role.ADVISOR, Role.OFFICIAL, Role.ADMIN, Role.CONSULTANT}


def _create(user, obj=None, **context) -> bool:
    # Founders are municipalities; an advisor may also set a group up on their behalf.
    return role_of(user) == Role.STAFF or is_advisor_like(user)


def _view(user, workspace, **context) -> bool:
    return relation_of(user, workspace) > Relation.NONE


def _view_inside(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in INSIDE


def _follow(user, workspace, **context) -> bool:
    """Milestones and the cost summary: the members, the secretariat and the overseers."""
    return relation_of(user, workspace) >= Relation.OVERSEER


def _edit(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in RUNNERS


RULES = {
    "procurement.list": _list,
    "procurement.create": _create,
    "procurement.view": _view,
    "procurement.view_inside": _view_inside,
    "procurement.follow": _follow,
    "procurement.edit": _edit,
}
