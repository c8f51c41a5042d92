"""A joint-procurement group (共同化検討会) as its workspace: who takes part, who runs it, and what it
is for. The seed's typology (how tightly the members are tied, and whether they contract individually
or jointly) and the purpose (which decides when BPR is done) are kept as choices the pages explain."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Municipality, SystemArea


class Arrangement(models.TextChoices):
    VOLUNTARY = "voluntary", _("任意団体")
    WIDE_AREA_UNION = "wide_area_union", _("広域連合")
    PARTIAL_AFFAIRS_UNION = "partial_affairs_union", _("一部事務組合")


class Purpose(models.TextChoices):
    COST = "cost", _("コスト削減")
    SERVICE = "service", _("業務効率・住民サービスの向上")


class WorkspaceStatus(models.TextChoices):
    FORMING = "forming", _("検討中")
    LIVE = "live", _("稼働済み")
    DISSOLVED = "dissolved", _("解散")


class Workspace(models.Model):
    Status = WorkspaceStatus

    slug = models.SlugField(_("URL 用の名前"), max_length=60, unique=True, allow_unicode=False)
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("概要"), blank=True)
    arrangement = models.CharField(
        _("組織形態"), max_length=24, choices=Arrangement.choices, default=Arrangement.VOLUNTARY
    )
    purpose = models.CharField(_("目的"), max_length=16, choices=Purpose.choices, default=Purpose.COST)
    areas = models.ManyToManyField(
        SystemArea, blank=True, related_name="procurement_workspaces", verbose_name=_("対象業務")
    )
    # The seed counts a group's scope in 業務 (the finished group: 22業務), finer than the portal's
    # system areas; when it is not given, the number of areas stands for it.
    business_count = models.PositiveSmallIntegerField(
        _("対象業務の数"),
        null=True,
        blank=True,
        help_text=_(
            "住民記録・個人住民税・固定資産税…のように、システムの業務単位で数えた数です。空欄のときは対象業務の分野の数で数えます。"
        ),
    )
    status = models.CharField(
        _("状態"), max_length=16, choices=WorkspaceStatus.choices, default=WorkspaceStatus.FORMING
    )
    # Other municipalities see a workspace exists only while the group recruits.
    recruiting = models.BooleanField(_("参加募集中"), default=False)
    started_on = models.DateField(_("検討開始日"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("作成者")
    )
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)

    class Meta:
        verbose_name = _("共同化検討会")
        verbose_name_plural = _("共同化検討会")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    @property
    def scope_size(self) -> int:
        """The number of 業務 the group takes on, as the success factors count it."""
        return self.business_count if self.business_count is not None else self.areas.count()


class Member(models.Model):
    """A municipality taking part, with its 担当者 (the staff member who speaks for it in the group)."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="members", verbose_name=_("検討会")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="procurement_members", verbose_name=_("団体")
    )
    is_founder = models.BooleanField(_("発起団体"), default=False)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("担当者"),
    )
    joined_on = models.DateField(_("参加日"), default=timezone.localdate)
    # The 首長's sign-off: a group whose members' heads have not agreed is warned (the seed's factor).
    head_signoff_on = models.DateField(_("首長の了承日"), null=True, blank=True)

    class Meta:
        verbose_name = _("参加団体")
        verbose_name_plural = _("参加団体")
        ordering = ["-is_founder", "municipality__kana_sort"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "municipality"], name="procurement_member_once"),
        ]

    def __str__(self):
        return f"{self.workspace}: {self.municipality}"


class Secretariat(models.Model):
    """Who runs the group (事務局): CIO advisors, and optionally a consultant account limited to it."""

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="secretariat", verbose_name=_("検討会")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="procurement_secretariats",
        verbose_name=_("事務局の担当者"),
    )
    added_at = models.DateTimeField(_("追加日時"), default=timezone.now)

    class Meta:
        verbose_name = _("事務局")
        verbose_name_plural = _("事務局")
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "user"], name="procurement_secretariat_once"),
        ]

    def __str__(self):
        return f"{self.workspace}: {self.user}"


class InvitationState(models.TextChoices):
    OPEN = "open", _("回答待ち")
    ACCEPTED = "accepted", _("参加")
    DECLINED = "declined", _("辞退")
    WITHDRAWN = "withdrawn", _("取り下げ")


class Invitation(models.Model):
    """The founders' invitation to a municipality; its staff accept (it becomes a member) or decline."""

    State = InvitationState

    workspace = models.ForeignKey(
        Workspace, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("検討会")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="procurement_invitations", verbose_name=_("団体")
    )
    message = models.TextField(_("呼びかけの文面"), blank=True)
    # Why the partner finder ranked it (shown to the invited staff, so they see why they were asked).
    reasons = models.JSONField(_("候補とした理由"), default=list, blank=True)
    state = models.CharField(
        _("状態"), max_length=12, choices=InvitationState.choices, default=InvitationState.OPEN
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("呼びかけた人")
    )
    created_at = models.DateTimeField(_("呼びかけ日時"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回答した人"),
    )
    decided_at = models.DateTimeField(_("回答日時"), null=True, blank=True)
    decision_note = models.TextField(_("回答のメモ"), blank=True)

    class Meta:
        verbose_name = _("参加の呼びかけ")
        verbose_name_plural = _("参加の呼びかけ")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "municipality"],
                condition=models.Q(state="open"),
                name="procurement_one_open_invitation",
            ),
        ]

    def __str__(self):
        return f"{self.workspace} → {self.municipality}"
