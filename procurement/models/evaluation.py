"""Vendor evaluation (総合評価型プロポーザル): a round (デモ評価 or 提案評価) has criteria with their
points (the weights), the vendors it evaluates and their proposed prices; each member's evaluators
score every vendor on every criterion on their own; after the round closes the group records which
vendor it chose and why. The arithmetic of the results is procurement.scoring."""

from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procurement.models.workspace import Member, Workspace


class Vendor(models.Model):
    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="vendors", verbose_name=_("検討会")
    )
    name = models.CharField(_("事業者名"), max_length=100)
    created_at = models.DateTimeField(_("登録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("事業者")
        verbose_name_plural = _("事業者")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="procurement_vendor_once"),
        ]

    def __str__(self):
        return self.name


class RoundStage(models.TextChoices):
    DEMO = "demo", _("デモ評価")
    PROPOSAL = "proposal", _("提案評価")


class RoundState(models.TextChoices):
    OPEN = "open", _("評価受付中")
    CLOSED = "closed", _("締切済み")


class Round(models.Model):
    Stage = RoundStage
    State = RoundState

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("検討会")
    )
    title = models.CharField(_("評価の名称"), max_length=100)
    stage = models.CharField(_("段階"), max_length=12, choices=RoundStage.choices, default=RoundStage.DEMO)
    state = models.CharField(_("状態"), max_length=8, choices=RoundState.choices, default=RoundState.OPEN)
    technical_points = models.PositiveIntegerField(_("技術点の満点"), default=70)
    price_points = models.PositiveIntegerField(_("価格点の満点"), default=30)
    vendors = models.ManyToManyField(
        Vendor, blank=True, related_name="rounds", verbose_name=_("評価する事業者")
    )
    opened_at = models.DateTimeField(_("開始日時"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    closed_at = models.DateTimeField(_("締切日時"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("締め切った人"),
    )

    class Meta:
        verbose_name = _("事業者評価")
        verbose_name_plural = _("事業者評価")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # Two submits of the same new round race to one row (services_evaluation.round_create).
            models.UniqueConstraint(
                fields=["workspace", "title"],
                condition=models.Q(state="open"),
                name="procurement_open_round_once",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.state == RoundState.OPEN


class Criterion(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("評価")
    )
    name = models.CharField(_("評価項目"), max_length=100)
    max_points = models.PositiveIntegerField(_("配点"), validators=[MinValueValidator(1)])
    order = models.PositiveIntegerField(_("表示順"), default=0)

    class Meta:
        verbose_name = _("評価項目")
        verbose_name_plural = _("評価項目")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="procurement_criterion_once"),
            models.CheckConstraint(
                condition=models.Q(max_points__gte=1), name="procurement_criterion_points"
            ),
        ]

    def __str__(self):
        return self.name


class Bid(models.Model):
    """A vendor's proposed price in the round, in yen (as the RFP asks for it): the price score's input."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="bids", verbose_name=_("評価"))
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="bids", verbose_name=_("事業者")
    )
    price = models.PositiveBigIntegerField(_("提案価格（円）"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("提案価格")
        verbose_name_plural = _("提案価格")
        constraints = [
            models.UniqueConstraint(fields=["round", "vendor"], name="procurement_bid_once"),
            models.CheckConstraint(condition=models.Q(price__gte=1), name="procurement_bid_positive"),
        ]

    def __str__(self):
        return f"{self.round}: {self.vendor}"


class Score(models.Model):
    """One evaluator's points for one vendor on one criterion, for the member municipality they work for."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="scores", verbose_name=_("評価"))
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("評価項目")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.CASCADE, related_name="scores", verbose_name=_("事業者")
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="procurement_scores",
        verbose_name=_("評価者"),
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="scores", verbose_name=_("参加団体")
    )
    points = models.PositiveIntegerField(_("点数"))
    comment = models.TextField(_("評価のコメント"), blank=True)
    updated_at = models.DateTimeField(_("更新日時"), default=timezone.now)

    class Meta:
        verbose_name = _("評価点")
        verbose_name_plural = _("評価点")
        ordering = ["criterion__order", "criterion_id", "vendor__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "vendor", "evaluator"], name="procurement_score_once_per_evaluator"
            ),
        ]

    def __str__(self):
        return f"{self.criterion} / {self.vendor}: {self.points}"


class Decision(models.Model):
    """事業者決定: the vendor the group chose after a closed round, and why."""

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="decision", verbose_name=_("評価")
    )
    vendor = models.ForeignKey(
        Vendor, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("選定した事業者")
    )
    reasons = models.TextField(_("選定の理由"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("記録した人")
    )
    decided_at = models.DateTimeField(_("記録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("事業者決定")
        verbose_name_plural = _("事業者決定")

    def __str__(self):
        return f"{self.round}: {self.vendor}"


@dataclass(frozen=True)
class Sheet:
    """One evaluator's scores in a round (評価票): the thing the sheet rules decide about."""

    round: Round
    evaluator: object
