"""The joint-procurement workspaces' models, one module per concern; `procurement.models` names them."""

from procurement.models.evaluation import (
    Bid,
    Criterion,
    Decision,
    Round,
    RoundStage,
    RoundState,
    Score,
    Sheet,
    Vendor,
)
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
    "Bid",
    "Criterion",
    "Decision",
    "Invitation",
    "InvitationState",
    "Member",
    "Purpose",
    "Round",
    "RoundStage",
    "RoundState",
    "Score",
    "Secretariat",
    "Sheet",
    "Vendor",
    "Workspace",
    "WorkspaceStatus",
]
