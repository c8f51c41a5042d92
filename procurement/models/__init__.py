"""The joint-procurement workspaces' models, one module per concern; `procurement.models` names them."""

from procurement.models.records import (
    Agreement,
    Document,
    DocumentKind,
    DocumentVersion,
    QuestionRound,
    VendorQuestion,
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
    "Agreement",
    "Arrangement",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "Invitation",
    "InvitationState",
    "Member",
    "Purpose",
    "QuestionRound",
    "Secretariat",
    "VendorQuestion",
    "Workspace",
    "WorkspaceStatus",
]
