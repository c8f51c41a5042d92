import re

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager, _user_has_module_perms, _user_has_perm
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal import notification_kinds
from portal.kana import gojuon_key
from portal.localize import in_display_order, localized


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in with an e-mail address; their role comes from their membership."""

    username = None
    email = models.EmailField(_("メールアドレス"), unique=True)
    # The language the person last read the portal in: their e-mail notices are written in it.
    language = models.CharField(_("表示言語"), max_length=8, blank=True, choices=settings.LANGUAGES)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("利用者")
        verbose_name_plural = _("利用者")

    def get_full_name(self):
        # Japanese order: family name first.
        return f"{self.last_name} {self.first_name}".strip() or self.email

    def __str__(self):
        return self.get_full_name()

    # Django answers True for any active superuser without asking a backend; here the backends
    # (portal.backends) always decide, so an admin whose membership ended loses every permission.
    def has_perm(self, perm, obj=None):
        return self.is_active and _user_has_perm(self, perm, obj)

    def has_module_perms(self, app_label):
        return self.is_active and _user_has_module_perms(self, app_label)

    @property
    def current_membership(self):
        """The pending or active membership, if any (at most one exists)."""
        cached = getattr(self, "_current_membership", None)
        if cached is None:
            cached = (
                self.memberships.filter(state__in=[Membership.State.PENDING, Membership.State.ACTIVE])
                .select_related("municipality")
                .first()
            ) or False
            self._current_membership = cached
        return cached or None


class Municipality(models.Model):
    class Kind(models.TextChoices):
        CITY = "市", _("市")
        TOWN = "町", _("町")
        VILLAGE = "村", _("村")

    code = models.CharField(_("地方公共団体コード"), max_length=5, unique=True)
    name = models.CharField(_("団体名"), max_length=50)
    name_en = models.CharField(_("団体名（英語）"), max_length=100, blank=True)
    kana = models.CharField(_("よみ"), max_length=100)
    kana_sort = models.CharField(max_length=210, editable=False, db_index=True)
    kind = models.CharField(_("種別"), max_length=1, choices=Kind.choices)
    district = models.CharField(_("郡"), max_length=50, blank=True)
    # Districts are listed in 五十音順 like municipalities; their reading comes with the reference data.
    district_kana = models.CharField(_("郡のよみ"), max_length=100, blank=True)
    district_en = models.CharField(_("郡（英語）"), max_length=100, blank=True)
    # The prefecture's regions (in Nara 北和・西和・中和・東和・南和): neighbours a 郡 cannot tell, as cities
    # belong to none.
    region = models.CharField(_("地域"), max_length=50, blank=True)
    region_en = models.CharField(_("地域（英語）"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("人口"), null=True, blank=True)
    population_is_approximate = models.BooleanField(
        _("人口は概数"),
        default=True,
        help_text=_("公式の統計値に置き換えたらオフにしてください。"),
    )

    class Meta:
        verbose_name = _("市町村")
        verbose_name_plural = _("市町村")
        ordering = ["kana_sort"]

    def __str__(self):
        return self.localized_name

    def save(self, *args, **kwargs):
        self.kana_sort = gojuon_key(self.kana)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "kana" in update_fields:
            kwargs["update_fields"] = {*update_fields, "kana_sort"}
        super().save(*args, **kwargs)

    @property
    def localized_name(self) -> str:
        return localized(self.name, self.name_en)

    @property
    def localized_district(self) -> str:
        return localized(self.district, self.district_en)

    @property
    def localized_region(self) -> str:
        return localized(self.region, self.region_en)

    @classmethod
    def in_display_order(cls, queryset=None):
        """五十音順 in Japanese, alphabetical in English (decided when called: call it per request)."""
        return in_display_order(cls.objects.all() if queryset is None else queryset)


DOMAIN_PATTERN = re.compile(r"(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


def normalise_domain(value: str) -> str:
    return value.strip().lstrip("@").rstrip(".").lower()


class MunicipalityEmailDomain(models.Model):
    """A mail domain whose holders may sign up as pending staff of the municipality."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="email_domains", verbose_name=_("市町村")
    )
    domain = models.CharField(_("メールドメイン"), max_length=253, unique=True)

    class Meta:
        verbose_name = _("登録メールドメイン")
        verbose_name_plural = _("登録メールドメイン")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = normalise_domain(self.domain)
        super().save(*args, **kwargs)

    def clean(self):
        # Normalised before the uniqueness check, so "City.Kashiba.LG.JP." is found as a duplicate.
        self.domain = normalise_domain(self.domain)
        if not DOMAIN_PATTERN.fullmatch(self.domain):
            raise ValidationError(
                {"domain": _("city.kashiba.lg.jp のような、@ より後ろのドメイン名を入力してください。")}
            )


class Role(models.TextChoices):
    STAFF = "staff", _("市町村職員")
    ADVISOR = "advisor", _("CIO補佐官")
    OFFICIAL = "official", _("幹部・県職員")
    ADMIN = "admin", _("管理者")
    # An outside consultant hired as a joint-procurement group's secretariat: sees only the workspaces
    # that name it (procurement), nothing else of the portal.
    CONSULTANT = "consultant", _("支援事業者（コンサルタント）")


