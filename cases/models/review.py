"""The 決裁's review step for case studies (the workflow around it is set up by cases/workflow.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask

from portal import access


class CaseReviewTask(GroupApprovalTask):
    """The 決裁's review step: the editor group approves, but never the person who submitted.

    The approve actions are withheld from the submitter in every menu (get_actions) and refused
    again when posted (on_action); portal.access decides through `case.approve`.
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if access.can(user, "case.approve", getattr(obj, "current_workflow_state", None)):
            return actions
        return [action for action in actions if action[0] != "approve"]

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            access.require(user, "case.approve", task_state.workflow_state)
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("編集者グループが承認します。ただし、確認に回した本人は承認できません。")

    class Meta:
        verbose_name = _("事例の確認（本人以外が承認）")
        verbose_name_plural = _("事例の確認（本人以外が承認）")
