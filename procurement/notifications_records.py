"""The records' notices to the members' staff: a new version of a document, and a batch of published
Q&A (one notice per action, however many rows it touched). Sent by background tasks that the services
enqueue inside their transaction; storing, muting and mailing are the kernel's (portal.notifications)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from portal import access, notification_kinds, notifications
from portal.models import Membership, Role, User
from portal.task_retry import retrying_task
from procurement.models import DocumentVersion, Workspace
from procurement.relations import MEMBERS, relation_of

DOCUMENT_VERSION = "procurement_document_version"
QUESTIONS_PUBLISHED = "procurement_questions_published"


def _inside_workspaces(user) -> Q:
    """A notice about a workspace stays listed while its reader still works inside it."""
    role = access.role_of(user)
    if role == Role.STAFF:
        inside = Workspace.objects.filter(members__municipality=access.municipality_of(user))
    elif role in access.ADVISOR_LIKE | {Role.CONSULTANT}:
        inside = Workspace.objects.filter(secretariat__user=user)
    else:
        inside = Workspace.objects.none()
    return Q(
        content_type=ContentType.objects.get_for_model(Workspace),
        object_id__in=inside.values("pk"),
    )


def _version_message(params: dict) -> str:
    return gettext("%(workspace)s：資料「%(title)s」の第%(number)s版が登録されました。") % params


def _questions_message(params: dict) -> str:
    return gettext("%(workspace)s：%(round)sの質問回答 %(count)s 件が公開されました。") % params


KINDS = [
    notification_kinds.NotificationKind(
        slug=DOCUMENT_VERSION,
        label=_("共同化検討会：資料の新しい版"),
        message=_version_message,
        visible=_inside_workspaces,
    ),
    notification_kinds.NotificationKind(
        slug=QUESTIONS_PUBLISHED,
        label=_("共同化検討会：質問回答の公開"),
        message=_questions_message,
        visible=_inside_workspaces,
    ),
]


def members_staff(workspace: Workspace, *, besides: int | None) -> list[User]:
    """The active staff of the member municipalities now (not `besides`, the one who acted)."""
    people = (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.STAFF,
            memberships__state=Membership.State.ACTIVE,
            memberships__municipality__procurement_members__workspace=workspace,
        )
        .exclude(pk=besides)
        .distinct()
        .order_by("pk")
    )
    return [person for person in people if relation_of(person, workspace) in MEMBERS]


@retrying_task()
def notify_document_version(*, version_id: int) -> int:
    version = DocumentVersion.objects.select_related("document__workspace").filter(pk=version_id).first()
    if version is None:
        return 0
    workspace = version.document.workspace
    return notifications.deliver(
        kind=DOCUMENT_VERSION,
        key=f"procurement-document-version:{version.pk}",
        recipients=members_staff(workspace, besides=version.uploaded_by_id),
        params={"workspace": workspace.name, "title": version.document.title, "number": version.number},
        url=reverse("procurement:records_document", args=[workspace.slug, version.document_id]),
        target=workspace,
    )


@retrying_task()
def notify_questions_published(
    *, workspace_id: int, batch: str, rounds: list[str], count: int, actor_id: int
):
    """`batch` names the publishing action (its time), so a retry repeats no notice."""
    workspace = Workspace.objects.filter(pk=workspace_id).first()
    if workspace is None:
        return 0
    return notifications.deliver(
        kind=QUESTIONS_PUBLISHED,
        key=f"procurement-questions-published:{workspace.pk}:{batch}",
        recipients=members_staff(workspace, besides=actor_id),
        params={"workspace": workspace.name, "round": "・".join(rounds), "count": count},
        url=reverse("procurement:records_questions", args=[workspace.slug]),
        target=workspace,
    )
