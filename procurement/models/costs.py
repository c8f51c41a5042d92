"""The group's cost model: each member's annual cost now and under the proposal, the scenarios of the
cost-sharing calculator the group saved, and the case-study draft made when the group went live."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement.models.workspace import Member, Workspace


class MemberCost(models.Model):
    """One member's annual costs in yen; a figure not known yet stays empty (the summary names it)."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="member_costs", verbose_name=_("検討会")
    )
    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="cost", verbose_name=_("参加団体")
    )
    current_annual_yen = models.PositiveBigIntegerField(_("現在の年間経費（円）"), null=True, blank=True)
    proposed_annual_yen = models.PositiveBigIntegerField(_("提案の年間経費（円）"), null=True, blank=True)
    # What the member would pay procuring alone: the fairer yardstick for its share, when it has one.
    standalone_annual_yen = models.PositiveBigIntegerField(
        _("単独で調達した場合の見積（年額・円）"), null=True, blank=True
    )
    basis = models.TextField(_("根拠"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("更新者"),
    )
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)

    class Meta:
        verbose_name = _("参加団体の経費")
        verbose_name_plural = _("参加団体の経費")
        ordering = ["member__municipality__kana_sort"]

    def __str__(self):
        return f"{self.member}"


class CostSharingScenario(models.Model):
    """A named mix of 均等割・人口割・利用量割 over a total, kept so the group can compare mixes."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="cost_sharing_scenarios", verbose_name=_("検討会")
    )
    name = models.CharField(_("シナリオ名"), max_length=100)
    total_yen = models.PositiveBigIntegerField(_("按分する総額（円）"))
    equal_percent = models.PositiveSmallIntegerField(_("均等割（％）"))
    population_percent = models.PositiveSmallIntegerField(_("人口割（％）"))
    usage_percent = models.PositiveSmallIntegerField(_("利用量割（％）"))
    usage_label = models.CharField(_("利用量の指標"), max_length=50, blank=True)
    # {member pk (as text): the usage figure typed in}; empty when 利用量割 is 0.
    usages = models.JSONField(_("団体ごとの利用量"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)

    class Meta:
        verbose_name = _("費用負担のシナリオ")
        verbose_name_plural = _("費用負担のシナリオ")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="procurement_scenario_name_once"),
        ]

    def __str__(self):
        return self.name


class CaseDraft(models.Model):
    """That a case-study draft was made for the group, and which page it is (the cases app's page,
    known here only by its id: apps do not import each other)."""

    workspace = models.OneToOneField(
        Workspace, on_delete=models.CASCADE, related_name="case_draft", verbose_name=_("検討会")
    )
    page_id = models.PositiveBigIntegerField(_("事例ページの番号"))
    title = models.CharField(_("事例の題名"), max_length=255)
    went_live_on = models.DateField(_("稼働日"))
    lessons = models.TextField(_("教訓"))
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    drafted_at = models.DateTimeField(_("作成日時"), default=timezone.now)

    class Meta:
        verbose_name = _("事例の下書き")
        verbose_name_plural = _("事例の下書き")

    def __str__(self):
        return self.title