class MembershipState(models.TextChoices):
    PENDING = "pending", _("承認待ち")
    ACTIVE = "active", _("有効")
    ENDED = "ended", _("終了")


class Membership(models.Model):
    State = MembershipState

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("利用者")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("市町村"),
    )
    role = models.CharField(_("役割"), max_length=16, choices=Role.choices)
    state = models.CharField(_("状態"), max_length=16, choices=State.choices, default=State.PENDING)
    requested_at = models.DateTimeField(_("申請日時"), default=timezone.now)
    started_on = models.DateField(_("開始日"), null=True, blank=True)
    ended_on = models.DateField(_("終了日"), null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("承認・終了した人"),
    )

    class Meta:
        verbose_name = _("所属")
        verbose_name_plural = _("所属")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                name="membership_staff_has_municipality",
                condition=(Q(role=Role.STAFF) & Q(municipality__isnull=False))
                | (~Q(role=Role.STAFF) & Q(municipality__isnull=True)),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(state__in=[MembershipState.PENDING, MembershipState.ACTIVE]),
                name="membership_one_current_per_user",
            ),
        ]

    def __str__(self):
        where = str(self.municipality) if self.municipality_id else ""
        return f"{self.user} {where} {self.get_role_display()} ({self.get_state_display()})".replace(
            "  ", " "
        )

    @property
    def role_label(self) -> str:
        """The role as the header shows it: 市町村職員（香芝市） / Municipal staff (Kashiba City)."""
        if not self.municipality_id:
            return self.get_role_display()
        return _("%(role)s（%(municipality)s）") % {
            "role": self.get_role_display(),
            "municipality": self.municipality,
        }


class HomePage(Page):
    """The portal's front page: entry points for each role, editable introduction."""

    introduction = RichTextField(_("紹介文"), blank=True, features=["bold", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("ホームページ")


class SystemArea(models.Model):
    """A business system area (住民記録, 税務, …): the taxonomy every app shares; admins edit it."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    name_en = models.CharField(_("名称（英語）"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("表示順"), default=0)
    active = models.BooleanField(_("使用中"), default=True)

    class Meta:
        verbose_name = _("業務システム分野")
        verbose_name_plural = _("業務システム分野")
        ordering = ["order", "name"]

    def __str__(self):
        return localized(self.name, self.name_en)


class Notification(models.Model):
    """An in-app notice, of a kind an app registered (portal.notification_kinds); `key` makes a retried
    task create it once. It points at its object generically, so any app's objects can be its subject.

    It stores the kind and the event's parameters, not a sentence, so each reader gets it in their
    language; `text` holds the Japanese sentence of notices stored before parameters were."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, validators=[notification_kinds.validate_kind])
    key = models.CharField(max_length=100)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    params = models.JSONField(default=dict, blank=True)
    text = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="portal_notification_once")]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.message

    @property
    def message(self) -> str:
        if self.text and not self.params:
            return self.text
        kind = notification_kinds.get(self.kind)
        return kind.message(self.params) if kind else self.text


class NotificationOptOut(models.Model):
    """A kind of notification a user turned off."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40, validators=[notification_kinds.validate_kind])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="portal_notification_optout_once")
        ]

    def __str__(self):
        return f"{self.user_id}: {self.kind}"


class HandoverState(models.TextChoices):
    PENDING = "pending", _("承認待ち")
    CONFIRMED = "confirmed", _("引継ぎ済み")
    REFUSED = "refused", _("不承認")
    CANCELLED = "cancelled", _("取消し")


class HandoverRequest(models.Model):
    """A 人事異動 hand-over as asked for: nothing moves and the membership stays until the leaver, an
    advisor or an admin confirms it. The row is the record of who asked, who decided, and what moved
    (what moves is each app's: portal.handover's participants)."""

    State = HandoverState

    leaver_membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="handover_requests",
        verbose_name=_("異動・退職する職員の所属"),
    )
    successor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("引継ぎ先の職員")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("依頼した人")
    )
    note = models.TextField(_("理由・連絡事項"), blank=True)
    state = models.CharField(_("状態"), max_length=12, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("依頼日時"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("処理した人"),
    )
    decided_at = models.DateTimeField(_("処理日時"), null=True, blank=True)
    decision_note = models.TextField(_("処理のメモ"), blank=True)
    moved_count = models.PositiveIntegerField(_("引き継いだ件数"), null=True, blank=True)

    class Meta:
        verbose_name = _("引継ぎの依頼")
        verbose_name_plural = _("引継ぎの依頼")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["leaver_membership"],
                condition=Q(state=HandoverState.PENDING),
                name="portal_handover_one_pending_per_leaver",
            ),
        ]

    def __str__(self):
        return f"{self.leaver_membership_id} → {self.successor_id} ({self.get_state_display()})"

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING
