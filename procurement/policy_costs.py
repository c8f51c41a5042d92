"""Who may change the cost model, keep cost-sharing scenarios and draft the case study.

Reading the costs and the calculator is `procurement.follow` (members, secretariat, overseers: the
prefecture's officials see the cost summary). A member's figures are edited by the group's runners or
by that member's own staff; without a `member` the rule answers whether the user may edit some row."""

from portal.access import municipality_of
from procurement.relations import INSIDE, MEMBERS, RUNNERS, relation_of


def _edit_cost(user, workspace, member=None, **context) -> bool:
    relation = relation_of(user, workspace)
    if relation in RUNNERS:
        return member is None or member.workspace_id == workspace.pk
    if relation not in MEMBERS:
        return False
    if member is None:
        return True
    own = municipality_of(user)
    return member.workspace_id == workspace.pk and own is not None and member.municipality_id == own.pk


def _save_scenario(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in INSIDE


def _draft_case(user, workspace, **context) -> bool:
    return relation_of(user, workspace) in RUNNERS


RULES = {
    "procurement.cost.edit": _edit_cost,
    "procurement.cost_sharing.save": _save_scenario,
    "procurement.case_draft.create": _draft_case,
}
