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
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from cases.models import CaseReviewTask
from portal.models import Membership

EDITOR_GROUP = "CIO補佐官（事例の編集と確認）"
WORKFLOW_NAME = "事例の決裁"
REVIEW_TASK_NAME = "CIO補佐官の確認"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
SNIPPET_MODELS = ["successfactor", "typologyentry", "adoptiongroup", "statedtotal"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]


def ensure_case_workflow(index_page: Page) -> list[str]:
    """Create what is missing of the editor group, the review step and the workflow; return what
    was created. Permissions are granted only when the group itself is created, so a permission
    an admin took away later stays away."""
    created = []
    with transaction.atomic():
        group = Group.objects.filter(name=EDITOR_GROUP).first()
        if group is None:
            group = Group.objects.create(name=EDITOR_GROUP)
            _grant_editor_permissions(group, index_page)
            created.append("editor group")
        task = CaseReviewTask.objects.filter(name=REVIEW_TASK_NAME).first()
        if task is None:
            task = CaseReviewTask.objects.create(name=REVIEW_TASK_NAME)
            task.groups.set([group])
            created.append("review task")
        workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
        if workflow is None:
            workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
            if not WorkflowPage.objects.filter(page=index_page).exists():
                WorkflowPage.objects.create(page=index_page, workflow=workflow)
            created.append("workflow")
        else:
            # A workflow made before the review step refused self-approval: swap its plain group
            # approval step for the guarded one (states already under review keep the old step).
            old = WorkflowTask.objects.filter(workflow=workflow, task__name=REVIEW_TASK_NAME).exclude(
                task=task
            )
            for link in old.select_related("task"):
                link.task.active = False
                link.task.save(update_fields=["active"])
                link.task = task
                link.save(update_fields=["task"])
        for membership in Membership.objects.select_related("user"):
            sync_editor_group(membership.user)
    return created


def _grant_editor_permissions(group: Group, index_page: Page) -> None:
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
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
        GroupCollectionPermission.objects.create(
            group=group,
            collection=root_collection,
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
        )


def sync_editor_group(user, *, may_add: bool = True) -> None:
    """Whoever portal.access lets edit cases is in the editor group; nobody else is."""
    from portal import access

    group = Group.objects.filter(name=EDITOR_GROUP).first()
    if group is None:
        return
    user.__dict__.pop("_current_membership", None)  # the membership may just have changed
    if access.can(user, "case.edit"):
        if may_add:
            user.groups.add(group)
    else:
        user.groups.remove(group)


def must_go_through_review(user, page_or_class) -> bool:
    """A case study is published through the workflow's approval by everyone portal.access does
    not let publish directly."""
    from cases.models import CaseStudyPage
    from portal import access

    model = page_or_class if isinstance(page_or_class, type) else type(page_or_class.specific)
    return issubclass(model, CaseStudyPage) and not access.can(user, "case.publish_directly")


def publishes_a_case(user, pages, *, with_descendants: bool) -> bool:
    """Would publishing these pages (and, if asked, their draft descendants) put a case study live
    without review for this user?"""
    from cases.models import CaseStudyPage
    from portal import access

    if access.can(user, "case.publish_directly"):
        return False
    for page in pages:
        if issubclass(page.specific_class, CaseStudyPage):
            return True
        if with_descendants and page.get_descendants().type(CaseStudyPage).exists():
            return True
    return False
