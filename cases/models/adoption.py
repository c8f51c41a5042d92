"""The seed's adoption status table: each joint-use or cloud arrangement with its members, and the
totals the source states beside what the rows count."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from cases.models.choices import Arrangement, Organisation, System
from cases.models.pages import CaseStudyPage
from portal.models import Municipality


class AdoptionGroup(ClusterableModel):
    """One row of the seed's adoption status table: a joint-use or cloud arrangement and its members."""

    name = models.CharField(_("名称"), max_length=200)
    arrangement = models.CharField(_("導入形態"), max_length=16, choices=Arrangement.choices)
    system = models.CharField(_("対象システム"), max_length=16, choices=System.choices)
    organisation = models.CharField(_("組織形態"), max_length=16, choices=Organisation.choices, blank=True)
    business_area_count = models.PositiveSmallIntegerField(_("業務数"), null=True, blank=True)
    members = models.ManyToManyField(Municipality, related_name="adoption_groups", verbose_name=_("参加団体"))
    start = models.DateField(_("稼働開始（月）"), help_text=_("月の初日を入れてください。"))
    start_as_written = models.CharField(_("稼働開始（出典の表記）"), max_length=50, blank=True)
    go_live_detail = models.CharField(_("稼働の内訳"), max_length=200, blank=True)
    vendor = models.CharField(_("事業者"), max_length=200, blank=True)
    case_study = models.ForeignKey(
        CaseStudyPage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoption_groups",
        verbose_name=_("成功事例"),
    )
    sort_order = models.PositiveSmallIntegerField(_("表示順"), default=0)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("arrangement"), FieldPanel("system"), FieldPanel("organisation")]),
        FieldPanel("business_area_count"),
        FieldPanel("members"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("start_as_written")]),
        FieldPanel("go_live_detail"),
        FieldPanel("vendor"),
        FieldPanel("case_study"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        verbose_name = _("推進状況（取組）")
        verbose_name_plural = _("推進状況（取組）")
        ordering = ["sort_order", "pk"]
        constraints = [models.UniqueConstraint(fields=["name"], name="adoption_group_unique_name")]

    def __str__(self):
        return self.name

    @property
    def is_cloud(self) -> bool:
        return self.arrangement in {Arrangement.JOINT_CLOUD, Arrangement.SINGLE_CLOUD, Arrangement.GOV_CLOUD}


class StatedTotal(models.Model):
    """A total as the source states it, kept beside what the data counts (they may disagree)."""

    class Scope(models.TextChoices):
        CLOUD = "cloud", _("クラウド利用（基幹システム）")
        CORE_JOINT_USE = "core_joint_use", _("共同利用・非クラウド（基幹システム）")
        KOSEKI_JOINT_USE = "koseki_joint_use", _("共同利用・非クラウド（戸籍システム）")

    scope = models.CharField(_("範囲"), max_length=32, choices=Scope.choices, unique=True)
    label_as_written = models.CharField(_("出典の表記"), max_length=100)
    value = models.PositiveIntegerField(_("出典の団体数"))
    source = models.CharField(_("出典"), max_length=300, blank=True)

    panels = [FieldPanel("scope"), FieldPanel("label_as_written"), FieldPanel("value"), FieldPanel("source")]

    class Meta:
        verbose_name = _("出典の合計")
        verbose_name_plural = _("出典の合計")
        ordering = ["scope"]

    def __str__(self):
        return f"{self.label_as_written}: {self.value}"
