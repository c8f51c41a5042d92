"""Problems several municipalities share: an advisor's invitation to the municipalities of a shared
question or system area to start joint work together (knowhow.shared_problems ranks them)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowhow.models.posts import Post
from portal.models import Municipality, SystemArea


class JointInvitation(models.Model):
    """「共同相談を呼びかける」: who invited which municipalities, about a question or a system area (exactly
    one), to which kind of joint work (a portal.joint_work starter's name)."""

    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("呼びかけた人")
    )
    starter = models.CharField(_("共同で始めること"), max_length=64)
    question = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="joint_invitations"
    )
    system_area = models.ForeignKey(
        SystemArea, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="+", verbose_name=_("呼びかけた市町村")
    )
    # The starter's page as the notice links to it, with the partners named when the invitation was made.
    url = models.CharField(max_length=2000, editable=False)
    created_at = models.DateTimeField(_("呼びかけた日時"), default=timezone.now)
    # The confirmation form's token: pressing twice makes one invitation.
    client_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("共同での取組の呼びかけ")
        verbose_name_plural = _("共同での取組の呼びかけ")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="knowhow_invitation_on_question_or_area",
                condition=Q(question__isnull=False, system_area__isnull=True)
                | Q(question__isnull=True, system_area__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["invited_by", "client_token"], name="knowhow_invitation_one_per_form_submission"
            ),
        ]

    def __str__(self):
        return f"{self.starter} {self.question_id or ''}/{self.system_area_id or ''}"
