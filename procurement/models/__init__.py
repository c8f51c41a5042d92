"""The joint-procurement workspaces' models, one module per concern; `procurement.models` names them."""

from procurement.models.costs import CaseDraft, CostSharingScenario, MemberCost
from procurement.models.workspace import (
    Arrangement,
    Invitation,
    InvitationState,
    Member,
    Purpose,
    Secretariat,
    Workspace,
    WorkspaceStatus,
)

__all__ = [
    "Arrangement",
    "CaseDraft",
    "CostSharingScenario",
    "Invitation",
    "InvitationState",
    "Member",
    "MemberCost",
    "Purpose",
    "Secretariat",
    "Workspace",
    "WorkspaceStatus",
]
