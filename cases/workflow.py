"""The portal's 決裁 for case studies: advisors edit and submit, an advisor reviews, approval publishes.

Advisors get Wagtail rights through one group, kept in step with their memberships (entry to the
admin itself is decided by portal.access through portal.backends.RoleAdminAccessBackend). The group
holds the publish permission because Wagtail checks it for the reviewer whose approval publishes;
the publish button itself is taken away from advisors in wagtail_hooks.py, so that for them the
only way to publish a case is the workflow's approval.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.models import Membership, Role

EDITOR_GROUP = "CIO補佐官（事例の編集と確認）"
WORKFLOW_NAME = "事例の決裁"
REVIEW_TASK_NAME = "CIO補佐官の確認"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
SNIPPET_MODELS = ["successfactor", "typologyentry", "adoptiongroup", "statedtotal"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
EDITOR_ROLES = {Role.ADVISOR, Role.ADMIN}


def editor_group() -> Group:
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    return group


def ensure_case_workflow(index_page: Page) -> Workflow:
    """Create (once) the editor group, its permissions and the review workflow on the case index."""
    with transaction.atomic():
        group = editor_group()
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=index_page,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        model_permissions = Permission.objects.filter(
            content_type__app_label="cases",
            codename__in=[f"{action}_{model}" for model in SNIPPET_MODELS for action in ("add", "change")],
        )
        group.permissions.add(*model_permissions)
        root_collection = Collection.get_first_root_node()
        for codename in DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
            )
        task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
            task.groups.set([group])
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        if not WorkflowPage.objects.filter(page=index_page).exists():
            WorkflowPage.objects.create(page=index_page, workflow=workflow)
        for membership in Membership.objects.filter(role__in=EDITOR_ROLES).select_related("user"):
            sync_editor_group(membership.user)
    return workflow


def sync_editor_group(user) -> None:
    """Advisors and admins with an active membership are in the editor group; nobody else is."""
    from portal import access

    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        return
    user.__dict__.pop("_current_membership", None)  # the membership may just have changed
    if access.role_of(user) in EDITOR_ROLES:
        user.groups.add(group)
    else:
        user.groups.remove(group)


def must_go_through_review(user, page_or_class) -> bool:
    """Everyone but a superuser publishes case studies only through the workflow's approval."""
    from cases.models import CaseStudyPage

    model = page_or_class if isinstance(page_or_class, type) else type(page_or_class.specific)
    return issubclass(model, CaseStudyPage) and not user.is_superuser
