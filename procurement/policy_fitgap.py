"""Who sees and fills the fit-gap matrix and the common forms. Both are the group's inside work: the
overseers (officials, advisors outside the secretariat) do not see them. A cell belongs to a member's
column: that member's staff judge their own column (the seed's line staff do the fit analysis); the
secretariat and the consultant may set any cell. The founders and the secretariat keep the lists of
functions and forms."""

from portal.access import same_municipality
from procurement.models import Member
from procurement.relations import INSIDE, MEMBERS, RUNNERS, Relation, relation_of


def _inside(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in INSIDE


def _runs(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in RUNNERS


def speaks_for(user, member: Member) -> bool:
    """Whether the user may set this member's column: its own active staff, or the secretariat."""
    relation = relation_of(user, member.workspace)
    if relation in {Relation.SECRETARIAT, Relation.CONSULTANT}:
        return True
    return relation in MEMBERS and same_municipality(user, member.municipality)


def _speaks_for(user, member, **context) -> bool:
    return speaks_for(user, member)


RULES = {
    "procurement.fitgap.view": _inside,
    "procurement.fitgap.decide": _speaks_for,
    "procurement.fitgap.import": _runs,
    "procurement.forms.view": _inside,
    "procurement.forms.set": _speaks_for,
    "procurement.forms.manage": _runs,
}
