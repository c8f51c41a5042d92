"""A group's path as milestones: the seed's twelve steps from 勉強会 to 稼働, each with its target and
actual dates and who owns it. 稼働 is one row per member, because members go live one after another
(the seed's group: H23.5 1町, H23.12 1町, H24.3 4市町, H25 1町)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procurement.models.workspace import Member, Workspace


class Step(models.TextChoices):
    STUDY = "study", _("勉強会")
    LAUNCH = "launch", _("発起・参加募集")
    SECRETARIAT = "secretariat", _("事務局・支援契約")
    BRIEFING = "briefing", _("各社説明会")
    RFI = "rfi", _("RFI")
    RFP = "rfp", _("RFP")
    DEMO = "demo", _("デモ評価")
    PROPOSAL = "proposal", _("提案評価")
    SELECTION = "selection", _("事業者決定")
    BPR = "bpr", _("仕様確認・BPR")
    NEGOTIATION = "negotiation", _("契約交渉")
    GO_LIVE = "go_live", _("稼働")


# The steps in the seed's order; a milestone's `order` is its step's place here.
STEPS = list(Step)


class Milestone(models.Model):
    Step = Step

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("検討会")
    )
    step = models.CharField(_("段階"), max_length=16, choices=Step.choices)
    # Only 稼働 names a member: each member goes live on its own date.
    member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("参加団体"),
    )
    target_on = models.DateField(_("目標日"), null=True, blank=True)
    actual_on = models.DateField(_("実績日"), null=True, blank=True)
    owner = models.CharField(_("担当"), max_length=60, blank=True)
    note = models.TextField(_("メモ"), blank=True)
    order = models.PositiveSmallIntegerField(_("順序"), default=0)

    class Meta:
        verbose_name = _("マイルストーン")
        verbose_name_plural = _("マイルストーン")
        ordering = ["order", "target_on", "member__municipality__kana_sort", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "step"],
                condition=Q(member__isnull=True),
                name="procurement_milestone_step_once",
            ),
            models.UniqueConstraint(
                fields=["workspace", "step", "member"],
                condition=Q(member__isnull=False),
                name="procurement_milestone_member_step_once",
            ),
            models.CheckConstraint(
                condition=(Q(step="go_live") & Q(member__isnull=False))
                | (~Q(step="go_live") & Q(member__isnull=True)),
                name="procurement_milestone_member_only_for_go_live",
            ),
        ]

    def __str__(self):
        if self.member_id:
            return f"{self.workspace}: {self.get_step_display()}（{self.member.municipality}）"
        return f"{self.workspace}: {self.get_step_display()}"

    @property
    def done(self) -> bool:
        return self.actual_on is not None
