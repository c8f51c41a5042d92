"""The fit-gap matrix (機能適合分析) and the common forms (規定帳票).

A function is a row of the matrix, in one business area of the group; a fit is one member's judgement
of one function (a cell). A cell without a fit, or with a blank level, is 未判定. The seed's line staff
do this analysis: each member's staff judge their own column, the secretariat may set any cell, and who
decided is kept.
The common forms are the forms the members agree to unify (the seed's group unified 19), with each
member's progress towards them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import SystemArea
from procurement.models.workspace import Member, Workspace


class FitLevel(models.TextChoices):
    STANDARD = "standard", _("標準で可")
    PARAMETER = "parameter", _("パラメータで可")
    OPERATION = "operation", _("運用で対応")
    CUSTOMISE = "customise", _("カスタマイズ要")
    NOT_NEEDED = "not_needed", _("不要")


class Function(models.Model):
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="functions", verbose_name=_("検討会")
    )
    area = models.ForeignKey(
        SystemArea, on_delete=models.PROTECT, related_name="procurement_functions", verbose_name=_("業務分野")
    )
    name = models.CharField(_("機能"), max_length=200)
    description = models.TextField(_("説明"), blank=True)
    order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("機能")
        verbose_name_plural = _("機能")
        ordering = ["area__order", "area__name", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "area", "name"], name="procurement_function_once"),
        ]

    def __str__(self):
        return f"{self.area}: {self.name}"


class Fit(models.Model):
    """One member's judgement of one function: how the chosen package covers it."""

    Level = FitLevel

    function = models.ForeignKey(
        Function, on_delete=models.CASCADE, related_name="fits", verbose_name=_("機能")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="fits", verbose_name=_("参加団体")
    )
    # Blank: 未判定 with a note (e.g. the question put to the vendor's SE while it is open).
    level = models.CharField(_("判定"), max_length=12, choices=FitLevel.choices, blank=True)
    note = models.TextField(_("メモ"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("判定した人"),
    )
    decided_at = models.DateTimeField(_("判定日時"), default=timezone.now)

    class Meta:
        verbose_name = _("機能の適合判定")
        verbose_name_plural = _("機能の適合判定")
        constraints = [
            models.UniqueConstraint(fields=["function", "member"], name="procurement_fit_once"),
        ]

    def __str__(self):
        return f"{self.function} / {self.member.municipality}: {self.get_level_display()}"


class CommonForm(models.Model):
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="common_forms", verbose_name=_("検討会")
    )
    name = models.CharField(_("帳票名"), max_length=100)
    order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("規定帳票")
        verbose_name_plural = _("規定帳票")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="procurement_common_form_once"),
        ]

    def __str__(self):
        return self.name


class AdoptionState(models.TextChoices):
    NOT_STARTED = "not_started", _("未着手")
    ADJUSTING = "adjusting", _("調整中")
    UNIFIED = "unified", _("統一済み")
    NOT_APPLICABLE = "not_applicable", _("対象外")


class FormAdoption(models.Model):
    """Where one member stands on one common form; a member without a row has not started."""

    State = AdoptionState

    form = models.ForeignKey(
        CommonForm, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("規定帳票")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="form_adoptions", verbose_name=_("参加団体")
    )
    state = models.CharField(
        _("状況"), max_length=16, choices=AdoptionState.choices, default=AdoptionState.NOT_STARTED
    )
    note = models.TextField(_("メモ"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("更新した人"),
    )
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)

    class Meta:
        verbose_name = _("規定帳票の統一状況")
        verbose_name_plural = _("規定帳票の統一状況")
        constraints = [
            models.UniqueConstraint(fields=["form", "member"], name="procurement_form_adoption_once"),
        ]

    def __str__(self):
        return f"{self.form} / {self.member.municipality}: {self.get_state_display()}"
